"""Spark's Python daemon, with the decoder loaded before it forks the workers.

Spark starts one Python daemon per executor, which forks a worker process for each task
slot (`spark.python.daemon.module` names the daemon's module; `job.spark_session` sets it
to this one for local masters). PySpark's own daemon forks bare interpreters, and each
worker then loads the spaCy model and the components' tables itself: on local[2], two
loads of about 0.9 GB and some seconds each, on the cores that should be decoding.

This daemon builds the Decoder of the default configuration first, decodes one short
text (so that every table loaded on first use is loaded), freezes the garbage collector's
view of those objects, and then runs PySpark's daemon unchanged. Forked workers find the
decoder in `executor.decoder_for`'s cache at once and share its memory copy-on-write:
`gc.freeze()` keeps the collection PySpark runs after each task from touching (and so
copying) the frozen objects' pages. A job with another configuration builds its Decoder
in each worker, as it would without this daemon; if preloading fails, the workers load
the model themselves and report any error where the job sees it.
"""

from __future__ import annotations

import contextlib
import gc
import sys

from pyspark import daemon

from newsgraph.config import Config
from newsgraph.model import Origin, RawDocument
from newsgraph.spark.executor import decoder_for

# Loads what the components load on first use: names, places, a quote, an event.
_WARM_UP = (
    'The French president met the German chancellor in Berlin on Monday. "We agree on '
    'Ukraine," the chancellor said, and Russia condemned the meeting.'
)


def preload(config: Config | None = None) -> bool:
    """Load the decoder for `config` (default: the default configuration) into this
    process and freeze it for the garbage collector; False if it could not be loaded."""
    # Spark reads the daemon's port from its stdout: nothing else may be written there.
    with contextlib.redirect_stdout(sys.stderr):
        try:
            decoder = decoder_for(config or Config())
            raw = RawDocument(origin=Origin("<warm-up>"), format="text", text=_WARM_UP)
            decoder.decode_batch([raw])
        except Exception as exc:  # the workers will load it and report the error
            print(f"newsgraph: the Spark daemon did not preload the decoder: {exc!r}")
            return False
    gc.collect()
    gc.freeze()
    return True


def main() -> None:
    preload()
    daemon.manager()


if __name__ == "__main__":
    main()


__all__ = ["main", "preload"]
