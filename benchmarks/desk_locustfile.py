"""Locust users of the desk load benchmark (started by ``desk_load.py``, not by hand).

Each simulated user takes one signed-in session from the plan (``DESK_SESSIONS``), sends
its cookies by hand (the session cookie is Secure, which client cookie jars refuse to send
over plain http on loopback) and browses the typical pages in a weighted mix, pausing
``DESK_THINK`` = "min,max" seconds between pages ("0,0": no pause, a closed loop).
Any answer but 200 (a redirect to the sign-in page included) counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, constant, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["DESK_SESSIONS"]).read_text("utf-8"))
SESSIONS = itertools.cycle(PLAN["sessions"])
PAGES: list[dict[str, Any]] = PLAN["pages"]
THINK_MIN, THINK_MAX = (float(x) for x in os.environ.get("DESK_THINK", "1,3").split(","))
SEARCH_TERMS = ("railway", "철도", "sanctions", "제재", "Yongbyon", "영변", "exemption")


def fill(template: str) -> str:
    """A page path with a random meeting, agenda item or search term filled in."""
    return template.format(
        meeting=random.choice(PLAN["meetings"]),
        item=random.choice(PLAN["items"]),
        term=random.choice(SEARCH_TERMS),
    )


class DeskUser(FastHttpUser):
    """One signed-in member browsing the desk."""

    wait_time = between(THINK_MIN, THINK_MAX) if THINK_MAX > 0 else constant(0)

    def on_start(self) -> None:
        """Take the next signed-in session (sessions were established before the run)."""
        session = next(SESSIONS)
        self.headers = {"Cookie": session["cookie"], "Accept-Language": session["language"]}

    @task
    def browse(self) -> None:
        """Open one page of the mix."""
        page = random.choices(PAGES, weights=[p["weight"] for p in PAGES])[0]
        with self.client.get(
            fill(page["path"]),
            name=page["name"],
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
