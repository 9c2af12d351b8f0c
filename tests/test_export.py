"""Exports: store tables streamed to JSON Lines, CSV and Parquet; the GDELT 2.0 events
table; the actor network as GraphML and GEXF; the `export` command."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsgraph.cli.export import export_command
from newsgraph.export import (
    GDELT_COLUMNS,
    EventFilter,
    UnknownTable,
    build_network,
    export_gdelt,
    export_table,
    table_names,
)
from newsgraph.export.gdelt_codes import action_geo, fips_code, split_actor_code
from newsgraph.model import Article, Entity, Event, EventActor, Location, Quote, Speaker
from newsgraph.store.sqlite import Store

FIRST = (
    "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping in Astana on "
    "Wednesday.\nRussia and Belarus criticized NATO on Monday.\n"
    '"NATO is threatening Belarus," said Alexander Lukashenko. Russia did not attack NATO.'
)
SECOND = "Tokayev met Xi Jinping again in Beijing.\nThe talks were friendly."


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _entity(text: str, id_: str, name: str, type_: str, words: str, code: str) -> Entity:
    country, sector = code[:3], code[3:] or None
    return Entity(id_, name, type_, [_at(text, words)], country, sector, code)


def _side(entity: Entity) -> EventActor:
    return EventActor(entity.name, entity.id, entity.code, entity.mentions[0])


def first_article() -> Article:
    t = FIRST
    tokayev = _entity(t, "e1", "Kassym-Jomart Tokayev", "PERSON", "Kassym-Jomart Tokayev", "KAZGOV")
    xi = _entity(t, "e2", "Xi Jinping", "PERSON", "Xi Jinping", "CHNGOV")
    russia = _entity(t, "e3", "Russia", "GPE", "Russia", "RUS")
    belarus = _entity(t, "e4", "Belarus", "GPE", "Belarus", "BLR")
    nato = Entity("e5", "NATO", "ORG", [_at(t, "NATO")], "IGO", "NAT", "IGOWSTNAT")
    lukashenko = _entity(t, "e6", "Alexander Lukashenko", "PERSON", "Lukashenko", "BLRGOV")
    speaker = Speaker("Alexander Lukashenko", "e6", _at(t, "Alexander Lukashenko"), None, "BLRGOV")
    content = _at(t, "NATO is threatening Belarus")
    quote = Quote("q1", t[content[0] : content[1]], [content], "direct", speaker, tone=-0.6)
    lines = t.split("\n")
    second_line = (len(lines[0]) + 1, len(lines[0]) + 1 + len(lines[1]))
    meeting = Event(
        "v1",
        "CONSULT",
        _at(t, "met"),
        (0, len(lines[0])),
        [_side(tokayev)],
        [_side(xi)],
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        date="2024-07-03",
        location=Location("Astana", "KAZ", 51.18, 71.45, _at(t, "Astana"), 1526273),
    )
    criticism = Event(
        "v2",
        "ACCUSE",
        _at(t, "criticized"),
        second_line,
        [_side(russia), _side(belarus)],
        [_side(nato)],
        cameo="111",
        quad_class=3,
        goldstein=-2.0,
        date="2024-07",
    )
    threat = Event(
        "v3",
        "THREATEN",
        _at(t, "threatening"),
        _at(t, '"NATO is threatening Belarus," said Alexander Lukashenko.'),
        [EventActor("NATO", "e5", "IGOWSTNAT")],
        [_side(belarus)],
        cameo="130",
        quad_class=3,
        goldstein=-4.4,
        reported_by=speaker,
        quote="q1",
        date="2024-07-04",
    )
    no_attack = Event(
        "v4",
        "ASSAULT",
        _at(t, "attack"),
        _at(t, "Russia did not attack NATO."),
        [_side(russia)],
        [_side(nato)],
        cameo="190",
        quad_class=4,
        goldstein=-10.0,
        modality="negated",
        date="2024-07-04",
    )
    return Article(
        "a1",
        t,
        url="https://example.org/astana",
        source="Steppe Wire",
        title="Tokayev meets Xi",
        published="2024-07-04",
        analyzed=True,
        sentences=[(0, len(lines[0]))],
        entities=[tokayev, xi, russia, belarus, nato, lukashenko],
        quotes=[quote],
        events=[meeting, criticism, threat, no_attack],
        content_hash="h1",
    )


def second_article() -> Article:
    t = SECOND
    tokayev = _entity(t, "e1", "Kassym-Jomart Tokayev", "PERSON", "Tokayev", "KAZGOV")
    xi = _entity(t, "e2", "Xi Jinping", "PERSON", "Xi Jinping", "CHNGOV")
    meeting = Event(
        "v1",
        "CONSULT",
        _at(t, "met"),
        _at(t, "Tokayev met Xi Jinping again in Beijing."),
        [_side(tokayev)],
        [_side(xi)],
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        date="2024-08-01",
    )
    return Article(
        "a2",
        t,
        url="https://example.org/beijing",
        source="Other Wire",
        published="2024-08-01",
        analyzed=True,
        entities=[tokayev, xi],
        events=[meeting],
        content_hash="h2",
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "newsgraph.db"
    with Store(path) as store, store.transaction():
        store.save(first_article())
        store.save(second_article())
    return path


@pytest.fixture
def conn(db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db)
    yield connection
    connection.close()


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _export(conn: sqlite3.Connection, table: str, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    export_table(conn, table, fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


# ------------------------------------------------------------------------------ tables


def test_table_names_list_data_tables_without_fts_or_bookkeeping(conn: sqlite3.Connection) -> None:
    names = table_names(conn)
    assert {
        "articles",
        "entities",
        "mentions",
        "actors",
        "quotes",
        "events",
        "event_actors",
    } <= set(names)
    assert "damage" in names
    assert not [n for n in names if "fts" in n or n == "schema_version" or n.startswith("sqlite")]


@pytest.mark.parametrize("table", ["articles", "entities", "mentions", "events", "event_actors"])
def test_export_table_parquet_reads_back_with_row_count_and_types(
    conn: sqlite3.Connection, table: str
) -> None:
    read = pq.read_table(io.BytesIO(_export(conn, table, "parquet")))
    assert read.num_rows == _count(conn, table)
    declared = {row[1]: row[2] for row in conn.execute(f"PRAGMA table_info({table})")}
    assert read.column_names == list(declared)
    for field in read.schema:
        expected = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
        assert field.type == expected[declared[field.name]]


def test_export_table_parquet_keeps_values(conn: sqlite3.Connection) -> None:
    events = pq.read_table(io.BytesIO(_export(conn, "events", "parquet"))).to_pylist()
    meeting = next(e for e in events if e["article_id"] == "a1" and e["event_id"] == "v1")
    assert (meeting["cameo"], meeting["goldstein"], meeting["geonameid"]) == ("040", 1.0, 1526273)


def test_export_table_streams_in_chunks_smaller_than_the_table(conn: sqlite3.Connection) -> None:
    total = _count(conn, "mentions")
    assert total > 5
    whole = _export(conn, "mentions", "jsonl")
    chunked = _export(conn, "mentions", "jsonl", chunk_rows=2)
    assert chunked == whole and len(chunked.splitlines()) == total
    parquet = pq.ParquetFile(io.BytesIO(_export(conn, "mentions", "parquet", chunk_rows=2)))
    assert parquet.metadata.num_rows == total
    assert parquet.metadata.num_row_groups == math.ceil(total / 2)


def test_export_table_jsonl_decodes_json_columns(conn: sqlite3.Connection) -> None:
    rows = [json.loads(line) for line in _export(conn, "quotes", "jsonl").splitlines()]
    assert rows[0]["spans"] == [list(_at(FIRST, "NATO is threatening Belarus"))]
    articles = [json.loads(line) for line in _export(conn, "articles", "jsonl").splitlines()]
    assert articles[0]["authors"] == [] and articles[0]["metadata"] == {}


def test_export_table_csv_parses_with_header_and_every_row(conn: sqlite3.Connection) -> None:
    text = _export(conn, "articles", "csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    first = next(r for r in rows if r["id"] == "a1")
    assert first["text"] == FIRST  # line breaks and quotes survive CSV quoting
    assert first["language"] == ""  # NULL is an empty cell


def test_export_table_since_until_by_article_date(conn: sqlite3.Connection) -> None:
    july = _export(conn, "entities", "jsonl", until="2024-07")
    assert {json.loads(line)["article_id"] for line in july.splitlines()} == {"a1"}
    august = _export(conn, "events", "jsonl", since="2024-08-01")
    assert [json.loads(line)["article_id"] for line in august.splitlines()] == ["a2"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "parquet"])
def test_every_store_table_exports_whole(db: Path, conn: sqlite3.Connection, fmt: str) -> None:
    _add_story(db)
    for table in table_names(conn):
        data = _export(conn, table, fmt, chunk_rows=3)
        if fmt == "parquet":
            assert pq.read_table(io.BytesIO(data)).num_rows == _count(conn, table), table
        elif table != "stories":
            header = 1 if fmt == "csv" else 0
            rows = (
                list(csv.reader(io.StringIO(data.decode()))) if fmt == "csv" else data.splitlines()
            )
            assert len(rows) == _count(conn, table) + header, table


def test_export_table_unknown_name_is_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(UnknownTable, match="no table 'nonsense'"):
        _export(conn, "nonsense", "jsonl")


# ------------------------------------------------------------------------------ GDELT


def _gdelt(conn: sqlite3.Connection, chosen: EventFilter | None = None) -> list[list[str]]:
    out = io.BytesIO()
    export_gdelt(conn, "tsv", out, chosen)
    return [line.split("\t") for line in out.getvalue().decode("utf-8").splitlines()]


def _column(row: list[str], name: str) -> str:
    return row[GDELT_COLUMNS.index(name)]


def test_gdelt_rows_have_61_columns_one_per_actor_pair(conn: sqlite3.Connection) -> None:
    rows = _gdelt(conn, EventFilter(merged=False))
    assert len(GDELT_COLUMNS) == 61
    assert all(len(row) == 61 for row in rows)
    # asserted only: 1 meeting + 2 accusers x NATO + 1 threat + the second meeting
    assert len(rows) == 5
    assert len({_column(r, "GLOBALEVENTID") for r in rows}) == 5


def test_gdelt_columns_carry_codes_in_their_places(conn: sqlite3.Connection) -> None:
    rows = _gdelt(conn, EventFilter(merged=False))
    meeting = next(r for r in rows if r[0] and _column(r, "SQLDATE") == "20240703")
    assert meeting[1:5] == ["20240703", "202407", "2024", str(round(2024 + (7 * 30 + 3) / 365, 4))]
    assert meeting[5:8] == ["KAZGOV", "KASSYM-JOMART TOKAYEV", "KAZ"]
    assert _column(meeting, "Actor1Type1Code") == "GOV"
    assert _column(meeting, "Actor2Code") == "CHNGOV"
    assert meeting[25:35] == ["1", "040", "040", "04", "1", "1.0", "1", "1", "1", ""]
    geo = ["4", "Astana, Kazakhstan", "KZ", "KZ05", "", "51.18", "71.45", "1526273"]
    assert meeting[51:59] == geo
    assert _column(meeting, "SOURCEURL") == "https://example.org/astana"
    assert len(_column(meeting, "DATEADDED")) == 14


def test_gdelt_partial_dates_roots_known_groups_and_tone(conn: sqlite3.Connection) -> None:
    rows = _gdelt(conn, EventFilter(merged=False))
    accusations = [r for r in rows if _column(r, "EventCode") == "111"]
    assert {_column(r, "Actor1CountryCode") for r in accusations} == {"RUS", "BLR"}
    first = accusations[0]
    assert (_column(first, "SQLDATE"), _column(first, "MonthYear")) == ("", "202407")
    assert _column(first, "IsRootEvent") == "0"  # second paragraph
    assert _column(first, "Actor2KnownGroupCode") == "NAT"
    assert _column(first, "Actor2Type1Code") == "IGO"
    threat = next(r for r in rows if _column(r, "EventCode") == "130")
    assert _column(threat, "AvgTone") == "-60.0"  # the quote's tone, on GDELT's scale
    assert _column(threat, "EventRootCode") == "13"


def test_gdelt_streams_the_same_records_in_small_chunks(conn: sqlite3.Connection) -> None:
    whole, chunked = io.BytesIO(), io.BytesIO()
    export_gdelt(conn, "tsv", whole)
    export_gdelt(conn, "tsv", chunked, chunk_rows=1)
    assert chunked.getvalue() == whole.getvalue()


def test_gdelt_since_until_and_modalities(conn: sqlite3.Connection) -> None:
    assert len(_gdelt(conn, EventFilter(since="2024-08", merged=False))) == 1
    every = _gdelt(conn, EventFilter(modalities=("asserted", "negated"), merged=False))
    assert any(_column(r, "EventCode") == "190" for r in every)


def test_gdelt_csv_has_the_header_and_parquet_the_columns(conn: sqlite3.Connection) -> None:
    out = io.BytesIO()
    export_gdelt(conn, "csv", out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert rows[0] == list(GDELT_COLUMNS)
    out = io.BytesIO()
    export_gdelt(conn, "parquet", out)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.column_names == list(GDELT_COLUMNS) and table.num_rows == len(rows) - 1
    assert table.schema.field("SQLDATE").type == pa.int64()
    assert table.schema.field("EventCode").type == pa.string()


@pytest.mark.parametrize(
    ("code", "country", "group", "types", "religions"),
    [
        ("KAZGOV", "KAZ", "", ("GOV",), ()),
        ("AFGREBTAL", "AFG", "TAL", ("REB",), ()),
        ("IGOUNODEVWBK", "", "WBK", ("IGO", "DEV"), ()),
        ("IGOEUREEC", "EUR", "EEC", ("IGO",), ()),
        ("IMGMUSALQ", "", "ALQ", ("IMG",), ("MUS",)),
        ("CHN", "CHN", "", (), ()),
    ],
)
def test_split_actor_code_into_gdelt_fields(
    code: str, country: str, group: str, types: tuple[str, ...], religions: tuple[str, ...]
) -> None:
    parts = split_actor_code(code)
    assert (parts.country, parts.known_group, parts.types, parts.religions) == (
        country,
        group,
        types,
        religions,
    )


def test_fips_codes_differ_from_iso_where_fips_does() -> None:
    assert [fips_code(c) for c in ("DEU", "CHN", "KAZ", "BLR", "KSV", None)] == [
        "GM",
        "CH",
        "KZ",
        "BO",
        "KV",
        "",
    ]


def test_action_geo_of_a_country_uses_its_fips_code() -> None:
    geo = action_geo("Kazakhstan", "KAZ", 48.0, 67.0, None)
    assert (geo.type, geo.full_name, geo.country, geo.adm1) == (1, "Kazakhstan", "KZ", "KZ")


# ------------------------------------------------------------------------------ network


def _node(graph: nx.DiGraph, name: str) -> str:
    return next(n for n, data in graph.nodes(data=True) if data["name"] == name)


def test_network_edges_weighted_by_event_count_and_goldstein(conn: sqlite3.Connection) -> None:
    graph = build_network(conn, EventFilter(merged=False))
    tokayev, xi = _node(graph, "Kassym-Jomart Tokayev"), _node(graph, "Xi Jinping")
    edge = graph.edges[tokayev, xi]
    assert (edge["weight"], edge["goldstein"], edge["cooperation"], edge["conflict"]) == (
        2,
        2.0,
        2,
        0,
    )
    assert (edge["consult_events"], edge["accuse_events"]) == (2, 0)
    accusation = graph.edges[_node(graph, "Russia"), _node(graph, "NATO")]
    assert (accusation["accuse_events"], accusation["accuse_goldstein"]) == (1, -2.0)
    assert accusation["conflict"] == 1
    assert graph.nodes[_node(graph, "NATO")]["events_as_target"] == 1  # the negated one is out
    assert graph.nodes[tokayev]["code"] == "KAZGOV"


def test_network_filters_by_date_and_type(conn: sqlite3.Connection) -> None:
    july = build_network(conn, EventFilter(until="2024-07", merged=False))
    assert (
        july.edges[_node(july, "Kassym-Jomart Tokayev"), _node(july, "Xi Jinping")]["weight"] == 1
    )
    consult = build_network(conn, EventFilter(types=("04",), merged=False))
    assert consult.number_of_edges() == 1
    threats = build_network(conn, EventFilter(types=("threaten",), merged=False))
    assert [graph_edge[2]["goldstein"] for graph_edge in threats.edges(data=True)] == [-4.4]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_parse_with_networkx_and_carry_weights(db: Path, fmt: str) -> None:
    out = db.parent / f"actors.{fmt}"
    result = CliRunner().invoke(
        export_command, ["network", "--db", str(db), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    weights = sorted(float(w) for _, _, w in graph.edges(data="weight"))
    assert weights == [1.0, 1.0, 1.0, 2.0]
    goldstein = {float(d["goldstein"]) for _, _, d in graph.edges(data=True)}
    assert goldstein == {2.0, -2.0, -4.4}


# ------------------------------------------------------------------------------ stories


def _add_story(db: Path) -> None:
    """A story of both articles whose meetings are one merged event (as the story layer
    writes them; see migration 0005)."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO stories (id, title, first_published, last_published, articles, sources)"
            " VALUES ('s1', 'Tokayev meets Xi', '2024-07-04', '2024-08-01', 2, 2)"
        )
        connection.executemany(
            "INSERT INTO story_articles (article_id, day, story_id) VALUES (?, ?, 's1')",
            [("a1", 739071), ("a2", 739099)],
        )
        connection.execute(
            "INSERT INTO merged_events (id, type, signature, cameo, goldstein, source_codes,"
            " target_codes, date, first_day, last_day, mentions, articles, sources)"
            " VALUES ('m1', 'CONSULT', 'k|x', '040', 1.0, '[\"KAZGOV\"]', '[\"CHNGOV\"]',"
            " '2024-07-03', 739070, 739099, 2, 2, 2)"
        )
        connection.executemany(
            "INSERT INTO merged_event_members (merged_id, article_id, event_id, day)"
            " VALUES ('m1', ?, 'v1', ?)",
            [("a1", 739070), ("a2", 739099)],
        )


