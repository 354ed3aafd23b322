"""Benchmark scripts: speed and quality figures printed next to the peer they are compared with."""
