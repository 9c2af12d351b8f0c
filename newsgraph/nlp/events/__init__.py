"""The events layer: who did what to whom, coded in PLOVER 2.0 and CAMEO (component.py)."""
