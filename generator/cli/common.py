"""What every `portal` command shares: exit codes, usage errors, loading mkdocs.yml and the
content, printing problems."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from generator.errors import Problem
from generator.messages import msg

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.model import Portal
    from generator.plugin import PortalPlugin
    from generator.settings import Settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
# What each command group adds its commands to (`add_commands(sub)`).
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class UsageError(Exception):
    """Wrong arguments or a missing config file: exit 2."""


def add_command(
    sub: Commands, name: str, help_id: str, run: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """A `portal` command: its parser with its help (`help_id` in the message table) and
    `-f/--config-file`, as every command has, run by `run`."""
    p = sub.add_parser(name, help=msg(help_id))
    p.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help=msg("help.config_file"),
    )
    p.set_defaults(run=run)
    return p


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        label = "" if problem.is_error else msg("cli.warning_label")
        print(f"{label}{problem}", file=sys.stderr)


def load_config(config_file: Path, strict: bool | None = None) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not config_file.is_file():
        raise UsageError(msg("cli.no_config", path=config_file))
    try:
        return load_config(config_file=str(config_file), strict=strict)
    except (ConfigurationError, Abort) as exc:
        # A bad option value is logged by MkDocs (naming the option), then aborts.
        raise UsageError(f"{config_file}: {exc}") from None


def portal_plugin(config: MkDocsConfig) -> PortalPlugin:
    from generator.plugin import PortalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PortalPlugin):
            return plugin
    raise UsageError(msg("cli.no_plugin"))


def settings_of(config: MkDocsConfig, strict: bool = False) -> Settings:
    """The portal's settings: MkDocs' configuration and the plugin's options."""
    from generator.config import settings_from

    return settings_from(config, portal_plugin(config).config, strict)


def loaded(config_file: Path) -> tuple[MkDocsConfig, Portal, Settings]:
    """The configuration, the validated content (warned about addresses that moved since the
    site in site_dir was built; nothing written) and the settings."""
    from generator.build import load

    config = load_config(config_file)
    settings = settings_of(config)
    return config, load(settings, Path(config.site_dir), writes=False).portal, settings
