"""Packs for boards and reviewers: PDF, HTML and XLSX."""
