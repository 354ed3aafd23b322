"""Project reviews saved to an agenda item, so both delegations (or one) can read them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel, Visibility


class Verdict(models.TextChoices):
    """The rules engine's four verdicts (contracts.md §2), from least to most severe."""

    NOT_RESTRICTED = "not_restricted", _("Not restricted")
    NOTIFICATION_REQUIRED = "notification_required", _("Notification required")
    EXEMPTION_REQUIRED = "exemption_required", _("Exemption required")
    PROHIBITED = "prohibited", _("Prohibited")


class ProjectFormat(models.TextChoices):
    """How the saved project file is written."""

    YAML = "yaml", "YAML"
    JSON = "json", "JSON"


class ProjectReview(ClassifiedModel):
    """A review of a proposed project, kept with the project file it judged.

    The report is stored as it was produced (English, the contract's form, and Korean),
    with the list versions its parties were screened against, so reading it later shows
    what was decided then, whatever the lists say now.
    """

    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        on_delete=models.PROTECT,
        related_name="project_reviews",
        verbose_name=_("agenda item"),
    )
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    # Named in both languages like every record a delegation reads (issue 12); the
    # project file's own title stays in project_text, as the engine read it.
    title = BilingualText(_("title"), max_length=300)
    project_text = models.TextField(_("project file"))
    project_format = models.CharField(max_length=4, choices=ProjectFormat.choices)
    verdict = models.CharField(_("verdict"), max_length=24, choices=Verdict.choices)
    report = models.JSONField()  # English: the JSON report of contracts.md §2
    report_ko = models.JSONField()  # the same report with Korean summaries and notes
    list_versions = models.JSONField(default=list)  # [{"source", "version", "sha256"}]
    reviewed_on = models.DateField(_("judged on"))
    # The exemption request draft (.docx and Annex II .xlsx, zipped) when one is needed.
    exemption_zip = models.BinaryField(null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.SIDE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        """The page showing this review."""
        return reverse("sanctions:detail", args=[self.pk])

    def report_in(self, lang: str) -> dict[str, object]:
        """The stored report in a language (Korean or English)."""
        return self.report_ko if lang == "ko" else self.report
