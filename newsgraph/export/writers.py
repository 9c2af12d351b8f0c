"""Writers for row streams: JSON Lines, CSV, tab-separated (GDELT's export form) and Parquet.
Each consumes one chunk at a time, so memory holds one chunk, never the table."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from newsgraph.export.tables import Column, ExportUsageError, Row, RowStream

if TYPE_CHECKING:
    # pyarrow ships no type information (and pyproject's mypy overrides do not list it).
    # It is imported where Parquet is written: it costs a quarter second to import.
    import pyarrow as pa  # type: ignore[import-untyped]

ROW_FORMATS = ("jsonl", "csv", "tsv", "parquet")

# Column kinds → the names of pyarrow's type factories.
_ARROW_TYPES = {
    "text": "string",
    "json": "string",
    "integer": "int64",
    "real": "float64",
    "blob": "binary",
}


def write_rows(stream: RowStream, output_format: str, out: IO[bytes]) -> int:
    """Write every row of `stream` to the binary file `out`; returns the number of rows.

    ``jsonl``: one object a line, JSON columns as JSON; ``csv``: a header row, then RFC 4180
    quoting; ``tsv``: no header and no quoting, tabs and line breaks inside a cell turned to
    spaces (the form of GDELT's export files); ``parquet``: one row group per chunk, with a
    schema from the columns' types."""
    if output_format == "parquet":
        return _write_parquet(stream, out)
    if output_format not in ROW_FORMATS:
        raise ExportUsageError(f"unknown format {output_format!r}: use {', '.join(ROW_FORMATS)}")
    with _text(out) as text:
        if output_format == "jsonl":
            return _write_jsonl(stream, text)
        return _write_delimited(stream, text, "\t" if output_format == "tsv" else ",")


@contextmanager
def _text(out: IO[bytes]) -> Iterator[io.TextIOWrapper]:
    """`out` as UTF-8 text, handed back open: the caller owns the binary file."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _write_jsonl(stream: RowStream, text: io.TextIOWrapper) -> int:
    count = 0
    names = [c.name for c in stream.columns]
    # Only JSON and blob columns need converting; the others go to json.dumps as they are.
    converted = [i for i, c in enumerate(stream.columns) if c.kind in ("json", "blob")]
    for chunk in stream.chunks:
        for row in chunk:
            record = dict(zip(names, row, strict=True))
            for i in converted:
                record[names[i]] = _json_cell(row[i], stream.columns[i])
            text.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += len(chunk)
    return count


def _json_cell(value: object, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "json" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # not JSON after all: keep the text rather than fail the export
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _write_delimited(stream: RowStream, text: io.TextIOWrapper, delimiter: str) -> int:
    count = 0
    if delimiter == ",":
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow([c.name for c in stream.columns])
        for chunk in stream.chunks:
            writer.writerows([_text_cell(v) for v in row] for row in chunk)
            count += len(chunk)
        return count
    for chunk in stream.chunks:
        text.writelines("\t".join(_flat(_text_cell(v)) for v in row) + "\n" for row in chunk)
        count += len(chunk)
    return count


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _flat(cell: str) -> str:
    """A cell safe in an unquoted tab-separated line."""
    return " ".join(cell.replace("\t", " ").splitlines()) if cell else cell


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    """The Parquet schema of `columns`: every column nullable, typed from its kind."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, getattr(pa, _ARROW_TYPES[c.kind])()) for c in columns])


def _write_parquet(stream: RowStream, out: IO[bytes]) -> int:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = arrow_schema(stream.columns)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in stream.chunks:
            writer.write_table(_arrow_chunk(chunk, schema), row_group_size=max(len(chunk), 1))
            count += len(chunk)
    return count


def _arrow_chunk(chunk: list[Row], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns = list(zip(*chunk, strict=True)) if chunk else [() for _ in schema]
    arrays = [
        pa.array(list(values), type=field.type)
        for values, field in zip(columns, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)
