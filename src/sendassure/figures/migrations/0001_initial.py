from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Fact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("la", models.CharField(db_index=True, max_length=3,
                                        verbose_name="local authority")),
                ("family", models.CharField(max_length=40)),
                ("measure", models.CharField(max_length=60)),
                ("period", models.CharField(help_text="Period key, e.g. 2024, 2024-Q3.",
                                            max_length=16)),
                ("period_kind", models.CharField(max_length=16)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("breakdown", models.CharField(blank=True, help_text="dimension=group",
                                               max_length=120)),
                ("as_of", models.DateField(help_text="Known on (the data's end).")),
                ("status", models.CharField(max_length=8)),
                ("value", models.DecimalField(decimal_places=1, max_digits=20, null=True)),
                ("numerator", models.BigIntegerField(null=True)),
                ("denominator", models.BigIntegerField(null=True)),
                ("shown", models.CharField(help_text="As shown to aggregate audiences.",
                                           max_length=24)),
                ("computed_by", models.CharField(help_text="Version of the figures code.",
                                                 max_length=20)),
            ],
            options={
                "indexes": [models.Index(fields=["la", "family"],
                                         name="figures_fac_la_807244_idx")],
                "constraints": [models.UniqueConstraint(
                    fields=("la", "family", "measure", "period", "breakdown"),
                    name="one_fact")],
            },
        ),
        migrations.CreateModel(
            name="FactsRefresh",
            fields=[
                ("la", models.CharField(max_length=3, primary_key=True, serialize=False)),
                ("inputs", models.CharField(max_length=200)),
                ("computed_by", models.CharField(max_length=20)),
                ("as_of", models.DateField(null=True)),
                ("rows", models.PositiveIntegerField(default=0)),
                ("refreshed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
