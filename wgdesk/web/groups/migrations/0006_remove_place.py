"""Drop the single-language place, now in place_ko and place_en (after the search triggers
stopped reading it: SQLite refuses to drop a column a trigger uses)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0005_place_bilingual'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='workinggroup',
            name='place',
        ),
    ]
