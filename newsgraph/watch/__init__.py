"""Live news: polling feeds and pages (`newsgraph watch`), with their fetch state stored.

with Store("news.db") as store:
    poller = Poller(store, Config(contact="desk@example.org"), every=900)
    urls = poller.add(read_sources_file("sources.txt"))
    for cycle in poller.run(urls):
        print(cycle.articles, "new articles")
"""

from __future__ import annotations

from newsgraph.watch.poller import Cycle, Poll, Poller
from newsgraph.watch.schedule import backoff, parse_duration
from newsgraph.watch.sources_file import Listed, read_sources_file

__all__ = [
    "Cycle",
    "Listed",
    "Poll",
    "Poller",
    "backoff",
    "parse_duration",
    "read_sources_file",
]
