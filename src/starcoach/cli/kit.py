"""`starcoach kit`: the interviewer's side, from building a kit to the panel's debrief.

    kit new --role ROLE          assemble a kit for a role and store it (optionally write its file)
    kit list / show / export     see a kit; export it as Markdown, print-friendly HTML or PDF
    kit import FILE              store an edited kit file (a new version once interviews use it)
    kit candidate KIT NAME       add a candidate; prints the candidate id
    kit interview CANDIDATE --interviewer NAME       start an interview; prints its id
    kit notes INTERVIEW --question Q [--file F]      write notes (text, stdin, or a VTT/SRT/text file)
    kit analyze INTERVIEW        suggested follow-ups and what the notes established, per question
    kit scorecard INTERVIEW ...  submit ratings with quotes, a recommendation and a reason
    kit debrief CANDIDATE --as NAME              the panel combined, disagreements with evidence
    kit scorecards CANDIDATE --format json|csv   export for an applicant tracking system
    kit calibrate --interviewer NAME --sample ID dim=score ...   rate a bundled sample answer
    kit calibration              bias and agreement (weighted kappa) of every interviewer

Exit codes: 0 done; 2 usage or input error (unknown role, kit, candidate or interview; a score without
evidence; a stale kit edit; an empty, binary or too large notes file; database unavailable).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from starcoach.cli.output import fail, note, write_stdout

if TYPE_CHECKING:
    from starcoach.kit.service import KitService

kit_app = typer.Typer(
    name="kit",
    help="The interviewer's side: kits, live notes, evidence-backed scorecards, calibration.",
    no_args_is_help=True,
)


class ShowFormat(StrEnum):
    """How `kit show` writes a kit."""

    text = "text"
    json = "json"
    markdown = "markdown"


class ExportFormat(StrEnum):
    """What `kit export` writes."""

    markdown = "markdown"
    html = "html"
    pdf = "pdf"


class CardFormat(StrEnum):
    """How scorecards are exported."""

    json = "json"
    csv = "csv"


class DebriefFormat(StrEnum):
    """How the debrief is written."""

    text = "text"
    json = "json"


def _service() -> KitService:
    from starcoach.kit.service import KitService
    from starcoach.storage.db import open_database

    return KitService(open_database())


def _guard(action: Any) -> Any:
    """Run `action`, turning the service's refusals into one error line and exit code 2."""
    from starcoach.kit.errors import KitError
    from starcoach.storage.errors import StorageError

    try:
        return action()
    except KitError as exc:
        fail(str(exc))
    except StorageError as exc:
        fail(str(exc))


def _dump(data: Any) -> None:
    write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


KitId = Annotated[str, typer.Argument(help="The kit's id (see `starcoach kit list`).")]
CandidateId = Annotated[
    str, typer.Argument(help="The candidate's id (printed by `kit candidate`).")
]
InterviewId = Annotated[
    str, typer.Argument(help="The interview's id (printed by `kit interview`).")
]
KitVersion = Annotated[
    int | None, typer.Option("--version", min=1, help="Which version (default: the latest).")
]


