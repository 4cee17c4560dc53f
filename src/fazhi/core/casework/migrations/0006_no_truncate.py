from django.db import migrations

from fazhi.core.integrity.appendonly import truncate_guard


class Migration(migrations.Migration):
    dependencies = [("casework", "0005_number_sequence"), ("integrity", "0004_seal_columns")]

    operations = [truncate_guard("casework_event")]
