"""The typed data model that flows through every stage.

ingest/  turns inputs into :class:`RawDocument` (bytes or text plus metadata hints);
extract/ turns a RawDocument into an :class:`Article` with clean ``text``;
nlp/     adds sentences, entities (actors), quotes, events and damage;
store/   persists Articles; the JSONL writer serializes them.

Every span is ``(start, end)``: Python string indices into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

InputFormat = Literal["text", "html", "json", "jsonl", "feed"]


@dataclass(frozen=True)
class Origin:
    """Where a document came from: the file (or ``-`` for stdin) and the record in it."""

    path: str
    record: str | None = None  # "line 12", "entry 3", "record 0"; None for single-document files

    def __str__(self) -> str:
        return self.path if self.record is None else f"{self.path} [{self.record}]"


@dataclass
class RawDocument:
    """One article as read from its input, before extraction.

    Exactly one of ``text`` (plain text) or ``html`` is set. Metadata fields hold what
    the input said explicitly (JSON fields, feed entry fields, CLI options); extraction
    fills the gaps from the content itself.
    """

    origin: Origin
    format: InputFormat
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    raw_hash: str = ""  # hash of the exact input content: lets a re-run skip known inputs
    # Metadata used only where the content itself says nothing: the feed entry's title and
    # date for the page it links to, a WARC record's date for its page. Keys as the fields.
    fallback: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Unread:
    """An input record that is not decoded, and is no failure: a record that holds no
    article (a WARC request or warcinfo record, a response that is not HTML: `reason` says
    which), or a page whose URL is already stored as `article_id` (not fetched again;
    `raw_hash` is its input key). Runs count them in their summary."""

    origin: Origin
    reason: str
    article_id: str | None = None
    raw_hash: str = ""


@dataclass
class Note:
    """Text kept out of the analyzed ``text`` but stored: footers, editorial notes."""

    kind: str  # "syndication_footer", "editorial_note", "series_blurb", ...
    text: str


@dataclass(frozen=True)
class MentionDetail:
    """How one mention refers to its entity: by `kind` ("name", "surname", "title",
    "nominal", "pronoun", "demonym", "capital", "metonym", "alias") and with the `role`
    the text gives it there ("Kazakh President", "partner at the Berlin Global Advisor")."""

    span: Span
    kind: str
    role: str | None = None


@dataclass
class Entity:
    """An entity of one article: after the actor layer, an actor with every mention
    (names, titles, nominal descriptions, pronouns) and its code."""

    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3, "IGO", or None
    sector: str | None = None  # CAMEO sector or known-group code: GOV, MIL, BUS, UNO ...
    code: str | None = None  # country + sector, e.g. "KAZGOV"; "IGOUNO"
    roles: list[str] = field(default_factory=list)
    canonical_id: str | None = None  # the same real-world actor across articles
    details: list[MentionDetail] = field(default_factory=list)
    # How the country was found: "known" (knowledge base, gazetteer), "text" (a role, title
    # or demonym the article gives), "context" (guessed from a relative, the sentence or the
    # article); across articles the store prefers the first two (store/queries).
    code_basis: str | None = None


@dataclass
class Damage:
    """A place where the text has lost words (e.g. a hyperlinked name a scraper dropped)."""

    kind: str
    span: Span
    detail: str = ""


@dataclass
class Speaker:
    """Who a quote is attributed to: the actor (`entity`, an :class:`Entity` id of the same
    article, when resolved), its `name`, the `span` of the mention that speaks near the cue
    (a name, title, nominal or pronoun), the `role` the text gives it there and its `code`."""

    name: str
    entity: str | None = None
    span: Span | None = None
    role: str | None = None
    code: str | None = None


@dataclass
class Cue:
    """The reporting phrase that introduces a quote ("said", "told reporters", "according
    to", a colon)."""

    text: str
    span: Span


# What a quote's cue reports (Quote.attribution), statements first.
ATTRIBUTIONS = ("speech", "belief", "intention", "knowledge", "perception")


@dataclass
class Quote:
    """A reported statement: `spans` are the content fragments in the text (several for a
    quote interrupted by its cue or running over paragraphs); `text` is their content
    joined with a space. `kind` is "direct", "indirect" or "mixed"; `tone` is a lexicon
    sentiment score of the content in [-1, 1]. `attribution` says what the cue reports:
    "speech" (said, wrote), "belief" (thinks, fears), "intention" (wants, plans),
    "knowledge" (knows, found) or "perception" (saw, heard); None when not known (a quote
    stored before attributions were kept)."""

    id: str
    text: str
    spans: list[Span]
    kind: str
    speaker: Speaker | None = None
    cue: Cue | None = None
    tone: float | None = None
    attribution: str | None = "speech"


@dataclass
class EventActor:
    """One side of an event: the actor (`entity` id when the actor layer knows it), its
    `name`, CAMEO-style `code` and the `span` of the mention the event was coded from."""

    name: str
    entity: str | None = None
    code: str | None = None
    span: Span | None = None


@dataclass
class Location:
    """Where an event took place, geocoded offline: `country` is ISO 3166-1 alpha-3."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None
    geonameid: int | None = None


@dataclass
class Event:
    """A political event coded in PLOVER 2.0 (`type`, `mode`, `context`) and CAMEO
    (`cameo`, `quad_class`, `goldstein`), always tied to its `trigger` and `sentence`.

    `modality` is "asserted", "negated", "future" or "hypothetical": only asserted events
    happened. `reported_by` is the speaker when the event is told inside a quote (`quote`
    is that quote's id). `date` is ISO 8601 at the precision the text gives, with
    `date_source` "text" (resolved from the words at `date_span`) or "published".
    """

    id: str
    type: str
    trigger: Span
    sentence: Span
    source: list[EventActor] = field(default_factory=list)
    target: list[EventActor] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    modality: str = "asserted"
    reported_by: Speaker | None = None
    quote: str | None = None
    date: str | None = None
    date_source: str | None = None
    date_span: Span | None = None
    location: Location | None = None


@dataclass(frozen=True)
class ComponentError:
    """An analysis component that raised on one article: the article keeps what the other
    components found, and `metadata["failed_components"]` names the failed ones."""

    component: str
    message: str  # the exception, in one line
    traceback: str


@dataclass
class Article:
    """A decoded article. Its JSONL form (see :mod:`newsgraph.output`) is a public contract."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    analyzed: bool = False
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    content_hash: str = ""  # hash of the normalized text: the duplicate key
    raw_hash: str = ""
    # Components that raised in this run, with their tracebacks, for the run's report (not
    # stored: the stored record keeps their names in metadata["failed_components"]).
    component_errors: list[ComponentError] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    """An input that could not be decoded; the batch goes on without it."""

    origin: Origin
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message} [{self.code}]"
