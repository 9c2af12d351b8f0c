"""Exports for other tools: every store table as JSON Lines, CSV or Parquet (streamed in
chunks), the GDELT 2.0 events table (see ``GDELT.md``), and the actor network as GraphML or
GEXF for Gephi."""

from newsgraph.export.api import (
    GDELT_FORMATS,
    GRAPH_FORMATS,
    TABLE_FORMATS,
    export_gdelt,
    export_network,
    export_table,
)
from newsgraph.export.event_filter import MODALITIES, EventFilter
from newsgraph.export.gdelt import GDELT_COLUMNS, stream_gdelt
from newsgraph.export.network import build_network, write_network
from newsgraph.export.stories import stream_stories
from newsgraph.export.tables import (
    DEFAULT_CHUNK_ROWS,
    Column,
    ExportUsageError,
    RowStream,
    UnknownTable,
    stream_table,
    table_names,
)
from newsgraph.export.writers import write_rows

__all__ = [
    "DEFAULT_CHUNK_ROWS",
    "GDELT_COLUMNS",
    "GDELT_FORMATS",
    "GRAPH_FORMATS",
    "MODALITIES",
    "TABLE_FORMATS",
    "Column",
    "EventFilter",
    "ExportUsageError",
    "RowStream",
    "UnknownTable",
    "build_network",
    "export_gdelt",
    "export_network",
    "export_table",
    "stream_gdelt",
    "stream_stories",
    "stream_table",
    "table_names",
    "write_network",
    "write_rows",
]
