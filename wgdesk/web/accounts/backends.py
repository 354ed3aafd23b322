"""The authentication backend: Django's, loading the member's seat with the user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class SeatedUserBackend(ModelBackend):
    """Password checks as Django's model backend. Every request's user comes with its
    seat (side and group) in the same query: every page and policy check reads them, and
    two more queries per request showed in the load benchmark."""

    def get_user(self, user_id: Any) -> Any:
        """The active user with this id, member, side and working group joined in."""
        model = get_user_model()
        rows = model._default_manager.select_related("member__side", "member__working_group")
        try:
            # get(), not first(): no ORDER BY to compile and sort on every request.
            user = rows.get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
