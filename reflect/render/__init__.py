"""Turning results into text: terminal tables, charts, summaries and exporters' templates."""
