"""A YAML loader for story front matter that a hostile or mistyped file cannot hurt.

PyYAML's safe loader still expands aliases (a few hundred bytes of nested `&a [*b, *b, ...]` become
gigabytes), nests as deep as the file says, honours explicit tags, and reads YAML 1.1 scalars:
`yes` is a boolean, `1:30` is ninety, `2023-02-30` a crash in the date constructor. This loader:

- refuses anchors, aliases and explicit tags, with a one-line error naming the line;
- refuses nesting deeper than `MAX_DEPTH` and front matter larger than `MAX_BYTES`;
- reads plain scalars the YAML 1.2 way, narrowed to what a story needs: `null`/`~`/empty, `true`/
  `false`, and whole numbers of at most `MAX_INT_DIGITS` digits; everything else (`yes`, `1:30`,
  `2023-04-17`, `0x1F`, `1e3`) stays text, for the story validator to judge.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 12
"""Deepest nesting of lists and mappings allowed (a story needs 3)."""
MAX_BYTES = 100_000
"""Largest front matter accepted; the long texts live in the Markdown sections below it."""
MAX_INT_DIGITS = 9

_INT = re.compile(rf"^[-+]?[0-9]{{1,{MAX_INT_DIGITS}}}$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


def reads_as_non_string(value: str) -> bool:
    """Return whether `value`, written as a plain scalar, would be read back as a number, bool or null."""
    return any(p.match(value) for p in (_INT, _BOOL, _NULL))


class StoryYAMLError(yaml.MarkedYAMLError):
    """The front matter uses a YAML feature a story file may not use."""


class _Resolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars as YAML 1.2's core schema would, minus floats and long integers."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])


class _Constructor(yaml.constructor.SafeConstructor):
    """The safe constructor with YAML 1.2 booleans (only true/false reach it)."""

    def construct_yaml_bool(self, node: yaml.Node) -> bool:
        value = self.construct_scalar(node)  # type: ignore[arg-type]
        return str(value).lower() == "true"


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:bool", _Constructor.construct_yaml_bool
)


try:  # libyaml's event parser, about 20 times faster than the pure-Python one
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _EventParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class StoryLoader(yaml.composer.Composer, _EventParser, _Constructor, _Resolver):
    """Load story front matter: no aliases, anchors or tags; bounded depth; YAML 1.2 scalars.

    Events come from the parser; nodes are built by PyYAML's Python composer, so every event passes
    through `compose_node` below before anything is built from it.
    """

    def __init__(self, stream: str) -> None:
        if len(stream.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise StoryYAMLError(
                problem=f"the front matter is larger than {MAX_BYTES:,} bytes; keep long "
                "texts in the sections below it"
            )
        _EventParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        mark: Any = getattr(event, "start_mark", None)
        if isinstance(event, yaml.AliasEvent):
            raise StoryYAMLError(
                problem="aliases (*name) are not allowed in a story file; write the value out",
                problem_mark=mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise StoryYAMLError(
                problem=f"anchors (&{anchor}) are not allowed in a story file",
                problem_mark=mark,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise StoryYAMLError(
                problem="explicit tags (!name) are not allowed in a story file",
                problem_mark=mark,
            )
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise StoryYAMLError(
                    problem=f"lists and mappings nest deeper than {MAX_DEPTH} levels",
                    problem_mark=mark,
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)
