"""A saved review's title in both languages, with a stale flag (issue 12): the old title
moves to the half of its language; the old column goes in the next migration, once the
search triggers no longer read it."""

from django.db import migrations, models


def _hangul(text):
    """Whether a text has a Hangul syllable (then it was written in Korean)."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _split(apps, schema_editor):
    """Move each old title into the half of its language (Hangul: Korean, else English);
    the other half is empty, so it is flagged as a translation to do."""
    model = apps.get_model("sanctions", "ProjectReview")
    for pk, title in model.objects.exclude(title="").values_list("pk", "title"):
        if _hangul(title):
            model.objects.filter(pk=pk).update(title_ko=title, title_stale="en")
        else:
            model.objects.filter(pk=pk).update(title_en=title, title_stale="ko")


def _join(apps, schema_editor):
    """Put the title back as one text (English first, as the API gave it)."""
    model = apps.get_model("sanctions", "ProjectReview")
    for pk, ko, en in model.objects.values_list("pk", "title_ko", "title_en"):
        model.objects.filter(pk=pk).update(title=(en or ko)[:300])


class Migration(migrations.Migration):

    dependencies = [
        ("sanctions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectreview",
            name="title_en",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="title (en)"),
        ),
        migrations.AddField(
            model_name="projectreview",
            name="title_ko",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="title (ko)"),
        ),
        migrations.AddField(
            model_name="projectreview",
            name="title_stale",
            field=models.CharField(blank=True, choices=[("", "up to date"), ("ko", "Korean needs update"), ("en", "English needs update")], default="", max_length=2),
        ),
        migrations.RunPython(_split, _join),
    ]
