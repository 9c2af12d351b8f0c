"""The data files' format: UTF-8, tab-separated; `#` comment lines and blank lines are
skipped; the first other line is the header (column names, case-insensitive); lists inside
a cell are separated by `|`. Every lexicon, knowledge base and vocabulary is read here."""

from __future__ import annotations

from newsgraph.errors import ConfigError

Row = dict[str, str]


def parse_table(text: str, source: str) -> tuple[tuple[str, ...], list[tuple[int, Row]]]:
    """The header's columns and the rows (line number, cells by column) of a table;
    ConfigError naming `source` and the line for a row with more cells than columns."""
    columns: tuple[str, ...] = ()
    rows: list[tuple[int, Row]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not columns:
            columns = tuple(cell.lower() for cell in cells)
            continue
        if len(cells) > len(columns):
            raise ConfigError(f"{source}:{number}: {len(cells)} cells for {len(columns)} columns")
        rows.append((number, dict(zip(columns, cells, strict=False))))
    if not columns:
        raise ConfigError(f"{source}: no header row")
    return columns, rows


__all__ = ["Row", "parse_table"]
