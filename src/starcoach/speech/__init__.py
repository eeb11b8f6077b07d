"""Spoken practice: offline transcription, transcript import and delivery metrics.

Nothing here is imported by `starcoach` itself: the CLI and the web app import these modules only
when audio or a timed transcript is given, so the core install never loads the speech stack. The
transcription model needs the optional extra (`pip install 'starcoach[speech]'`); transcript import,
filler detection and delivery metrics are pure Python and work without it.
"""
