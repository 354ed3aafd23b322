"""`wgdesk manage rescreen`: screen open projects and saved reviews again on new lists."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wgdesk.web.projects import rescreen


class Command(BaseCommand):
    """Re-screen every record last screened against other list versions than the active."""

    help = (
        "Screen the parties of open projects and saved reviews again when the active list "
        "versions changed; flag changed decisions (run from cron after list updates)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run once and print what was done."""
        report = rescreen.run()
        if report.skipped:
            self.stdout.write("rescreen: no lists in the store; nothing screened")
            return
        self.stdout.write(
            f"rescreen: {report.projects} project(s), {report.reviews} saved review(s) "
            f"screened against {report.versions}; {len(report.flags)} decision(s) changed"
        )
        for flag in report.flags:
            where = (
                f"project {flag.project_id}"
                if hasattr(flag, "project_id")
                else (f"saved review {flag.review_id}")
            )
            mark = " (newly listed: blocks the next step)" if flag.blocking else ""
            self.stdout.write(
                f"  {where}: {flag.party}: {flag.old_decision} -> {flag.new_decision}{mark}"
            )