@kit_app.command("new")
def new(
    role: Annotated[
        str, typer.Option("--role", help="Role id, name or alias (see `starcoach guide --role`).")
    ],
    kit_id: Annotated[
        str | None, typer.Option("--id", help="Kit id (default: from the role).")
    ] = None,
    deadline_hours: Annotated[
        int | None,
        typer.Option(
            "--deadline-hours", min=1, help="Scorecards due this many hours after each interview."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the kit file here, to edit.")
    ] = None,
) -> None:
    """Assemble a kit for a role from starcoach's content and store it."""
    from starcoach.kit.kitfile import render_kit
    from starcoach.kit.model import build_kit

    kit = _guard(lambda: build_kit(role, kit_id=kit_id, deadline_hours=deadline_hours))
    if out is not None and out.exists():
        fail(f"{out} exists; choose another --out (nothing was stored)")
    service = _service()
    if any(stored.kit.id == kit.id for stored in _guard(service.kits)):
        fail(
            f"a kit with id {kit.id!r} exists already; give another --id, or change it with "
            f"`starcoach kit export {kit.id} --format markdown --out FILE` and `starcoach kit import FILE`"
        )
    outcome = _guard(lambda: service.save_kit(kit))
    if out is not None:
        out.write_text(render_kit(kit, outcome.version), encoding="utf-8")
        note(f"wrote {out}; edit it, then `starcoach kit import {out}`")
    note(outcome.message)
    write_stdout(f"{kit.id}\n")


@kit_app.command("list")
def list_kits() -> None:
    """List the stored kits."""
    for stored in _guard(lambda: _service().kits()):
        write_stdout(
            f"{stored.kit.id}\tversion {stored.latest}\t{stored.kit.title}\t"
            f"{stored.interviews} interview(s), {stored.scorecards} scorecard(s)\n"
        )


@kit_app.command("show")
def show(
    kit_id: KitId,
    version: KitVersion = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
) -> None:
    """Show a kit: questions in order, what each listens for, time, the scale, red flags."""
    from starcoach.kit.kitfile import render_kit

    service = _service()
    stored = _guard(lambda: service.kit(kit_id, version))
    kit = stored.kit
    if fmt is ShowFormat.json:
        from starcoach.kit.documents import kit_document

        _dump(kit_document(stored, _guard(lambda: service.candidates(kit_id))))
        return
    if fmt is ShowFormat.markdown:
        write_stdout(render_kit(kit, stored.version))
        return
    lines = [
        f"{kit.title} (kit {kit.id}, version {stored.version} of {stored.latest}, ~{kit.minutes} min)",
        "",
    ]
    for number, q in enumerate(kit.questions, 1):
        lines.append(f"{number}. [{q.key}, {q.minutes} min] {q.ask}")
        lines += [f"   listen for: {item}" for item in q.listens_for]
        lines += [f"   follow-up {i}: {f.ask}" for i, f in enumerate(q.follow_ups, 1)]
        lines += [f"   red flag: {flag}" for flag in q.red_flags]
    lines.append("")
    for d in kit.dimensions:
        lines.append(f"{d.name} ({d.id})")
        lines += [f"   {lv}: {d.criteria[lv]}  e.g. {d.examples[lv]}" for lv in sorted(d.criteria)]
    lines.append("")
    lines += [f"red flag: {flag}" for flag in kit.red_flags]
    write_stdout("\n".join(lines) + "\n")


@kit_app.command("export")
def export(
    kit_id: KitId,
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="html (to print), pdf, or markdown (to edit).")
    ] = ExportFormat.html,
    version: KitVersion = None,
) -> None:
    """Export a kit as its Markdown file, a print-friendly HTML page or a PDF."""
    from starcoach.kit.export import kit_html, kit_pdf
    from starcoach.kit.kitfile import render_kit

    stored = _guard(lambda: _service().kit(kit_id, version))
    if fmt is ExportFormat.pdf:
        out.write_bytes(_guard(lambda: kit_pdf(stored.kit, stored.version)))
    elif fmt is ExportFormat.html:
        out.write_text(kit_html(stored.kit, stored.version), encoding="utf-8")
    else:
        out.write_text(render_kit(stored.kit, stored.version), encoding="utf-8")
    note(f"wrote {out}")


@kit_app.command("import")
def import_kit(
    path: Annotated[Path, typer.Argument(help="A kit file (.md) exported and edited.")],
) -> None:
    """Store an edited kit file; an edit of a kit in use becomes a new version."""
    from starcoach.kit.kitfile import read_kit_file

    kit, version = _guard(lambda: read_kit_file(path))
    outcome = _guard(lambda: _service().save_kit(kit, base_version=version))
    note(outcome.message)
    write_stdout(f"{outcome.kit_id}\tversion {outcome.version}\t{outcome.action}\n")


@kit_app.command("candidate")
def candidate(
    kit_id: KitId,
    name: Annotated[str, typer.Argument(help="The candidate's name, as the panel knows them.")],
) -> None:
    """Add a candidate for a kit; prints the candidate id."""
    added = _guard(lambda: _service().add_candidate(kit_id, name))
    write_stdout(f"{added.id}\n")


@kit_app.command("interview")
def interview(
    candidate_id: CandidateId,
    interviewer: Annotated[
        str, typer.Option("--interviewer", help="Your name (recorded on the scorecard).")
    ],
) -> None:
    """Start your interview of a candidate; prints the interview id."""
    started = _guard(lambda: _service().start_interview(candidate_id, interviewer))
    note(
        f"kit {started.kit_id} version {started.kit_version}; `starcoach kit notes {started.id} --question KEY`"
    )
    write_stdout(f"{started.id}\n")


