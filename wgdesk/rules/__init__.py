"""The UN DPRK sanctions rules engine: measures as data, HS codes and project review.

Pure Python: this package never imports Django (a test enforces it).
"""
