"""Building the translation catalogues (no Django app: a helper used by make install)."""
