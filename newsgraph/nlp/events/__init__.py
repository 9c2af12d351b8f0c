"""The events layer (being written)."""
