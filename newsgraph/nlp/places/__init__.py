"""The offline gazetteer: place names to points and ISO alpha-3 country codes."""

from newsgraph.nlp.places.gazetteer import Gazetteer, Place, load_gazetteer

__all__ = ["Gazetteer", "Place", "load_gazetteer"]
