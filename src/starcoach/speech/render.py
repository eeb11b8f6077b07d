"""Delivery and transcript as plain text and Markdown, for the CLI and for saved reports."""

from __future__ import annotations

from starcoach.speech.delivery import Delivery
from starcoach.speech.metrics import METRICS
from starcoach.speech.spoken import SpokenAnswer
from starcoach.speech.transcript import Transcript

_STATUS = {"fine": "fine", "attention": "worth attention", "declined": "not counted"}


def clock(seconds: float | None) -> str:
    """Return seconds as m:ss."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def marked_transcript(transcript: Transcript, delivery: Delivery) -> str:
    """Return the transcript with fillers in [brackets] and long pauses shown as (… 2.1 s)."""
    fillers = {m.start: m.end for m in delivery.of_kind("filler")}
    pauses = {transcript.words[p.after_word].end: p.seconds for p in delivery.pauses}
    out: list[str] = []
    at = 0
    text = transcript.text
    for start in sorted(set(fillers) | set(pauses)):
        if start in fillers:
            out.append(text[at:start] + "[" + text[start : fillers[start]] + "]")
            at = fillers[start]
        if start in pauses:
            out.append(text[at:start] + f" (… {pauses[start]:.1f} s)")
            at = start
    out.append(text[at:])
    return "".join(out)


def value_text(metric: str, value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if metric == "speaking_time":
        return clock(value)
    if unit == "pauses":
        return f"{value:.0f} long"
    return f"{value:g} {unit}"


def delivery_lines(delivery: Delivery) -> list[str]:
    """Return one line per delivery metric: name, value, fine or worth attention, and why."""
    lines: list[str] = []
    for verdict in delivery.verdicts:
        metric = METRICS[verdict.metric]
        line = (
            f"{metric.name}: {value_text(verdict.metric, verdict.value, verdict.unit)} — "
            f"{_STATUS[verdict.status]}"
        )
        if verdict.note:
            line += f" ({verdict.note})"
        lines.append(line)
        if verdict.status == "attention":
            lines.append(f"    {metric.advice}")
    for pause in delivery.pauses:
        where = "mid-clause" if pause.kind == "mid_clause" else "between sentences"
        lines.append(f"  pause {pause.seconds:.1f} s at {clock(pause.t0)}, {where}")
    for mark in delivery.marks:
        at = f" at {clock(mark.t0)}" if mark.t0 is not None else ""
        lines.append(f"  {mark.kind} “{mark.text.strip(',.')}”{at}")
    lines.extend(delivery.notes)
    return lines


def spoken_to_text(answer: SpokenAnswer) -> str:
    """Return the transcript and delivery sections as plain text (the content report follows)."""
    transcript = answer.transcript
    source = {"audio": "transcribed here", "vtt": "WebVTT", "srt": "SubRip", "text": "text"}
    head = f"Transcript ({source.get(transcript.source, transcript.source)}"
    if transcript.duration:
        head += f", {clock(transcript.duration)}"
    head += "; fillers in [brackets]):"
    body = [head, marked_transcript(transcript, answer.delivery), "", "Delivery:"]
    body.extend(delivery_lines(answer.delivery))
    body.append("")
    body.append("Content (read without fillers and repeats):")
    return "\n".join(body) + "\n"


def spoken_to_markdown(answer: SpokenAnswer) -> str:
    """Return the transcript and delivery sections as Markdown."""
    from starcoach.render.markdown import escape

    lines = ["## Transcript", "", escape(marked_transcript(answer.transcript, answer.delivery)), ""]
    lines += ["## Delivery", ""]
    lines += [f"- {escape(line.strip())}" for line in delivery_lines(answer.delivery)]
    return "\n".join(lines) + "\n\n"
