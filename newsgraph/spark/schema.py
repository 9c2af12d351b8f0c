"""The lake's tables: their columns and types, one version number for all of them.

A lake is a folder (or any URI Spark writes) holding one Parquet table per folder:

    LAKE/_lake.json          the manifest: format, version, counts, the run's settings
    LAKE/articles/month=2024-07/part-….parquet
    LAKE/entities/ mentions/ quotes/ events/ event_dyads/ damage/   (partitioned by month)
    LAKE/actors/ inputs/ failures/                                  (not partitioned)

`month` is the article's publication month (`YYYY-MM`, or `unknown`); every table of an
article's annotations carries it, with `article_id` and `seq` (the input order), so a query
prunes months the same way on each table. Nested values follow the JSON Lines contract of
`newsgraph decode --format jsonl` (see :mod:`newsgraph.output`): spans are `[start, end]`
lists of Python string indices into `articles.text`.

Change a column, and LAKE_VERSION goes up (docs/lake.md says what changed); readers refuse
a lake of another version instead of misreading it.
"""

from __future__ import annotations

# pyarrow ships no type information (see newsgraph/export/writers.py).
import pyarrow as pa  # type: ignore[import-untyped]

LAKE_VERSION = 3
LAKE_FORMAT = "newsgraph-lake"
MANIFEST = "_lake.json"
UNKNOWN_MONTH = "unknown"

_STR = pa.string()
_INT = pa.int64()
_SPAN = pa.list_(_INT)  # [start, end]

_SPEAKER = pa.struct(
    [("entity", _STR), ("name", _STR), ("span", _SPAN), ("role", _STR), ("code", _STR)]
)
_EVENT_ACTOR = pa.struct([("entity", _STR), ("name", _STR), ("code", _STR), ("span", _SPAN)])
_LOCATION = pa.struct(
    [
        ("name", _STR),
        ("country", _STR),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("span", _SPAN),
        ("geonameid", _INT),
    ]
)

# The columns of each table that an article's rows fill in themselves; the tables add
# `article_id` and `seq` before them and `month` after them (see `table_schema`).
ROW_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("url", _STR),
        ("source", _STR),
        ("title", _STR),
        ("authors", pa.list_(_STR)),
        ("published", _STR),
        ("language", _STR),
        ("analyzed", pa.bool_()),
        ("text", _STR),
        ("content_hash", _STR),
        ("raw_hash", _STR),
        ("notes", pa.list_(pa.struct([("kind", _STR), ("text", _STR)]))),
        ("metadata", _STR),  # a JSON object: any other field the input had
        ("sentences", pa.list_(_SPAN)),
        ("input", _STR),  # "file [record]" it was read from
    ],
    "entities": [
        ("entity_id", _STR),
        ("position", _INT),  # order of the entity in its article
        ("name", _STR),
        ("type", _STR),
        ("country", _STR),
        ("sector", _STR),
        ("code", _STR),
        ("roles", pa.list_(_STR)),
        ("canonical_id", _STR),
        ("code_basis", _STR),  # how the country was found: known, text, context
    ],
    "mentions": [
        ("entity_id", _STR),
        ("position", _INT),  # order of the mention in its entity
        ("start", _INT),
        ("end", _INT),
        ("kind", _STR),
        ("role", _STR),
    ],
    "quotes": [
        ("quote_id", _STR),
        ("position", _INT),
        ("text", _STR),
        ("spans", pa.list_(_SPAN)),
        ("kind", _STR),
        ("speaker", _SPEAKER),
        ("speaker_canonical_id", _STR),
        ("cue", pa.struct([("text", _STR), ("span", _SPAN)])),
        ("tone", pa.float64()),
        ("attribution", _STR),
    ],
    "events": [
        ("event_id", _STR),
        ("position", _INT),
        ("type", _STR),
        ("mode", _STR),
        ("context", pa.list_(_STR)),
        ("cameo", _STR),
        ("quad_class", _INT),
        ("goldstein", pa.float64()),
        ("source", pa.list_(_EVENT_ACTOR)),
        ("target", pa.list_(_EVENT_ACTOR)),
        ("modality", _STR),
        ("reported_by", _SPEAKER),
        ("quote_id", _STR),
        ("date", _STR),
        ("date_source", _STR),
        ("date_span", _SPAN),
        ("location", _LOCATION),
        ("trigger", _SPAN),
        ("sentence", _SPAN),
    ],
    # Every source x target pair of an event, one actor per side: "A towards B by month"
    # is a filter and a GROUP BY on this table alone.
    "event_dyads": [
        ("event_id", _STR),
        ("source_position", _INT),
        ("target_position", _INT),
        ("source_name", _STR),
        ("source_canonical_id", _STR),
        ("source_code", _STR),
        ("source_country", _STR),
        ("target_name", _STR),
        ("target_canonical_id", _STR),
        ("target_code", _STR),
        ("target_country", _STR),
        ("type", _STR),
        ("cameo", _STR),
        ("modality", _STR),
        ("quad_class", _INT),
        ("goldstein", pa.float64()),
        ("date", _STR),
        ("event_month", _STR),  # month of the event's own date (YYYY-MM), else None
    ],
    "damage": [
        ("position", _INT),
        ("kind", _STR),
        ("start", _INT),
        ("end", _INT),
        ("detail", _STR),
    ],
}
ARTICLE_TABLES = tuple(ROW_FIELDS)
ANNOTATION_TABLES = tuple(t for t in ARTICLE_TABLES if t != "articles")

