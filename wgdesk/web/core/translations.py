"""The kinds of record whose translations the desk tracks, derived from the models.

Every model with a ``BilingualText`` pair is tracked (listed on the dashboard when stale,
its translation confirmable) unless it is named below as reference data, so a new
bilingual record cannot be left out by forgetting a list.
"""

from __future__ import annotations

import functools

from django.apps import apps
from django.db import models

from wgdesk.web.core.bilingual import bilingual_fields

# Names set up once (the group, its sides and ministries, tracks, meeting series) and
# members' own names: they have no page of their own to open and confirm a translation
# on, and are shown inside the records that use them.
REFERENCE_DATA = frozenset(
    {
        "groups.WorkingGroup",
        "groups.Side",
        "groups.Ministry",
        "groups.Member",
        "agenda.Track",
        "meetings.MeetingSeries",
    }
)


@functools.cache
def tracked_models() -> tuple[type[models.Model], ...]:
    """Every record model with a bilingual pair, in the order the apps are installed."""
    return tuple(
        model
        for model in apps.get_models()
        if bilingual_fields(model) and model._meta.label not in REFERENCE_DATA
    )


def is_tracked(label: str) -> bool:
    """Whether an "app.Model" label names a tracked kind of record."""
    return any(model._meta.label == label for model in tracked_models())


def heading_pair(model: type[models.Model]) -> str:
    """The bilingual pair (a lookup path) that names a record of the model in a list: its
    ``heading_pair`` if it declares one (minutes: their meeting's title), else its first."""
    return str(getattr(model, "heading_pair", bilingual_fields(model)[0]))