def test_stories_jsonl_gives_article_ids_and_merged_events(
    db: Path, conn: sqlite3.Connection
) -> None:
    _add_story(db)
    (story,) = [json.loads(line) for line in _export(conn, "stories", "jsonl").splitlines()]
    assert (story["id"], story["title"], story["articles"]) == (
        "s1",
        "Tokayev meets Xi",
        ["a1", "a2"],
    )
    (event,) = story["events"]
    assert (event["id"], event["source_codes"], event["mentions"]) == ("m1", ["KAZGOV"], 2)
    assert event["members"] == [["a1", "v1"], ["a2", "v1"]]
    plain = list(csv.DictReader(io.StringIO(_export(conn, "stories", "csv").decode())))
    assert plain[0]["articles"] == "2"


def test_merged_events_count_once_in_gdelt_and_network(db: Path, conn: sqlite3.Connection) -> None:
    _add_story(db)
    meetings = [r for r in _gdelt(conn) if _column(r, "EventCode") == "040"]
    assert len(meetings) == 1
    assert [_column(meetings[0], c) for c in ("NumMentions", "NumSources", "NumArticles")] == [
        "2",
        "2",
        "2",
    ]
    graph = build_network(conn)
    assert (
        graph.edges[_node(graph, "Kassym-Jomart Tokayev"), _node(graph, "Xi Jinping")]["weight"]
        == 1
    )


