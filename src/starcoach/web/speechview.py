"""What the spoken-answer panel shows: transcript words with times, marks, and a pace graph (SVG).

Imported only by the speech route, once audio is posted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starcoach.speech.metrics import METRICS, PACE_RANGE
from starcoach.speech.spoken import SpokenAnswer

_GRAPH_W = 480
_GRAPH_H = 140
_PAD = 28


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the transcript as shown: its text, time, and whether it is a filler."""

    text: str
    t0: float | None
    mark: str
    """"" or the disfluency kind ("filler", "hedge", "repeat", "restart")."""
    pause_after: float | None


def tokens(answer: SpokenAnswer) -> list[Token]:
    """Return the transcript's words with their marks and the long pauses after them."""
    kinds: dict[int, str] = {}
    for mark in answer.delivery.marks:
        for index in range(mark.first, mark.last + 1):
            kinds.setdefault(index, mark.kind)
    pauses = {p.after_word: p.seconds for p in answer.delivery.pauses}
    return [
        Token(w.text, w.t0, kinds.get(i, ""), pauses.get(i))
        for i, w in enumerate(answer.transcript.words)
    ]


def pace_graph(answer: SpokenAnswer) -> dict[str, Any] | None:
    """Return the points of the pace-over-time graph and the fine band, in SVG coordinates."""
    windows = answer.delivery.pace_over_time
    if not windows:
        return None
    top = max(200.0, max(w for _, w in windows) * 1.1)
    last = windows[-1][0] or 1.0
    inner_w, inner_h = _GRAPH_W - 2 * _PAD, _GRAPH_H - 2 * _PAD

    def y(wpm: float) -> float:
        return round(_PAD + inner_h * (1 - wpm / top), 1)

    def x(t: float) -> float:
        return round(_PAD + inner_w * (t / last if len(windows) > 1 else 0.5), 1)

    points = [(x(t), y(wpm), t, wpm) for t, wpm in windows]
    return {
        "width": _GRAPH_W,
        "height": _GRAPH_H,
        "pad": _PAD,
        "band_top": y(PACE_RANGE[1]),
        "band_bottom": y(PACE_RANGE[0]),
        "band": PACE_RANGE,
        "points": points,
        "polyline": " ".join(f"{px},{py}" for px, py, _, _ in points),
        "top": round(top),
    }


def verdict_rows(answer: SpokenAnswer) -> list[dict[str, Any]]:
    """Return one row per delivery metric for the table: name, value, status, note, advice, source."""
    from starcoach.speech.render import value_text

    rows = []
    for verdict in answer.delivery.verdicts:
        metric = METRICS[verdict.metric]
        rows.append(
            {
                "id": verdict.metric,
                "name": metric.name,
                "value": value_text(verdict.metric, verdict.value, verdict.unit),
                "status": verdict.status,
                "note": verdict.note,
                "fine": metric.fine,
                "advice": metric.advice,
                "source": metric.source,
            }
        )
    return rows
