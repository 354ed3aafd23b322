"""Allow `python -m wgdesk.cli`."""

from wgdesk.cli import main

main()
