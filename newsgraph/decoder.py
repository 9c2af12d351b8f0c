"""Decoder: RawDocuments → analyzed Articles. The per-article work, free of any store.

It holds nothing but the configuration and the loaded model, so the same object runs in
this process, in a worker process or on a Spark executor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.config import Config
from newsgraph.errors import InputError
from newsgraph.extract.article import build_article
from newsgraph.extract.notes import NotePattern, default_patterns, load_patterns
from newsgraph.model import Article, Failure, Origin, RawDocument
from newsgraph.nlp.model import load_model
from newsgraph.nlp.registry import ComponentFn, build_components
from newsgraph.nlp.timing import stage, timed_iter

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
        docs = self.nlp.pipe(texts, batch_size=self.config.batch_size) if texts else []
        for index, doc in zip(to_analyze, timed_iter("model", docs), strict=True):
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
            outcomes.append(article)
        to_analyze = [i for i, a in enumerate(articles) if self._analyzable(a)]
        docs = self.nlp.pipe(
            [articles[i].text for i in to_analyze], batch_size=self.config.batch_size
        )
        for index, doc in zip(to_analyze, docs, strict=True):
            outcomes[index] = self._analyze(articles[index], doc)
        return outcomes

    def _extract(self, raw: RawDocument, known_content: ContentLookup | None) -> Outcome:
        try:
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
            return False
        if len(article.text) > self.nlp.max_length:
            article.metadata["not_analyzed"] = (
                f"text longer than the model's max_length ({self.nlp.max_length:,} characters)"
            )
            return False
        return True

    def _analyze(self, article: Article, doc: Any) -> Article | Failure:
        origin = article.origin or Origin(article.id)
        for name, run in self.components:
            try:
                with stage(name):
                    article = run(article, doc)
            except Exception as exc:  # one odd article must not sink the batch
                return Failure(origin, "internal", f"component {name!r} failed: {exc!r}")
        article.analyzed = True
        return article


__all__ = ["ContentLookup", "Decoder", "Outcome", "Skipped"]