# Tables of the whole lake, not of one article's month.
GLOBAL_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    # Every input decoded, by the hash of its exact content, and the article it became
    # (several inputs may become one article): `load` records them so that a later
    # `newsgraph decode` of the same files skips them.
    "inputs": [("raw_hash", _STR), ("article_id", _STR)],
    # Inputs and records that could not be decoded, and why.
    "failures": [
        ("seq", _INT),
        ("path", _STR),
        ("record", _STR),
        ("code", _STR),
        ("message", _STR),
    ],
    # One row per actor id over the lake: the knowledge base's id or the article-level
    # "local:" id from the name; `articles` and `mentions` count where it appears.
    "actors": [
        ("canonical_id", _STR),
        ("name", _STR),
        ("type", _STR),
        ("country", _STR),
        ("sector", _STR),
        ("code", _STR),
        ("articles", _INT),
        ("mentions", _INT),
    ],
}
TABLES = ARTICLE_TABLES + tuple(GLOBAL_TABLES)


def row_type(table: str) -> pa.StructType:
    """The struct of one row of an article table as an article's decode produces it."""
    return pa.struct(ROW_FIELDS[table])


def table_schema(table: str) -> pa.Schema:
    """The full schema of a table as it is stored (partition column `month` included)."""
    if table in GLOBAL_TABLES:
        return pa.schema(GLOBAL_TABLES[table])
    key = "id" if table == "articles" else "article_id"
    return pa.schema([(key, _STR), ("seq", _INT), *ROW_FIELDS[table], ("month", _STR)])


def decoded_schema() -> pa.Schema:
    """What a Spark task writes for each input it decoded: the article's rows of every
    table, nested, or the failure. The job dedups these, then splits them into tables."""
    failure = pa.struct([(name, kind) for name, kind in GLOBAL_TABLES["failures"] if name != "seq"])
    return pa.schema(
        [
            ("seq", _INT),
            ("article_id", _STR),
            ("content_hash", _STR),
            ("raw_hash", _STR),
            ("month", _STR),
            ("failure", failure),
            ("article", row_type("articles")),
            *[(table, pa.list_(row_type(table))) for table in ANNOTATION_TABLES],
        ]
    )


__all__ = [
    "ANNOTATION_TABLES",
    "ARTICLE_TABLES",
    "GLOBAL_TABLES",
    "LAKE_FORMAT",
    "LAKE_VERSION",
    "MANIFEST",
    "ROW_FIELDS",
    "TABLES",
    "UNKNOWN_MONTH",
    "decoded_schema",
    "row_type",
    "table_schema",
]
