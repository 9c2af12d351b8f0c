"""Decoder: RawDocuments → analyzed Articles. The per-article work, free of any store.

It holds nothing but the configuration and the loaded model, so the same object runs in
this process, in a worker process or on a Spark executor.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from newsgraph.config import Config
from newsgraph.errors import InputError
from newsgraph.extract.article import build_article
from newsgraph.extract.notes import NotePattern, default_patterns, load_patterns
from newsgraph.model import Article, ComponentError, Failure, Origin, RawDocument
from newsgraph.nlp.docs import remember_text
from newsgraph.nlp.model import load_model
from newsgraph.nlp.registry import ComponentFn, build_components
from newsgraph.nlp.timing import stage, timed_iter
from newsgraph.timeouts import time_limit

# Looks up an article id by content hash; lets a worker skip analysing a known article.
ContentLookup = Callable[[str], str | None]


@dataclass(frozen=True)
class Skipped:
    """An input that needed no work: its content is already decoded as `article_id`."""

    origin: Origin
    article_id: str
    raw_hash: str
    reason: str  # "known input", "duplicate"


Outcome = Article | Failure | Skipped


def note_patterns_for(config: Config) -> tuple[NotePattern, ...]:
    """The package's note patterns followed by those of the user's files."""
    extra = tuple(p for path in config.notes_files for p in load_patterns(path))
    return default_patterns() + extra


class Decoder:
    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.components: list[tuple[str, ComponentFn]] = build_components(self.config)
        self.note_patterns = note_patterns_for(self.config)
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_model(self.config.model)
        return self._nlp

    def decode(self, raw: RawDocument) -> Article | Failure:
        """One document; the pure per-article function."""
        outcome = self.decode_batch([raw])[0]
        assert not isinstance(outcome, Skipped)  # no content lookup, so nothing is skipped
        return outcome

    def decode_batch(
        self, raws: Sequence[RawDocument], known_content: ContentLookup | None = None
    ) -> list[Outcome]:
        """Outcomes in input order; a bad document becomes a Failure, never an exception."""
        with stage("extract"):
            outcomes: list[Outcome] = [self._extract(raw, known_content) for raw in raws]
        to_analyze = [
            i for i, o in enumerate(outcomes) if isinstance(o, Article) and self._analyzable(o)
        ]
        texts = [outcomes[i].text for i in to_analyze]  # type: ignore[union-attr]
        for index, doc in zip(to_analyze, timed_iter("model", self._docs(texts)), strict=True):
            article = outcomes[index]
            assert isinstance(article, Article)
            outcomes[index] = self._analyze(article, doc)
        return outcomes

    def reanalyze(self, articles: Sequence[Article]) -> list[Article | Failure]:
        """Stored articles analyzed again from their `text` (after the pipeline changed):
        extraction is not repeated, every analysis field is made anew."""
        outcomes: list[Article | Failure] = []
        for article in articles:
            article.analyzed = False
            article.sentences, article.entities, article.damage = [], [], []
            article.quotes, article.events = [], []
            article.metadata.pop("not_analyzed", None)
            article.metadata.pop("failed_components", None)
            article.component_errors = []
            outcomes.append(article)
        to_analyze = [i for i, a in enumerate(articles) if self._analyzable(a)]
        docs = self._docs([articles[i].text for i in to_analyze])
        for index, doc in zip(to_analyze, docs, strict=True):
            outcomes[index] = self._analyze(articles[index], doc)
        return outcomes

    def _extract(self, raw: RawDocument, known_content: ContentLookup | None) -> Outcome:
        try:
            with time_limit(self.config.max_extract_seconds, "extracting the article"):
                article = build_article(raw, self.note_patterns)
        except InputError as exc:
            return Failure(raw.origin, exc.code, exc.message)
        except Exception as exc:  # a bug on one odd page must not sink the batch
            return Failure(raw.origin, "internal", f"extraction failed unexpectedly: {exc!r}")
        existing = known_content(article.content_hash) if known_content else None
        if existing is not None:
            return Skipped(raw.origin, existing, raw.raw_hash, "duplicate")
        return article

    def _analyzable(self, article: Article) -> bool:
        # A language that cannot be told (a short text full of names) is analyzed: only
        # articles known to be in another language are left alone.
        if article.language is not None and article.language not in self.config.languages:
            languages = ", ".join(self.config.languages)
            article.metadata["not_analyzed"] = (
                f"language {article.language!r} is not among the analyzed ({languages})"
            )
            return False
        return True

    def _docs(self, texts: list[str]) -> Iterator[Any]:
        """The Doc of each text, in order: a text longer than a block is analyzed in
        paragraph blocks joined into one Doc of the whole text, so that its offsets hold and
        memory grows with the text, not with the model's appetite for one huge Doc."""
        short = [text for text in texts if len(text) <= BLOCK_CHARS]
        short_docs = iter(self.nlp.pipe(short, batch_size=self.config.batch_size) if short else ())
        for text in texts:
            if len(text) <= BLOCK_CHARS:
                yield remember_text(next(short_docs), text)
            else:
                yield self._long_doc(text)

    def _long_doc(self, text: str) -> Any:
        from spacy.tokens import Doc

        block_size = min(BLOCK_CHARS, self.nlp.max_length)
        docs = list(self.nlp.pipe(text_blocks(text, block_size), batch_size=1))
        # Blocks are contiguous slices and nothing is put between them: offsets hold.
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _analyze(self, article: Article, doc: Any) -> Article:
        """Every component in turn; one that raises is reported and its partial work undone,
        and the article keeps what the others found."""
        for name, run in self.components:
            saved = _analysis_fields(article)
            try:
                with stage(name):
                    article = run(article, doc)
            except Exception as exc:  # one odd article must not cost it, nor the batch
                for field_name, value in saved.items():
                    setattr(article, field_name, value)
                _record_failure(article, name, exc)
        article.analyzed = True
        return article


