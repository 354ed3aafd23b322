"""Sanctions-list screening: list loaders, the list store and the Korean-aware matcher.

Pure Python: this package never imports Django (a test enforces it), so the CLI, the
web app, the HTTP API and batch workers all call the same functions.
"""
