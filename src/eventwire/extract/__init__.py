"""Extraction stages: each takes a Document and adds one kind of annotation."""
