"""Inter-Korean cooperation projects: the record, its versions, side reviews, shipments,
the history of its steps and the flags left by re-screening its parties."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel, Visibility
from wgdesk.web.projects.workflow import Outcome, State


class Project(ClassifiedModel):
    """A cooperation project proposed by one side, carried to the 1718 Committee's answer.

    A draft stays with the proposing side; once submitted both delegations read it. Its
    parties, items, activities, locations and dates live in its project file (the engine's
    format, docs/project-file.md), one ``ProjectVersion`` per change.
    """

    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT, related_name="+")
    track = models.ForeignKey("agenda.Track", on_delete=models.PROTECT, verbose_name=_("track"))
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("agenda item"),
    )
    title = BilingualText(_("title"), max_length=300)
    summary = BilingualText(_("summary"))
    sponsor = models.ForeignKey(
        "groups.Ministry",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sponsoring ministry"),
    )
    status = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The joint decision: a decision of a meeting, so it is frozen with that meeting's minutes.
    decision = models.OneToOneField(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    decided_version = models.PositiveIntegerField(null=True, blank=True)
    # The exemption request: drafted by the engine, then edited (Markdown), with Annex II.
    request_text = models.TextField(_("exemption request"), blank=True)
    request_annex = models.BinaryField(null=True, blank=True)
    request_docx = models.BinaryField(null=True, blank=True)
    submitted_to_committee_on = models.DateField(
        _("submitted to the Committee on"), null=True, blank=True
    )
    committee_reference = models.CharField(_("Committee reference"), max_length=200, blank=True)
    committee_decided_on = models.DateField(_("Committee decided on"), null=True, blank=True)
    committee_conditions = models.TextField(_("conditions"), blank=True)
    committee_reasons = models.TextField(_("reasons for rejection"), blank=True)
    expires_on = models.DateField(_("approval expires on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.title)[:80]

    def get_absolute_url(self) -> str:
        """The page showing this project."""
        return reverse("projects:detail", args=[self.pk])

    @property
    def shared_with_other_side(self) -> bool:
        """A submitted project is the working group's: both sides read it (and its audit
        events); a draft is the proposing side's own (policy.scopes)."""
        return self.status != State.DRAFT

    @property
    def state(self) -> State:
        """The workflow state as the enum."""
        return State(self.status)


class ProjectVersion(models.Model):
    """One version of a project's file, as the engine reads it (YAML), never changed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("project file"))
    verdict = models.CharField(_("verdict"), max_length=24, blank=True)
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="project_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"

    def get_absolute_url(self) -> str:
        """The page showing this version and its changes from the one before."""
        return reverse("projects:version", args=[self.project_id, self.number])


class ReviewVerdict(models.TextChoices):
    """A side's view of a submitted project."""

    SUPPORT = "support", _("Support")
    CONDITIONS = "conditions", _("Support with conditions")
    OBJECT = "object", _("Object")


class SideReview(ClassifiedModel):
    """One side's review of a submitted project: its verdict, conditions and notes.

    Side-only until that side shares it; a shared review is final (the other side has
    read it) and is what the joint decision rests on.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version reviewed"))
    verdict = models.CharField(_("verdict"), max_length=12, choices=ReviewVerdict.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.SIDE
    )
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "side"]
        constraints = [
            models.UniqueConstraint(fields=["project", "side"], name="one_review_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.side.label}"  # the side's name in the reader's language

    def get_absolute_url(self) -> str:
        """The project's page, where the reviews are shown."""
        return reverse("projects:detail", args=[self.project_id])


class ProjectEvent(models.Model):
    """One step of a project's workflow, for its history (the audit chain has it too)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=24)
    from_state = models.CharField(max_length=16, choices=State.choices)
    to_state = models.CharField(max_length=16, choices=State.choices)
    actor = models.ForeignKey(
        "groups.Member", on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "at", "id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_state} → {self.to_state}"


class Shipment(models.Model):
    """Goods sent or an activity carried out under an approval: what, when, where."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="shipments")
    line = models.CharField(_("item or activity"), max_length=100)  # its id in the file
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    shipped_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "shipped_on", "id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.line} {self.shipped_on}"


class ScreeningState(models.Model):
    """The last screening of a project's (or a saved review's) parties, and the list
    versions it used: what the next re-screening compares against."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, null=True, related_name="screening"
    )
    review = models.OneToOneField(
        "sanctions.ProjectReview", on_delete=models.CASCADE, null=True, related_name="screening"
    )
    versions = models.JSONField(default=list)  # [{"id", "source", "version", "sha256"}]
    results = models.JSONField(default=dict)  # party name -> {"decision", "matches": [...]}
    screened_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"screening of {self.project_id or self.review_id}"


class FlagBase(models.Model):
    """A party whose screening decision changed when a new list version became active."""

    party = models.CharField(_("party"), max_length=500)
    old_decision = models.CharField(max_length=8)
    new_decision = models.CharField(max_length=8)
    candidates = models.JSONField(default=list)  # [{"source", "ref", "name", "score"}]
    list_diff = models.JSONField(default=list)  # the diff entries of those candidates
    old_versions = models.CharField(max_length=300)
    new_versions = models.CharField(max_length=300)
    # A party newly listed: the project's next step waits for a disposition.
    blocking = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by_side = models.ForeignKey(
        "groups.Side", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.party}: {self.old_decision} → {self.new_decision}"


class ProjectFlag(FlagBase):
    """A re-screening change on a project's party."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="flags")


class ReviewFlag(FlagBase):
    """A re-screening change on a party of a saved review."""

    review = models.ForeignKey(
        "sanctions.ProjectReview", on_delete=models.CASCADE, related_name="flags"
    )
