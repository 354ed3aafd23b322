"""Invitation tokens are kept as SHA-256 digests (issue 10, finding 8).

Open invitations keep working: each stored plain token is replaced by its digest, which
is what a link's token is compared against from now on.
"""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Replace every stored plain token by its SHA-256."""
    Invitation = apps.get_model("groups", "Invitation")
    for invitation in Invitation.objects.all().only("pk", "token"):
        value = hashlib.sha256(invitation.token.encode("utf-8")).hexdigest()
        Invitation.objects.filter(pk=invitation.pk).update(digest=value)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_member_time_zone"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="digest",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation",
            name="digest",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
