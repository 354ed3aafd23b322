"""Drop the single-language place, now in place_ko and place_en (after the search triggers
stopped reading it: SQLite refuses to drop a column a trigger uses)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('engagements', '0002_place_bilingual'),
        ('search', '0003_bilingual_places'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='engagement',
            name='place',
        ),
    ]
