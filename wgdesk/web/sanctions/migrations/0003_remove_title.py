"""Drop the single-language title, now in title_ko and title_en (after the search triggers
stopped reading it: SQLite refuses to drop a column a trigger uses)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("sanctions", "0002_title_bilingual"),
        ("search", "0005_bilingual_review_titles"),
    ]

    operations = [
        # State only: unapplying the removal re-adds the column with a default, so rows
        # that exist get one (0002's reverse then fills it from the two halves).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="projectreview",
                    name="title",
                    field=models.CharField(default="", max_length=300, verbose_name="title"),
                ),
            ],
        ),
        migrations.RemoveField(
            model_name="projectreview",
            name="title",
        ),
    ]
