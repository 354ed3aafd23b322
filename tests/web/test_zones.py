"""Time zones: stored in UTC, meetings held in a zone, every reader in their own.

The conversions at the edges (DST gaps and overlaps, the day before and after), the
meeting form in the meeting's zone, pages in the reader's zone with the meeting's zone
beside it (English and Korean), the profile setting, the calendar feed (TZID with a
VTIMEZONE, read back by the `icalendar` package), exports, emails and the API.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.web.test_api import _token, conforms
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core import zones
from wgdesk.web.demo import content as demo
from wgdesk.web.exports import ical
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings import actions as meeting_actions
from wgdesk.web.meetings.models import Meeting

SEOUL, NEW_YORK, LONDON = (ZoneInfo(n) for n in ("Asia/Seoul", "America/New_York", "Europe/London"))
# Seoul meeting of 21 December 2018: 10:00 in Seoul, 20:00 in Washington the day before.
SEOUL_MEETING = datetime(2018, 12, 21, 1, 0, tzinfo=UTC)


# --- conversions -------------------------------------------------------------------------


def test_a_wall_clock_time_becomes_the_right_instant() -> None:
    assert zones.aware(datetime(2018, 12, 21, 10, 0), SEOUL) == SEOUL_MEETING
    assert zones.aware(datetime(2018, 12, 20, 20, 0), NEW_YORK) == SEOUL_MEETING
    summer = zones.aware(datetime(2019, 7, 4, 10, 0), NEW_YORK)
    assert summer.astimezone(UTC) == datetime(2019, 7, 4, 14, 0, tzinfo=UTC)  # EDT, UTC-4
    # A time with an explicit offset is kept as that instant.
    given = datetime(2018, 12, 21, 10, 0, tzinfo=SEOUL)
    assert zones.aware(given, NEW_YORK) == SEOUL_MEETING


@pytest.mark.parametrize(
    ("wall", "where"),
    [
        (datetime(2019, 3, 10, 2, 30), NEW_YORK),  # clocks go 02:00 -> 03:00
        (datetime(2019, 3, 31, 1, 0), LONDON),  # clocks go 01:00 -> 02:00
        (datetime(2019, 3, 10, 2, 0), NEW_YORK),  # the first skipped minute
    ],
)
def test_a_time_the_clocks_skip_is_refused(wall: datetime, where: ZoneInfo) -> None:
    with pytest.raises(zones.NonexistentTime) as raised:
        zones.aware(wall, where)
    assert where.key in str(raised.value)


def test_the_minutes_around_a_gap_are_accepted() -> None:
    before = zones.aware(datetime(2019, 3, 10, 1, 59), NEW_YORK)
    after = zones.aware(datetime(2019, 3, 10, 3, 0), NEW_YORK)
    # One real minute across the skipped hour (compared in UTC: Python subtracts two times
    # of the same zone by their wall clocks).
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(minutes=1)


def test_a_time_the_clocks_show_twice_is_its_first_occurrence() -> None:
    wall = datetime(2019, 11, 3, 1, 30)  # New York shows 01:00-01:59 twice
    assert zones.is_ambiguous(wall, NEW_YORK)
    taken = zones.aware(wall, NEW_YORK)
    assert taken.astimezone(UTC) == datetime(2019, 11, 3, 5, 30, tzinfo=UTC)  # still EDT
    assert zones.stamp(taken, NEW_YORK) == "2019-11-03 01:30 EDT"
    assert not zones.is_ambiguous(datetime(2019, 11, 3, 3, 0), NEW_YORK)


def test_zone_names_are_checked() -> None:
    assert zones.zone("Asia/Seoul") == SEOUL
    for bad in ("", "Mars/Olympus_Mons", " Asia/Seoul", "../../etc/passwd", "/etc/localtime"):
        with pytest.raises(zones.UnknownZone):
            zones.zone(bad)
    names = zones.zone_names()
    assert names[:3] == ("Asia/Seoul", "America/New_York", "UTC")
    assert "Europe/Berlin" in names and "US/Eastern" not in names  # legacy aliases not offered
    assert zones.is_zone("US/Eastern")  # but accepted


def test_meeting_time_beside_the_readers_time() -> None:
    assert zones.meeting_time(SEOUL_MEETING, SEOUL, SEOUL) == "2018-12-21 10:00 KST"
    assert (
        zones.meeting_time(SEOUL_MEETING, SEOUL, NEW_YORK)
        == "2018-12-21 10:00 KST · 20:00 EST the day before"
    )
    assert (
        zones.meeting_time(SEOUL_MEETING, NEW_YORK, SEOUL)
        == "2018-12-20 20:00 EST · 10:00 KST the next day"
    )
    assert zones.meeting_time(SEOUL_MEETING, SEOUL, LONDON) == "2018-12-21 10:00 KST · 01:00 GMT"
    # The zones furthest apart (26 hours) put the reader two calendar days back; both have
    # only numbers, not names, in the database.
    kiritimati, baker = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")
    early = zones.aware(datetime(2018, 12, 21, 0, 30), kiritimati)
    assert zones.meeting_time(early, kiritimati, baker) == (
        "2018-12-21 00:30 UTC+14 · 2018-12-19 22:30 UTC-12"
    )
    assert zones.meeting_time(SEOUL_MEETING, SEOUL, ZoneInfo("Pacific/Pago_Pago")) == (
        "2018-12-21 10:00 KST · 14:00 SST the day before"
    )
    with translation.override("ko"):
        assert (
            zones.meeting_time(SEOUL_MEETING, SEOUL, NEW_YORK)
            == "2018-12-21 10:00 KST · 전날 20:00 EST"
        )
        assert zones.meeting_time(SEOUL_MEETING, NEW_YORK, SEOUL).endswith("다음 날 10:00 KST")


def test_reader_and_meeting_zones_at_a_dst_change() -> None:
    """On the night New York falls back, the same Seoul hour is 14 then 13 hours ahead."""
    before = zones.aware(datetime(2019, 11, 3, 10, 0), SEOUL)
    after = zones.aware(datetime(2019, 11, 4, 10, 0), SEOUL)
    assert zones.meeting_time(before, SEOUL, NEW_YORK).endswith("21:00 EDT the day before")
    assert zones.meeting_time(after, SEOUL, NEW_YORK).endswith("20:00 EST the day before")


# --- the meeting form: times entered in the meeting's zone -------------------------------


def _meeting_form(**changes: str) -> dict[str, Any]:
    """A valid meeting form, with some fields changed."""
    data = {
        "title_en": "Zone test meeting",
        "title_ko": "시간대 시험 회의",
        "series": str(Meeting.objects.first().series_id),
        "time_zone": "Asia/Seoul",
        "starts_at": "2018-12-21T10:00",
        "place_en": "Seoul",
        "format": "video",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_a_us_secretary_schedules_a_seoul_meeting_in_seoul_time(client_for: Any) -> None:
    client = client_for("us.secretariat")
    form = client.get("/meetings/new/").content.decode()
    assert '<option value="America/New_York" selected>' in form  # their own zone by default
    assert "Starts at (local time of the meeting)" in form
    assert client.post("/meetings/new/", _meeting_form()).status_code == 302
    meeting = Meeting.objects.get(title_en="Zone test meeting")
    assert meeting.starts_at == SEOUL_MEETING and meeting.time_zone == "Asia/Seoul"
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "2018-12-21 10:00 KST · 20:00 EST the day before" in page


@pytest.mark.django_db
def test_a_meeting_form_without_a_zone_takes_the_schedulers(client_for: Any) -> None:
    data = _meeting_form(time_zone="")
    assert client_for("us.secretariat").post("/meetings/new/", data).status_code == 302
    meeting = Meeting.objects.get(title_en="Zone test meeting")
    assert meeting.time_zone == "America/New_York"
    assert meeting.starts_at == datetime(2018, 12, 21, 15, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_skipped_hour_is_a_clear_error_and_saves_nothing(client_for: Any) -> None:
    data = _meeting_form(time_zone="America/New_York", starts_at="2019-03-10T02:30")
    response = client_for("us.secretariat").post("/meetings/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "2019-03-10 02:30 does not exist in America/New_York" in page
    assert not Meeting.objects.filter(title_en="Zone test meeting").exists()
    client = client_for("rok.secretariat")
    client.cookies["django_language"] = "ko"
    korean = client.post("/meetings/new/", data).content.decode()
    assert "America/New_York에 존재하지 않는 시각입니다" in korean


@pytest.mark.django_db
def test_a_repeated_hour_is_stored_at_its_first_occurrence_and_shown_so(client_for: Any) -> None:
    data = _meeting_form(time_zone="America/New_York", starts_at="2019-11-03T01:30")
    client = client_for("us.secretariat")
    assert client.post("/meetings/new/", data).status_code == 302
    meeting = Meeting.objects.get(title_en="Zone test meeting")
    assert meeting.starts_at == datetime(2019, 11, 3, 5, 30, tzinfo=UTC)
    assert "2019-11-03 01:30 EDT" in client.get(f"/meetings/{meeting.pk}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("zone_name", ["Mars/Olympus_Mons", "../../../etc/passwd", "EST5EDT "])
def test_an_unknown_zone_is_refused(client_for: Any, zone_name: str) -> None:
    data = _meeting_form(time_zone=zone_name)
    assert client_for("us.secretariat").post("/meetings/new/", data).status_code == 400
    assert not Meeting.objects.filter(title_en="Zone test meeting").exists()


@pytest.mark.django_db
def test_editing_shows_and_keeps_the_meetings_own_wall_clock(client_for: Any) -> None:
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    client = client_for("us.secretariat")  # reads in New York time, edits in Seoul time
    form = client.get(f"/meetings/{seoul.pk}/edit/").content.decode()
    assert 'value="2018-12-21T10:00"' in form
    assert '<option value="Asia/Seoul" selected>' in form
    data = _meeting_form(title_en=seoul.title_en, title_ko=seoul.title_ko, time_zone="")
    assert client.post(f"/meetings/{seoul.pk}/edit/", data).status_code == 302
    seoul.refresh_from_db()
    assert seoul.time_zone == "Asia/Seoul" and seoul.starts_at == SEOUL_MEETING
    # A meeting filed in the wrong zone is fixed by choosing the zone and keeping the time.
    data = _meeting_form(title_en=seoul.title_en, time_zone="Europe/London")
    client.post(f"/meetings/{seoul.pk}/edit/", data)
    seoul.refresh_from_db()
    assert seoul.starts_at == datetime(2018, 12, 21, 10, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_actions_refuse_naive_times_and_unknown_zones(users: dict[str, Any]) -> None:
    clerk = users["us.secretariat"]
    series = Meeting.objects.first().series
    with pytest.raises(ValueError, match="aware"):
        meeting_actions.add_meeting(
            clerk, series, ("x", "x"), datetime(2019, 1, 1, 10), ("", "P"), "video", "Asia/Seoul"
        )
    with pytest.raises(zones.UnknownZone):
        meeting_actions.add_meeting(
            clerk, series, ("x", "x"), SEOUL_MEETING, ("", "P"), "video", "Asia/Atlantis"
        )
    made = meeting_actions.add_meeting(clerk, series, ("x", "x"), SEOUL_MEETING, ("", "P"), "video")
    assert made.time_zone == "America/New_York"  # the scheduler's own zone
    assert made.starts_at.utcoffset() == timedelta(0)


# --- pages in the reader's zone ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "language", "shown"),
    [
        ("rok.delegate", "en", "2018-12-21 10:00 KST"),
        ("us.delegate", "en", "2018-12-21 10:00 KST · 20:00 EST the day before"),
        ("us.delegate", "ko", "2018-12-21 10:00 KST · 전날 20:00 EST"),
    ],
)
def test_meeting_pages_show_the_meetings_zone_and_the_readers(
    client_for: Any, username: str, language: str, shown: str
) -> None:
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    client = client_for(username)
    client.cookies["django_language"] = language
    page = client.get(f"/meetings/{seoul.pk}/").content.decode()
    assert shown in page
    # A Seoul reader sees Seoul time once: no second zone beside it.
    assert ("EST" in page) == username.startswith("us.")
    assert shown in client.get("/meetings/").content.decode()


@pytest.mark.django_db
def test_the_washington_launch_for_a_seoul_reader(client_for: Any) -> None:
    launch = Meeting.objects.get(title_en__startswith="Launch")
    page = client_for("lee.dohoon").get(f"/meetings/{launch.pk}/").content.decode()
    assert "2018-11-20 14:00 EST · 04:00 KST the next day" in page


# A time of day on a page must be followed by its zone ("10:00 KST", "10:00:05 UTC+14").
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?![:\d])(?! ?(?:[A-Z]{2,5}\b|UTC[+-]))")


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["us.secretariat", "lee.dohoon"])
def test_no_page_prints_a_time_without_its_zone(client_for: Any, username: str) -> None:
    """Every page of the desk (the URL walk of the matrix test), after a few audited
    changes so the audit trail and approval lines hold times."""
    from tests.web.urlwalk import desk_urls

    client = client_for(username)
    client.post("/exports/calendar/token/", {"action": "issue"})
    pages = 0
    for entry in desk_urls():
        if entry.name.startswith(("api:", "feeds:", "accounts:")):
            continue
        response = client.get(entry.url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        pages += 1
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        text = re.sub(r"\bvalue=\"[^\"]*\"", " ", text)
        bare = [m.group(0) for m in _TIME.finditer(text)]
        assert bare == [], f"{entry.url} prints times without a zone: {bare}"
    assert pages > 30


@pytest.mark.django_db
def test_the_zone_of_one_request_does_not_stay_for_the_next(client_for: Any) -> None:
    client_for("us.delegate").get("/meetings/")
    assert timezone.get_current_timezone_name() == "UTC"


# --- the profile: each member's display zone ---------------------------------------------


@pytest.mark.django_db
def test_demo_members_read_in_their_delegations_zone(users: dict[str, Any]) -> None:
    zones_by_side = {m.side.code: m.time_zone for m in Member.objects.select_related("side")}
    assert zones_by_side == {"ROK": "Asia/Seoul", "US": "America/New_York"}
    assert zones.display_zone(users["us.observer"]) == NEW_YORK


@pytest.mark.django_db
def test_profile_sets_the_display_zone_without_an_audit_event(
    client_for: Any, users: dict[str, Any]
) -> None:
    client = client_for("us.observer")
    page = client.get("/settings/profile/").content.decode()
    assert '<option value="America/New_York" selected>' in page
    before = AuditEvent.objects.count()
    assert client.post("/settings/profile/", {"time_zone": "Mars/Olympus"}).status_code == 400
    response = client.post("/settings/profile/", {"time_zone": "Asia/Seoul"})
    assert response.status_code == 302
    assert Member.objects.get(user=users["us.observer"]).time_zone == "Asia/Seoul"
    assert AuditEvent.objects.count() == before  # a display preference, not a desk change
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    page = client.get(f"/meetings/{seoul.pk}/").content.decode()
    assert "2018-12-21 10:00 KST" in page and "EST" not in page


@pytest.mark.django_db
def test_a_member_without_a_zone_reads_in_the_desks_default(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    Member.objects.filter(user=users["rok.liaison"]).update(time_zone="")
    users["rok.liaison"].member.time_zone = ""
    assert zones.display_zone(users["rok.liaison"]) == SEOUL  # setting time_zone's default
    monkeypatch.setenv("WGDESK_TIME_ZONE", "Europe/London")
    assert zones.display_zone(users["rok.liaison"]) == LONDON
    monkeypatch.setenv("WGDESK_TIME_ZONE", "Europe/Lndon")
    with pytest.raises(ValueError, match="WGDESK_TIME_ZONE"):
        zones.display_zone(users["rok.liaison"])


# --- the demo's meetings carry their real zones --------------------------------------------


@pytest.mark.django_db
def test_demo_meetings_are_held_where_they_were() -> None:
    held = {m.title_en: (m.time_zone, m.local_start()) for m in Meeting.objects.all()}
    assert held["Launch meeting of the ROK–US Working Group"] == (
        "America/New_York",
        datetime(2018, 11, 20, 14, 0, tzinfo=NEW_YORK),
    )
    assert held["Working Group meeting in Seoul"] == (
        "Asia/Seoul",
        datetime(2018, 12, 21, 10, 0, tzinfo=SEOUL),
    )
    assert {spec["time_zone"] for spec in demo.MEETINGS.values()} <= {
        "Asia/Seoul",
        "America/New_York",
    }


@pytest.mark.django_db
def test_the_grown_demo_holds_meetings_in_seoul_and_washington(users: dict[str, Any]) -> None:
    from wgdesk.web.demo.grow import grow

    grow(1)
    grown = Meeting.objects.filter(title_en__startswith="Working group meeting no.")
    by_place = {(m.place.en, m.time_zone, m.local_start().time().isoformat()) for m in grown}
    assert by_place == {
        ("Seoul", "Asia/Seoul", "10:00:00"),
        ("Washington, D.C.", "America/New_York", "10:00:00"),
        ("Video conference", "Asia/Seoul", "09:00:00"),
    }


@pytest.mark.django_db
def test_an_older_demo_gets_its_zones_when_loaded_again(users: dict[str, Any]) -> None:
    from wgdesk.web.demo import load

    Meeting.objects.update(time_zone="UTC")  # as migrated: the instants were right
    Member.objects.update(time_zone="")
    load()
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    assert seoul.time_zone == "Asia/Seoul" and seoul.starts_at == SEOUL_MEETING
    assert Member.objects.get(user=users["us.delegate"]).time_zone == "America/New_York"


# --- the calendar feed: TZID and VTIMEZONE -----------------------------------------------


def _feed(client: Client) -> bytes:
    """Create a feed address through the exports page and fetch it without a session."""
    page = client.post("/exports/calendar/token/", {"action": "issue"}).content.decode()
    url = re.search(r"https?://[^/\"<]+(/feeds/calendar/[^\"<]+\.ics)", page)
    assert url is not None
    response = Client().get(url.group(1))
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_the_feed_writes_each_meeting_in_its_own_zone(client_for: Any) -> None:
    raw = _feed(client_for("us.delegate"))
    assert b"DTSTART;TZID=Asia/Seoul:20181221T100000\r\n" in raw
    assert b"DTSTART;TZID=America/New_York:20181120T140000\r\n" in raw
    assert b"X-WR-TIMEZONE:America/New_York\r\n" in raw  # the reader's zone, as a hint
    calendar = icalendar.Calendar.from_ical(raw)
    defined = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert set(defined) == {"Asia/Seoul", "America/New_York"}
    events = {str(e["SUMMARY"]).split(" / ")[-1]: e for e in calendar.walk("VEVENT")}
    seoul = events["Working Group meeting in Seoul"]
    assert seoul["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert seoul["DTSTART"].dt.astimezone(UTC) == SEOUL_MEETING
    assert seoul["DTEND"].dt - seoul["DTSTART"].dt == timedelta(hours=2)
    for event in events.values():
        start = event["DTSTART"].dt
        # Our VTIMEZONE, read by icalendar, gives every event the zoneinfo offset.
        own = defined[event["DTSTART"].params["TZID"]].to_tz()
        wall = start.replace(tzinfo=None)
        assert wall.replace(tzinfo=own).utcoffset() == start.utcoffset()


def _text(value: Any) -> str:
    """A property's value as written in the file."""
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def test_vtimezone_has_every_dst_change_of_the_span() -> None:
    """New York through 2019: EST, then EDT from 10 March 02:00, EST from 3 November."""
    start, end = datetime(2019, 1, 15, tzinfo=UTC), datetime(2019, 12, 15, tzinfo=UTC)
    events = [
        ical.Event(f"e{n}", moment, moment + timedelta(hours=2), NEW_YORK, "s", "l", "d", "u")
        for n, moment in enumerate((start, datetime(2019, 7, 4, 14, tzinfo=UTC), end))
    ]
    text = ical.calendar("Test", events, start, "Asia/Seoul")
    parsed = icalendar.Calendar.from_ical(text)
    [vtimezone] = parsed.walk("VTIMEZONE")
    onsets = [
        (c.name, c["DTSTART"].dt, _text(c["TZOFFSETFROM"]), _text(c["TZOFFSETTO"]))
        for c in vtimezone.subcomponents
    ]
    assert onsets == [
        ("STANDARD", datetime(2019, 1, 13, 19, 0), "-0500", "-0500"),
        ("DAYLIGHT", datetime(2019, 3, 10, 2, 0), "-0500", "-0400"),
        ("STANDARD", datetime(2019, 11, 3, 2, 0), "-0400", "-0500"),
    ]
    tz = vtimezone.to_tz()
    for moment in (datetime(2019, 3, 10, 1, 59), datetime(2019, 3, 10, 3, 0)):
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=NEW_YORK).utcoffset()
    [summer] = [e for e in parsed.walk("VEVENT") if str(e["UID"]) == "e1"]
    assert _text(summer["DTSTART"]) == "20190704T100000"


