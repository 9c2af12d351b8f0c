"""Analysis components, registered by name, each declaring what it needs and what it sets.

A component is a callable ``(article, doc) -> article``: `doc` is the spaCy Doc of exactly
``article.text``. What is registered is a factory that makes the component from the
configuration, as spaCy's factories do. Later capabilities (actors, quotes, events) register
themselves here and are switched on by name in the configuration::

    @component("my_tagger", requires=("entities",), provides=("my_tags",))
    def make_my_tagger(config: Config) -> ComponentFn:
        def my_tagger(article: Article, doc: Doc) -> Article: ...
        return my_tagger
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from newsgraph.config import Config
from newsgraph.errors import ConfigError
from newsgraph.model import Article

ComponentFn = Callable[[Article, Any], Article]
Factory = Callable[[Config], ComponentFn]

# What the spaCy Doc itself offers before any component runs.
MODEL_PROVIDES = frozenset({"doc"})


@dataclass(frozen=True)
class Component:
    name: str
    factory: Factory
    requires: tuple[str, ...]
    provides: tuple[str, ...]


_REGISTRY: dict[str, Component] = {}

# Modules whose import registers the built-in components. Named, not imported here: they
# import this module to register themselves, and the registry needs none of their names.
BUILTIN_MODULES = (
    "newsgraph.nlp.components",
    "newsgraph.nlp.actors.component",
    "newsgraph.nlp.events.component",
    "newsgraph.nlp.quotes.component",
)


def component(
    name: str, requires: Iterable[str] = ("doc",), provides: Iterable[str] = ()
) -> Callable[[Factory], Factory]:
    """Register a component factory under `name` (a later registration replaces it)."""

    def register(factory: Factory) -> Factory:
        _REGISTRY[name] = Component(name, factory, tuple(requires), tuple(provides))
        return factory

    return register


def registered() -> dict[str, Component]:
    _load_builtins()
    return dict(_REGISTRY)


def build_components(config: Config) -> list[tuple[str, ComponentFn]]:
    """`config.components` made, in order; ConfigError if one is unknown or runs too early."""
    available = registered()
    built: list[tuple[str, ComponentFn]] = []
    provided = set(MODEL_PROVIDES)
    for name in config.components:
        if name not in available:
            known = ", ".join(sorted(available))
            raise ConfigError(f"unknown component {name!r}; registered components: {known}")
        spec = available[name]
        missing = set(spec.requires) - provided
        if missing:
            raise ConfigError(
                f"component {name!r} needs {', '.join(sorted(missing))}, which no earlier "
                "component provides: change the order in `components`"
            )
        provided.update(spec.provides)
        built.append((name, spec.factory(config)))
    return built


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        import_module(module)


__all__ = [
    "BUILTIN_MODULES",
    "Component",
    "ComponentFn",
    "Factory",
    "build_components",
    "component",
    "registered",
]
