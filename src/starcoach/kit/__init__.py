"""The interviewer's side: interview kits, live notes, evidence-backed scorecards and calibration.

Everything the CLI and the web app do for interviewers goes through this package: `model` builds and
validates kits, `kitfile` reads and writes them as Markdown with front matter, `service` stores kits,
candidates, interviews, notes and scorecards, `notes` runs the analyzer on what was written down,
`scorecard` holds the rules a scorecard must meet, `panel` combines a panel's scorecards and
`calibration` measures how far interviewers sit from reference scores and from each other.
"""