def test_transitions_are_found_to_the_second() -> None:
    found = list(
        ical.transitions(LONDON, datetime(2019, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
    )
    assert found == [
        datetime(2019, 3, 31, 1, 0, tzinfo=UTC),
        datetime(2019, 10, 27, 1, 0, tzinfo=UTC),
    ]
    assert list(ical.transitions(SEOUL, found[0], found[1])) == []


# --- exports, emails and the API name the zone -------------------------------------------


def _pdf_text(content: bytes) -> str:
    """The text of a PDF, whitespace collapsed."""
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


@pytest.mark.django_db
def test_exports_name_the_meetings_zone_and_the_readers(client_for: Any) -> None:
    launch = Meeting.objects.get(title_en__startswith="Launch")
    markdown = client_for("lee.dohoon").get(f"/exports/minutes/{launch.pk}.md")
    text = markdown.content.decode()
    assert "2018-11-20 14:00 EST · 04:00 KST the next day (America/New_York)" in text
    assert re.search(r"Exported by .* on \d{4}-\d\d-\d\d \d\d:\d\d KST\.", text)
    assert markdown["Content-Disposition"].endswith(f'minutes-20181120-{launch.pk}.md"')
    pdf = client_for("us.delegate").get(f"/exports/minutes/{launch.pk}.pdf")
    assert "2018-11-20 14:00 EST (America/New_York)" in _pdf_text(pdf.content)


@pytest.mark.django_db
def test_the_api_gives_times_with_offsets_and_the_meetings_zone(
    users: dict[str, Any], settings: Any
) -> None:
    response = _token(users["us.observer"]).get("/api/v1/meetings")
    body = conforms(response, "/meetings")
    assert body["count"] == Meeting.objects.count()
    seoul = next(m for m in body["meetings"] if m["title_en"] == "Working Group meeting in Seoul")
    assert seoul["starts_at"] == "2018-12-21T10:00:00+09:00"
    assert seoul["starts_at_utc"] == "2018-12-21T01:00:00Z"
    assert seoul["time_zone"] == "Asia/Seoul"
    assert seoul["url"] == f"http://testserver/meetings/{seoul['id']}/"
    launch = next(m for m in body["meetings"] if m["title_en"].startswith("Launch"))
    assert launch["starts_at"] == "2018-11-20T14:00:00-05:00"
    page = _token(users["us.observer"]).get("/api/v1/meetings?limit=1&offset=1").json()
    assert len(page["meetings"]) == 1 and page["count"] == body["count"]
    settings.SITE_URL = "https://desk.example.org"
    again = _token(users["us.observer"]).get("/api/v1/meetings").json()
    assert all(m["url"].startswith("https://desk.example.org/meetings/") for m in again["meetings"])
