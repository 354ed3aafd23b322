"""wgdesk: the working desk of a standing bilateral working group."""

__version__ = "0.1.0"
