"""The quotes layer (being written)."""