@kit_app.command("notes")
def notes(
    interview_id: InterviewId,
    question: Annotated[
        str | None, typer.Option("--question", help="Kit question key (default: the opener).")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="The notes (default: stdin).")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A VTT, SRT or plain-text transcript.")
    ] = None,
    append: Annotated[
        bool, typer.Option("--append", help="Add to the notes already there.")
    ] = False,
) -> None:
    """Write what the candidate said under one question."""
    from starcoach.kit.errors import NotesInvalid
    from starcoach.kit.notes import read_transcript

    service = _service()
    current = _guard(lambda: service.interview(interview_id))
    kit = _guard(lambda: service.interview_kit(current))
    key = question or next(
        (q.key for q in kit.questions if q.kind == "opener"), kit.questions[0].key
    )
    if file is not None:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror or exc}")
        body = _guard(lambda: read_transcript(raw, str(file)))
    elif text is not None:
        body = text
    else:
        body = sys.stdin.read()
    if not body.strip():
        _guard(
            lambda: (_ for _ in ()).throw(NotesInvalid("the notes are empty; nothing was stored"))
        )
    if append and current.notes.get(key):
        body = current.notes[key].rstrip() + "\n" + body
    _guard(lambda: service.save_notes(interview_id, {key: body}))
    note(f"saved {len(body):,} characters under {key!r}")


@kit_app.command("analyze")
def analyze_cmd(interview_id: InterviewId) -> None:
    """Per question: what the notes established and the follow-ups to ask next."""
    from starcoach.kit.notes import analyze_notes

    service = _service()
    current = _guard(lambda: service.interview(interview_id))
    kit = service.interview_kit(current)
    lines = []
    for q in kit.questions:
        written = current.notes.get(q.key, "")
        if not written.strip():
            continue
        result = analyze_notes(kit, q.key, written)
        lines.append(f"[{q.key}] {q.ask}")
        for mark in result.marks:
            sign = "yes" if mark.found else "not yet"
            detail = f' "{mark.quote}"' if mark.quote else ""
            extra = f" ({mark.note})" if mark.note else ""
            lines.append(f"  {mark.label}: {sign}{detail}{extra}")
        if result.abstained:
            lines.append(f"  (analysis waits: {result.abstained})")
        lines += [f"  ask next: {s.question}  ({s.reason})" for s in result.suggestions]
        lines.append("")
    write_stdout("\n".join(lines) + "\n" if lines else "no notes yet\n")


def _parse_pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            fail(f"{what} {value!r}: write DIMENSION=VALUE")
        pairs.append((key.strip(), rest))
    return pairs


@kit_app.command("scorecard")
def scorecard(
    interview_id: InterviewId,
    rate: Annotated[
        list[str], typer.Option("--rate", help="DIMENSION=1..5 or DIMENSION=none.")
    ] = [],  # noqa: B006
    evidence: Annotated[
        list[str],
        typer.Option("--evidence", help='DIMENSION="words from your notes" (repeatable).'),
    ] = [],  # noqa: B006
    recommend: Annotated[
        str, typer.Option("--recommend", help="strong_no, no, yes, strong_yes or no_decision.")
    ] = "",
    reason: Annotated[str, typer.Option("--reason", help="Why you recommend this.")] = "",
    propose: Annotated[
        bool, typer.Option("--propose", help="Only list the quotes the analyzer proposes.")
    ] = False,
) -> None:
    """Submit your scorecard: every score with a quote from your notes, then a recommendation."""
    from starcoach.kit.notes import propose_quotes
    from starcoach.kit.scorecard import RatingInput, scorecard_to_dict

    service = _service()
    current = _guard(lambda: service.interview(interview_id))
    kit = service.interview_kit(current)
    if propose:
        proposals = propose_quotes(kit, current.notes)
        for d in kit.dimensions:
            write_stdout(f"{d.id}:\n")
            for q in proposals[d.id] or []:
                write_stdout(f'  [{q.question}] "{q.text}"\n')
            if not proposals[d.id]:
                write_stdout("  (none proposed: quote your notes, or rate it 'none')\n")
        return
    quotes: dict[str, list[str]] = {}
    for dim, quote in _parse_pairs(evidence, "--evidence"):
        quotes.setdefault(dim, []).append(quote)
    ratings = {
        dim: RatingInput(score, tuple(quotes.get(dim, ())))
        for dim, score in _parse_pairs(rate, "--rate")
    }
    card = _guard(lambda: service.submit_scorecard(interview_id, ratings, recommend, reason))
    note(f"scorecard submitted by {card.interviewer} on kit version {card.kit_version}")
    _dump(scorecard_to_dict(card))


