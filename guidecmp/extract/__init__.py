"""Extraction: a Document → the extraction record. Pure: no files, no ids from file names."""
