"""Comparison of extraction records: coverage and amounts, versions, baselines. Pure: no files, no exit codes."""
