"""The delivery metrics a practice page posts with a spoken answer (filled in by speech.js)."""

from __future__ import annotations

import json
from typing import Any

MAX_DELIVERY_CHARS = 200_000


def posted_delivery(value: str) -> dict[str, Any] | None:
    """Return the posted delivery document, or None when absent, too large or not a JSON object."""
    if not value or len(value) > MAX_DELIVERY_CHARS:
        return None
    try:
        doc = json.loads(value)
    except ValueError:
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("verdicts"), list):
        return None
    return doc