@kit_app.command("debrief")
def debrief(
    candidate_id: CandidateId,
    viewer: Annotated[
        str, typer.Option("--as", help="Your name; interviewers see the panel once theirs is in.")
    ] = "",
    fmt: Annotated[DebriefFormat, typer.Option("--format", help="Output format.")] = (
        DebriefFormat.text
    ),
) -> None:
    """The panel combined before discussion: scores, spread, disagreements with both sides' evidence."""
    from starcoach.kit.documents import debrief_document
    from starcoach.kit.scorecard import RECOMMENDATIONS

    panel = _guard(lambda: _service().panel(candidate_id, viewer or None))
    data = debrief_document(panel)
    if fmt is DebriefFormat.json:
        _dump(data)
        return
    lines = [f"Debrief: {panel.candidate.name} ({panel.candidate.id}), kit {panel.kit.id}", ""]
    if panel.pending:
        lines.append(f"waiting for: {', '.join(panel.pending)}")
    for d in data["dimensions"]:
        scores = ", ".join(
            f"{s['interviewer']} {s['score'] if s['score'] is not None else 'n/e'}"
            for s in d["scores"]
        )
        flag = "  << DISAGREEMENT" if d["disagreement"] else ""
        lines.append(
            f"{d['name']}: mean {d['mean']} median {d['median']} spread {d['spread']} [{scores}]{flag}"
        )
        for side in ("low", "high"):
            for entry in d[side]:
                quotes = " | ".join(q["quote"] for q in entry["evidence"])
                lines.append(f"    {side} {entry['interviewer']} ({entry['score']}): {quotes}")
    tally = ", ".join(f"{RECOMMENDATIONS[k]} {v}" for k, v in data["recommendations"].items() if v)
    lines += ["", f"recommendations: {tally} (mean {data['recommendation_mean']} on 1-4)"]
    for card in panel.scorecards:
        lines.append(f"  {card.interviewer}: {RECOMMENDATIONS[card.recommendation]}: {card.reason}")
    write_stdout("\n".join(lines) + "\n")


@kit_app.command("scorecards")
def scorecards(
    candidate_id: CandidateId,
    fmt: Annotated[CardFormat, typer.Option("--format", help="json or csv (for a tracker).")] = (
        CardFormat.json
    ),
) -> None:
    """Export a candidate's submitted scorecards as JSON (docs/schema.md) or CSV."""
    from starcoach.kit.scorecard import export_csv, export_json

    cand, cards = _guard(lambda: _service().export_cards(candidate_id))
    info = {"id": cand.id, "name": cand.name, "kit": cand.kit_id}
    if fmt is CardFormat.csv:
        write_stdout(export_csv(info, cards))
    else:
        _dump(export_json(info, cards))


@kit_app.command("calibrate")
def calibrate(
    interviewer: Annotated[
        str, typer.Option("--interviewer", help="Your name (your scores are kept under it).")
    ],
    sample: Annotated[
        str | None, typer.Option("--sample", help="Sample id (omit to list them).")
    ] = None,
    scores: Annotated[
        list[str] | None, typer.Argument(help="DIMENSION=1..5 or DIMENSION=none")
    ] = None,
) -> None:
    """Rate a bundled calibration answer (without --sample: list the answers to rate)."""
    from starcoach.kit.content import calibration_set

    exercise = calibration_set()
    if sample is None:
        for s in exercise.samples:
            write_stdout(f"[{s.id}] ({s.question})\n{s.answer}\n\n")
        write_stdout(f"rate: {', '.join(exercise.dimensions)}\n")
        return
    parsed: dict[str, int | None] = {}
    for dim, value in _parse_pairs(scores or [], "score"):
        value = value.strip().lower()
        if value in ("none", "0"):
            parsed[dim] = None
        elif value in ("1", "2", "3", "4", "5"):
            parsed[dim] = int(value)
        else:
            fail(f"{dim}: {value!r} is not a score (1-5 or none)")
    if not parsed:
        fail("give at least one DIMENSION=SCORE")
    _guard(lambda: _service().rate_sample(interviewer, sample, parsed))
    note(f"saved {len(parsed)} rating(s) of {sample} by {interviewer}")


@kit_app.command("calibration")
def calibration(
    fmt: Annotated[DebriefFormat, typer.Option("--format", help="Output format.")] = (
        DebriefFormat.text
    ),
) -> None:
    """Each interviewer's bias per dimension and weighted kappa, against the reference and each other."""
    from starcoach.kit.calibration import calibrate as compute
    from starcoach.kit.content import calibration_set

    exercise = calibration_set()
    result = _guard(lambda: compute(exercise, _service().calibration_ratings()))
    if fmt is DebriefFormat.json:
        from starcoach.kit.documents import calibration_document

        _dump(calibration_document(exercise, result))
        return
    lines = [result["statistic"], ""]
    for r in result["interviewers"]:
        bias = ", ".join(
            f"{d} {'+' if (b or 0) > 0 else ''}{b}" for d, b in r["bias"].items() if b is not None
        )
        lines.append(
            f"{r['interviewer']}: kappa vs reference {r['kappa_vs_reference']}; bias {bias}"
        )
    for p in result["pairwise"]:
        lines.append(
            f"{' vs '.join(p['interviewers'])}: kappa {p['kappa']} over {p['items']} ratings"
        )
    write_stdout("\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    """Add `starcoach kit` to the main app."""
    app.add_typer(kit_app)
