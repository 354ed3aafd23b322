"""Drop the single-language title, now in title_ko and title_en (after the search triggers
stopped reading it: SQLite refuses to drop a column a trigger uses)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("sanctions", "0002_title_bilingual"),
        ("search", "0005_bilingual_review_titles"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="projectreview",
            name="title",
        ),
    ]