# ------------------------------------------------------------------------------ command


def test_export_command_unknown_table_exits_2(db: Path) -> None:
    result = CliRunner().invoke(export_command, ["nonsense", "--db", str(db)])
    assert result.exit_code == 2
    assert "no table 'nonsense'" in result.output


def test_export_command_wrong_format_exits_2_and_leaves_no_file(db: Path) -> None:
    target = db.parent / "actors.csv"
    result = CliRunner().invoke(
        export_command, ["network", "--db", str(db), "--format", "csv", "-o", str(target)]
    )
    assert result.exit_code == 2
    assert not target.exists() and not list(db.parent.glob("*.part"))


def test_export_command_writes_jsonl_to_stdout_and_parquet_to_file(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(export_command, ["actors", "--db", str(db)])
    assert result.exit_code == 0, result.output
    names = {json.loads(line)["name"] for line in result.stdout.splitlines()}
    assert {"Kassym-Jomart Tokayev", "NATO"} <= names
    target = db.parent / "events.parquet"
    result = runner.invoke(
        export_command, ["events", "--db", str(db), "--format", "parquet", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert pq.read_table(target).num_rows == 5
    assert not list(db.parent.glob("*.part"))


def test_export_command_gdelt_tsv_by_default(db: Path) -> None:
    result = CliRunner().invoke(export_command, ["gdelt", "--db", str(db), "--since", "2024-08"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert len(line.split("\t")) == 61


def test_export_command_event_options_on_a_plain_table_exit_2(db: Path) -> None:
    result = CliRunner().invoke(export_command, ["articles", "--db", str(db), "--type", "04"])
    assert result.exit_code == 2
    assert "apply to gdelt and network" in result.output
