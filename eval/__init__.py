"""Accuracy harness: measures how well the analyzer agrees with people on external data."""
