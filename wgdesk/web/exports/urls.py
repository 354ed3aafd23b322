"""URLs."""

from __future__ import annotations

app_name = "exports"
urlpatterns: list = []
