from django.db import migrations

from fazhi.core.integrity.appendonly import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_initial"), ("integrity", "0003_append_only")]

    operations = [append_only_trigger("casework_event")]
