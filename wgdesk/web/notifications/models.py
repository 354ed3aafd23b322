"""Each user's notification language and the log that makes reminders once-a-day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """A user's choices for email: the language to write in, and whether to send at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_pref"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    email_enabled = models.BooleanField(_("send me email notifications"), default=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class SentNotification(models.Model):
    """One record mentioned in one email to one user on one day (reminders run once a day)."""

    kind = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=80)  # "app.Model:pk" of the record mentioned
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "user", "key", "day"], name="notification_once_a_day"
            )
        ]
