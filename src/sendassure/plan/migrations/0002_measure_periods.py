from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="measurelink", name="section",
            field=models.CharField(help_text="Family of the measure (docs/measures.md), e.g. "
                                   "timeliness", max_length=30),
        ),
        migrations.AddField(
            model_name="measurelink", name="period_kind",
            field=models.CharField(blank=True, help_text="Kind of period 'now' is for, e.g. "
                                   "rolling_12 (blank: the default).", max_length=16),
        ),
        migrations.AddField(
            model_name="measurelink", name="baseline_period",
            field=models.CharField(blank=True, help_text="The period the baseline is for, "
                                   "e.g. 2023, 2023-06, 2023-01-19.", max_length=16),
        ),
    ]
