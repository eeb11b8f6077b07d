"""The two choices every practice session is started with: its mode and its interviewer's style.

The engine, the CLI's options and the web's form and API all use these two types, and this module
imports only the standard library, so the CLI can name the choices without loading the engine.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Mode", "Style"]


class Mode(StrEnum):
    """Which prompts a session asks: one, the seven of the full loop, or those of a drill."""

    SINGLE = "single"
    FULL = "full"
    DRILL = "drill"


class Style(StrEnum):
    """How the interviewer behaves: encouraging, even, or pressing on every soft spot."""

    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    DEMANDING = "demanding"
