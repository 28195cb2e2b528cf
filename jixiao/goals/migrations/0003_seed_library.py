"""Seed the indicator library (指标库) with common indicators by 二级 category."""

from django.db import migrations


def seed(apps, schema_editor):
    from jixiao.goals.library import library_seed

    library_seed(apps.get_model("goals", "LibraryIndicator"))


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_adjustments_library"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
