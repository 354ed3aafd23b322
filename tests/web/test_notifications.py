"""Email notifications: new action items, minutes awaiting approval, daily reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wgdesk.cli import main
from wgdesk.web import secrets
from wgdesk.web.actionitems import actions as action_actions
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions as minutes_actions
from wgdesk.web.notifications.actions import send_reminders, set_preference
from wgdesk.web.notifications.models import SentNotification

pytestmark = pytest.mark.django_db
TODAY = date(2019, 1, 14)
SITE = "https://desk.example.org"


@pytest.fixture
def addresses(users: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Give every demo user an email address (the demo accounts have none), and the desk a
    public address: these emails are sent outside any request, so links need the setting."""
    settings.SITE_URL = SITE
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save()
    return users


def _add_action(users: dict[str, Any], owner: str, title: tuple[str, str], level: int = 0) -> Any:
    """Raise an action item at the first meeting still open (locked minutes freeze theirs)."""
    meeting = Meeting.objects.exclude(minutes__status="locked").first()
    return action_actions.add_action(
        users["lee.dohoon"], meeting, None, title, users[owner].member, TODAY, level
    )


def test_new_action_item_emails_its_owner_after_commit_in_their_language(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    set_preference(addresses["rok.liaison"], "ko", True)
    with django_capture_on_commit_callbacks(execute=True):
        _add_action(addresses, "rok.liaison", ("장비 목록 송부", "Send the equipment list"))
        assert mailoutbox == []  # nothing leaves before the transaction commits
    [message] = mailoutbox
    assert message.to == ["rok.liaison@example.org"]
    assert "장비 목록 송부" in message.subject and "후속 조치" in message.subject
    assert "Send the equipment list" not in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_english_is_the_default_language(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _add_action(addresses, "us.liaison", ("자료 송부", "Send the papers"))
    assert mailoutbox[0].subject == "New action item for you: Send the papers"


def test_no_email_about_an_item_above_the_owners_clearance(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    # Assigning it to them is refused outright (test_assignments); here the item is marked
    # above the owner's clearance after assignment, before the email goes out.
    with django_capture_on_commit_callbacks(execute=True):
        action = _add_action(addresses, "rok.liaison", ("2급 비밀 과제", "Secret task"))
        ActionItem.objects.filter(pk=action.pk).update(classification=3)
    assert mailoutbox == []


def test_rolled_back_change_sends_nothing(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _add_action(addresses, "us.liaison", ("취소", "Never committed"))
    assert len(callbacks) == 1 and mailoutbox == []


def test_submitted_minutes_go_to_each_side_still_to_approve(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    set_preference(addresses["lee.dohoon"], "ko", True)
    january = Meeting.objects.get(title_en__contains="video conference")
    clerk = addresses["us.secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_actions.start(clerk, january)
        minutes = minutes_actions.save(clerk, minutes, minutes.revision, "초안", "Draft text")
        minutes = minutes_actions.submit(clerk, minutes)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "lee.dohoon@example.org",
        "stephen.biegun@example.org",
    ]
    korean = next(m for m in mailoutbox if m.to == ["lee.dohoon@example.org"])
    assert "승인" in korean.subject and "초안" not in korean.body  # no minutes text in mail
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_actions.approve(addresses["lee.dohoon"], minutes)
    assert [m.to for m in mailoutbox] == [["stephen.biegun@example.org"]]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_actions.approve(addresses["stephen.biegun"], minutes)  # locks: nobody awaited
    assert mailoutbox == []


def test_classified_minutes_are_not_announced_to_an_uncleared_approver(
    addresses: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    biegun = addresses["stephen.biegun"].member
    biegun.clearance = 1
    biegun.save()
    january = Meeting.objects.get(title_en__contains="video conference")
    clerk = addresses["rok.secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_actions.start(clerk, january, classification=2)
        minutes = minutes_actions.save(clerk, minutes, minutes.revision, "비공개", "Closed")
        minutes_actions.submit(clerk, minutes)
    assert [m.to for m in mailoutbox] == [["lee.dohoon@example.org"]]


def test_reminders_list_due_and_overdue_items_once_a_day(
    addresses: dict[str, Any], mailoutbox: list[Any]
) -> None:
    due_soon = _add_action(addresses, "us.liaison", ("곧 마감", "Due soon"))
    ActionItem.objects.filter(pk=due_soon.pk).update(due_on=TODAY + timedelta(days=2))
    later = _add_action(addresses, "us.liaison", ("나중", "Due much later"))
    ActionItem.objects.filter(pk=later.pk).update(due_on=TODAY + timedelta(days=30))
    mailoutbox.clear()
    sent = send_reminders(TODAY, lead_days=3).sent
    mail = next(m for m in mailoutbox if m.to == ["us.liaison@example.org"])
    assert "Due soon" in mail.body and "Due much later" not in mail.body
    assert "Brief the ROK side on OFAC guidance" in mail.body and "(overdue)" in mail.body
    reminded = {r.user.username for r in sent}
    assert {"us.liaison", "us.delegate"} <= reminded and "rok.liaison" not in reminded  # 01-31
    count = len(mailoutbox)
    assert send_reminders(TODAY, lead_days=3).sent == [] and len(mailoutbox) == count
    assert SentNotification.objects.filter(day=TODAY).exists()
    assert send_reminders(TODAY + timedelta(days=1), lead_days=3).sent  # a new day: again


def test_reminders_include_minutes_awaiting_the_approvers_side(
    addresses: dict[str, Any], mailoutbox: list[Any]
) -> None:
    set_preference(addresses["stephen.biegun"], "ko", True)
    send_reminders(TODAY, lead_days=3)
    mail = next(m for m in mailoutbox if m.to == ["stephen.biegun@example.org"])
    assert "한미 워킹그룹 서울 회의" in mail.body  # the Seoul minutes await the US side
    assert not any(m.to == ["lee.dohoon@example.org"] for m in mailoutbox)  # ROK approved


def test_reminders_never_mention_what_the_recipient_may_not_see(
    addresses: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # Assignment above clearance is refused (test_assignments): the item is marked above
    # its owner's clearance after assignment, as a later reclassification would.
    secret = _add_action(addresses, "rok.liaison", ("대외비 과제", "Restricted chore"))
    above = addresses["rok.liaison"].member.clearance + 1
    ActionItem.objects.filter(pk=secret.pk).update(classification=above)
    mailoutbox.clear()
    send_reminders(TODAY, lead_days=3)
    assert all("Restricted chore" not in m.body for m in mailoutbox)
    assert not SentNotification.objects.filter(key=f"actionitems.ActionItem:{secret.pk}").exists()


def test_switched_off_or_addressless_users_get_nothing(
    addresses: dict[str, Any], mailoutbox: list[Any]
) -> None:
    set_preference(addresses["us.liaison"], "en", False)
    addresses["rok.liaison"].email = ""
    addresses["rok.liaison"].save()
    send_reminders(TODAY, lead_days=3)
    recipients = {m.to[0] for m in mailoutbox}
    assert "us.liaison@example.org" not in recipients and recipients


def test_remind_command_dry_run_then_real_run_then_idempotent(
    addresses: dict[str, Any], mailoutbox: list[Any]
) -> None:
    runner = CliRunner()
    dry = runner.invoke(main, ["remind", "--dry-run", "--today", "2019-01-14"])
    assert dry.exit_code == 0, dry.output
    assert "would send: us.liaison" in dry.output and mailoutbox == []
    assert not SentNotification.objects.exists()
    first = runner.invoke(main, ["remind", "--today", "2019-01-14", "--lead-days", "3"])
    assert first.exit_code == 0 and "sent: us.liaison" in first.output and mailoutbox
    again = runner.invoke(main, ["remind", "--today", "2019-01-14"])
    assert again.exit_code == 0 and "0 reminder email(s) sent" in again.output


def test_preferences_page_saves_the_language(client_for: Any, users: dict[str, Any]) -> None:
    client = client_for("rok.observer")
    assert client.get("/notifications/").status_code == 200
    response = client.post("/notifications/", {"language": "ko", "email_enabled": "on"})
    assert response.status_code == 302
    assert users["rok.observer"].notification_pref.language == "ko"
    assert client.post("/notifications/", {"language": "fr"}).status_code == 400


def test_smtp_password_comes_from_a_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "from-env")
    assert secrets.smtp_password() == "from-env"
    secret_file = tmp_path / "smtp"
    secret_file.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", str(secret_file))
    assert secrets.smtp_password() == "from-file"


def test_a_failed_send_is_retried_by_the_next_run_and_stops_no_other(
    addresses: dict[str, Any], mailoutbox: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wgdesk.web.notifications import mail

    real_send = mail.send

    def flaky(user: Any, template: str, context: dict[str, Any]) -> None:
        if user.username == "us.liaison":
            raise OSError("SMTP server unreachable")
        real_send(user, template, context)

    monkeypatch.setattr(mail, "send", flaky)
    run = send_reminders(TODAY, lead_days=3)
    assert [r.user.username for r, _ in run.failed] == ["us.liaison"]
    assert run.sent and not SentNotification.objects.filter(user=addresses["us.liaison"]).exists()
    monkeypatch.setattr(mail, "send", real_send)
    retry = send_reminders(TODAY, lead_days=3)
    assert [r.user.username for r in retry.sent] == ["us.liaison"]
