"""Presenters: shape results for a page."""
