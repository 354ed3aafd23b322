"""YAML reading with the C (libyaml) safe loader when PyYAML was built with it.

The pure-Python loader takes over a second for a 1,000-item project, and some 50 ms for
the screening engine's romanization table (read on the first Hangul query); libyaml is
about ten times faster and builds the same nodes, with line marks, through the same safe
constructors. Shared by both engines (rules and screening): it imports neither.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (no arbitrary objects), with libyaml when available."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def compose_yaml(text: str) -> yaml.Node | None:
    """Parse YAML text into its node tree, keeping line marks."""
    return yaml.compose(text, Loader=SafeLoader)
