"""The user's own settings: a small TOML file, read by the CLI and the web app, never by the analyzer.

The file is `config.toml` in the user's config directory (`starcoach rules config` prints the path),
or the file `STARCOACH_CONFIG` names. Today it holds one thing, the rules switched off by id:

    [rules]
    disabled = ["delivery.filler_words", "ownership.we_heavy"]

A switched-off rule does not run anywhere the CLI or the web app analyzes text (a check, a story's
field checks, a draft, a practice turn, a spoken answer): both install `switched_off_rules` around
everything they do (`analysis.switches`), so no finding of it, no weight in the scores, no part in
the exit code. An id no rule has is an error that names the file, so a typo does not silently keep a
rule on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ENV_CONFIG = "STARCOACH_CONFIG"
FILE_NAME = "config.toml"
_SECTIONS = {"rules": {"disabled"}}


class ConfigError(Exception):
    """The config file cannot be read or says something starcoach does not understand."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the config file asks for."""

    disabled_rules: frozenset[str] = frozenset()
    path: Path | None = None


def config_path() -> Path:
    """Return the config file's path: `STARCOACH_CONFIG`, else config.toml in the user config dir."""
    named = os.environ.get(ENV_CONFIG, "").strip()
    if named:
        return Path(named).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("starcoach", appauthor=False)) / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """Return the settings in the config file (defaults when there is none); raise ConfigError."""
    path = config_path() if path is None else path
    try:
        stat = path.stat()
    except FileNotFoundError:
        if os.environ.get(ENV_CONFIG, "").strip():
            raise ConfigError(f"{path}: no such config file (named by {ENV_CONFIG})") from None
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from None
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@cache
def _parse(path: Path, mtime_ns: int, size: int) -> Settings:
    # Cached by modification time and size: the web app reads the settings on every request.
    import tomllib  # only when there is a file: the command line starts without it

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    for section, value in data.items():
        if section not in _SECTIONS:
            raise ConfigError(f"{path}: unknown section [{section}] (known: rules)")
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: {section} must be a table, [{section}]")
        for key in value:
            if key not in _SECTIONS[section]:
                known = ", ".join(sorted(_SECTIONS[section]))
                raise ConfigError(f"{path}: unknown key {section}.{key} (known: {known})")
    disabled = data.get("rules", {}).get("disabled", [])
    if not isinstance(disabled, list) or not all(isinstance(i, str) for i in disabled):
        raise ConfigError(f"{path}: rules.disabled must be a list of rule ids in quotes")
    if disabled:
        _check_rule_ids(path, disabled)
    return Settings(disabled_rules=frozenset(disabled), path=path)


def switched_off_rules() -> frozenset[str]:
    """Return the rule ids the config file switches off (read again only when the file changes)."""
    return load_settings().disabled_rules


def _check_rule_ids(path: Path, ids: list[str]) -> None:
    from starcoach.analysis.registry import load_rules

    known = {rule.id for rule in load_rules()}
    for rule_id in ids:
        if rule_id not in known:
            import difflib

            close = difflib.get_close_matches(rule_id, sorted(known), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ConfigError(
                f"{path}: rules.disabled names {rule_id!r}, which is no rule{hint}; "
                "see `starcoach rules list`"
            )
