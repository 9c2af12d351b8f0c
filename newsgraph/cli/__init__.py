"""The `newsgraph` command: a thin shell over the library.

Each command lives in a module of this package and is imported only when it runs or when
`--help` lists it (click's lazy-loading group), so that `newsgraph --version`, `--help` and
the store's queries start in a fraction of a second: spaCy, pyarrow, networkx and the web
stack are imported inside the commands that need them.

Exit codes: 0 success; 1 some inputs could not be decoded (the rest were), or the article,
story or actor named is not in the store; 2 bad usage (options, arguments, dates, a missing
database); 3 a fatal error (configuration, model or database unusable).
"""

from __future__ import annotations

from importlib import import_module

import click

# Command name → "module:attribute" of its click command. Add a command here.
COMMANDS = {
    "decode": "newsgraph.cli.decode:decode_command",
    "reprocess": "newsgraph.cli.decode:reprocess_command",
    "stats": "newsgraph.cli.stats:stats_command",
    "actors": "newsgraph.cli.stats:actors_command",
    "article": "newsgraph.cli.stats:article_command",
    "quotes": "newsgraph.cli.records:quotes_command",
    "events": "newsgraph.cli.records:events_command",
    "actor": "newsgraph.cli.queries:actor_command",
    "relations": "newsgraph.cli.queries:relations_command",
    "timeline": "newsgraph.cli.queries:timeline_command",
    "search": "newsgraph.cli.queries:search_command",
    "stories": "newsgraph.cli.stories:stories_command",
    "story": "newsgraph.cli.stories:story_command",
    "export": "newsgraph.cli.export:export_command",
    "serve": "newsgraph.cli.serve:serve_command",
}


class LazyGroup(click.Group):
    """A group whose subcommands are named by "module:attribute" and imported on use."""

    def __init__(self, *args: object, lazy_subcommands: dict[str, str], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_subcommands = lazy_subcommands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, attribute = self.lazy_subcommands[cmd_name].split(":")
        command = getattr(import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command


@click.group(
    cls=LazyGroup,
    lazy_subcommands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="newsgraph")
def main() -> None:
    """Turn news articles into a traceable record of who said what and who did what to whom."""


__all__ = ["COMMANDS", "LazyGroup", "main"]
