from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("key", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("counter", models.PositiveBigIntegerField(default=0)),
                ("token", models.CharField(blank=True, help_text="New and random at every "
                                           "change: never reused.", max_length=32)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