# Texts longer than this are analyzed in blocks: spaCy's memory for one Doc grows faster
# than its text (a 950,000-character Doc took 3 GB), and its max_length refuses longer ones.
BLOCK_CHARS = 100_000

# Where a block may end, best first: after a blank line, a line, a sentence, a word.
_BLOCK_ENDS = ("\n\n", "\n", ". ", " ")


def text_blocks(text: str, size: int) -> list[str]:
    """`text` cut into contiguous blocks of at most `size` characters, each ending at a
    paragraph break where there is one in its second half (else a line, a sentence, a
    word), so that no sentence is cut where the text has paragraphs."""
    blocks: list[str] = []
    start = 0
    while len(text) - start > size:
        end = _block_end(text, start, start + size)
        blocks.append(text[start:end])
        start = end
    blocks.append(text[start:])
    return blocks


def _block_end(text: str, start: int, limit: int) -> int:
    for separator in _BLOCK_ENDS:
        found = text.rfind(separator, start + (limit - start) // 2, limit)
        if found != -1:
            return found + len(separator)
    return limit


# What a component may set; shallow copies, so that a component that fails half-way can be
# undone (components replace or extend these lists, and add keys to metadata).
_ANALYSIS_FIELDS = ("sentences", "entities", "quotes", "events", "damage", "notes", "metadata")


def _analysis_fields(article: Article) -> dict[str, Any]:
    return {name: copy(getattr(article, name)) for name in _ANALYSIS_FIELDS}


def _record_failure(article: Article, component: str, exc: Exception) -> None:
    failed = article.metadata.setdefault("failed_components", [])
    failed.append(component)
    message = f"{type(exc).__name__}: {exc}".splitlines()[0]
    trace = "".join(traceback.format_exception(exc))
    article.component_errors.append(ComponentError(component, message, trace))


__all__ = ["BLOCK_CHARS", "ContentLookup", "Decoder", "Outcome", "Skipped", "text_blocks"]
