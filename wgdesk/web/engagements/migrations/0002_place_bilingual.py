"""The engagement's place in both languages, with a stale flag (issue 12): the
old text moves to the half of its language; the old column goes in the next migration,
once the search triggers no longer read it."""

from django.db import migrations, models


def _split(apps, schema_editor):
    """Move each old place into the half of its language (Hangul: Korean, else English)."""
    model = apps.get_model("engagements", "Engagement")
    for row in model.objects.exclude(place=""):
        hangul = any("\uac00" <= ch <= "\ud7a3" for ch in row.place)
        model.objects.filter(pk=row.pk).update(
            **{"place_ko" if hangul else "place_en": row.place}
        )


def _join(apps, schema_editor):
    """Put the place back as one text (Korean first, as the page showed it)."""
    model = apps.get_model("engagements", "Engagement")
    for row in model.objects.all():
        model.objects.filter(pk=row.pk).update(place=row.place_ko or row.place_en)


class Migration(migrations.Migration):

    dependencies = [
        ('engagements', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='engagement',
            name='place_en',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='place (en)'),
        ),
        migrations.AddField(
            model_name='engagement',
            name='place_ko',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='place (ko)'),
        ),
        migrations.AddField(
            model_name='engagement',
            name='place_stale',
            field=models.CharField(blank=True, choices=[('', 'up to date'), ('ko', 'Korean needs update'), ('en', 'English needs update')], default='', max_length=2),
        ),
        migrations.RunPython(_split, _join),
    ]
