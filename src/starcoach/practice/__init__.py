"""The mock interview: a session engine with adaptive follow-ups, its report, and progress over time.

`session` is the state machine (pure, interface-free), `followups` chooses what to ask next, `report`
builds the end-of-session report and `render` writes it as text, Markdown or HTML; `history` turns
stored attempts into progress, retry deltas and recurring findings, and `charts` draws them. The CLI
and the web app drive the same engine.
"""
