from django.db import migrations


class Migration(migrations.Migration):
    """The page-shaped fact table gives way to the figures layer's narrow fact table."""

    dependencies = [("web", "0001_initial")]

    operations = [migrations.DeleteModel(name="DashboardFact")]
