"""starcoach: prepare, check and rehearse the behavioral interview."""

__version__ = "0.1.0"
