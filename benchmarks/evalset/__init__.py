"""Screening evaluation sets: a generator built from the real UN list, and a scorer.

Independent of the wgdesk matcher on purpose: nothing here imports ``wgdesk.screening``,
so the generated set measures how the matcher generalises, as acceptance's hidden set will.
"""
