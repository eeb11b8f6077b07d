"""Benchmarks (not unit tests): speed of the analyzer and of the command line."""
