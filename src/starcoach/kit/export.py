"""A kit on paper: a print-friendly HTML page and a PDF, both from the same kit data.

The HTML needs nothing but Jinja2 (already a dependency); the PDF needs fpdf2, an optional extra
(`pip install 'starcoach[kit]'`). Both use the core PDF fonts, so text is limited to Latin-1 in the
PDF; characters outside it are replaced rather than breaking the export.
"""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from starcoach.kit.content import LEVELS
from starcoach.kit.errors import KitError
from starcoach.kit.model import Kit

_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ kit.title }} (version {{ version }})</title>
<style>
body{font:11pt/1.45 Georgia,serif;max-width:48em;margin:2em auto;color:#111}
h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #999;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}td,th{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}
.minutes{float:right;font-weight:normal}.notes{border:1px dashed #999;height:8em;margin:.5em 0}
@media print{h2{break-before:auto}.question{break-inside:avoid}}
</style></head><body>
<h1>{{ kit.title }}</h1>
<p>Kit <code>{{ kit.id }}</code>, version {{ version }} · role {{ kit.role }} · about {{ kit.minutes }} minutes
{% if kit.deadline_hours %} · scorecards due {{ kit.deadline_hours }} hours after the interview{% endif %}</p>
<p>{{ kit.intro }}</p>
<h2>Questions, in order</h2>
{% for q in kit.questions %}<div class="question">
<h3>{{ loop.index }}. {{ q.ask }} <span class="minutes">{{ q.minutes }} min</span></h3>
<p><strong>Listen for:</strong></p><ul>{% for item in q.listens_for %}<li>{{ item }}</li>{% endfor %}</ul>
{% if q.follow_ups %}<p><strong>Follow-ups, in order:</strong></p><ol>{% for f in q.follow_ups %}<li>{{ f.ask }}{% if f.listens_for %} <em>({{ f.listens_for }})</em>{% endif %}</li>{% endfor %}</ol>{% endif %}
{% if q.red_flags %}<p><strong>Red flags:</strong> {{ q.red_flags | join('; ') }}</p>{% endif %}
<div class="notes" aria-label="space for notes"></div></div>
{% endfor %}
<h2>Rating scale</h2>
{% for d in kit.dimensions %}<h3>{{ d.name }}</h3><p>{{ d.question }}</p>
<table><tr><th>Level</th><th>What the answer does</th><th>For example</th></tr>
{% for level in levels %}<tr><td>{{ level }}</td><td>{{ d.criteria[level] }}</td><td>{{ d.examples[level] }}</td></tr>{% endfor %}
</table>{% endfor %}
<p>Not enough evidence is a rating too: use it rather than guess.</p>
<h2>Red flags</h2><ul>{% for flag in kit.red_flags %}<li>{{ flag }}</li>{% endfor %}</ul>
</body></html>
"""

_ENV = Environment(autoescape=select_autoescape(default_for_string=True), trim_blocks=True)


def kit_html(kit: Kit, version: int) -> str:
    """Return the kit as a self-contained, print-friendly HTML page."""
    return _ENV.from_string(_HTML).render(kit=kit, version=version, levels=LEVELS)


def _latin1(text: str) -> str:
    replaced = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .replace("\u2026", "...")
    )
    return replaced.encode("latin-1", "replace").decode("latin-1")


def kit_pdf(kit: Kit, version: int) -> bytes:
    """Return the kit as a PDF; raise KitError when fpdf2 is not installed."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise KitError("PDF export needs fpdf2: pip install 'starcoach[kit]'") from None
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(_latin1(kit.title))
    pdf.add_page()

    def line(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(kit.title, 16, "B")
    deadline = f"; scorecards due {kit.deadline_hours} h after" if kit.deadline_hours else ""
    line(f"Kit {kit.id}, version {version}; role {kit.role}; about {kit.minutes} minutes{deadline}")
    line(kit.intro)
    line("Questions, in order", 13, "B")
    for number, q in enumerate(kit.questions, 1):
        line(f"{number}. {q.ask} ({q.minutes} min)", 11, "B")
        for item in q.listens_for:
            line(f"- Listen for: {item}", 9, gap=0.5)
        for index, f in enumerate(q.follow_ups, 1):
            line(f"  Follow-up {index}: {f.ask}", 9, gap=0.5)
        for flag in q.red_flags:
            line(f"- Red flag: {flag}", 9, gap=0.5)
        pdf.ln(2)
    line("Rating scale", 13, "B")
    for d in kit.dimensions:
        line(d.name, 11, "B")
        for level in LEVELS:
            line(f"{level}: {d.criteria[level]}  e.g. {d.examples[level]}", 9, gap=0.5)
        pdf.ln(1.5)
    line("Red flags", 13, "B")
    for flag in kit.red_flags:
        line(f"- {flag}", 9, gap=0.5)
    return bytes(pdf.output())
