"""Which records the search covers and which of their columns it reads.

Each migration that changes the triggers freezes its own copy of this list; a test checks
the newest migration's copy equals this one and covers every bilingual field, so a new
text field cannot be left out of the index silently.
"""

from __future__ import annotations

from wgdesk.web.search.ddl import Source

SOURCES: tuple[Source, ...] = (
    Source("agenda.Track", "agenda_track", ("title_ko",), ("title_en",), ("code",)),
    Source(
        "agenda.AgendaItem",
        "agenda_agendaitem",
        ("title_ko", "description_ko"),
        ("title_en", "description_en"),
    ),
    Source(
        "meetings.Meeting", "meetings_meeting", ("title_ko", "place_ko"), ("title_en", "place_en")
    ),
    Source("minutes.Minutes", "minutes_minutes", ("body_ko",), ("body_en",)),
    Source("decisions.Decision", "decisions_decision", ("text_ko",), ("text_en",)),
    Source("actionitems.ActionItem", "actionitems_actionitem", ("title_ko",), ("title_en",)),
    Source("positions.Position", "positions_position", ("stance_ko",), ("stance_en",)),
    Source(
        "engagements.Engagement",
        "engagements_engagement",
        ("counterpart_ko", "summary_ko", "place_ko"),
        ("counterpart_en", "summary_en", "place_en"),
    ),
    Source("notes.Note", "notes_note", other=("body",)),
    Source("attachments.Attachment", "attachments_attachment", other=("original_name",)),
    Source("groups.Member", "groups_member", ("name_ko", "title_ko"), ("name_en", "title_en")),
    # Saved sanctions reviews: their title and the project file (parties, goods, wording).
    Source(
        "sanctions.ProjectReview",
        "sanctions_projectreview",
        ("title_ko",),
        ("title_en",),
        ("project_text",),
    ),
    # Cooperation projects, and each side's review of one (found only by whom may read it).
    Source(
        "projects.Project",
        "projects_project",
        ("title_ko", "summary_ko"),
        ("title_en", "summary_en"),
    ),
    Source("projects.SideReview", "projects_sidereview", other=("conditions", "notes")),
)
