from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("benchmarks", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="benchmarkvalue", name="measure",
            field=models.CharField(db_index=True, help_text="Lower-case registered measure "
                                   "name.", max_length=80),
        ),
    ]
