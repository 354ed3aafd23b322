"""Korean name machinery: Hangul arithmetic, romanization reading sets, names, glossary.

The romanization tables, surnames and organisation glossary are wgdesk's own data files
in ``data/``; no romanization package does the matching job (see docs/screening.md).
"""
