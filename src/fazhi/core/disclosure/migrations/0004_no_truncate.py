from django.db import migrations

from fazhi.core.integrity.appendonly import truncate_guard


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_append_only"), ("integrity", "0004_seal_columns")]

    operations = [
        truncate_guard("disclosure_publication"),
        truncate_guard("disclosure_withdrawal"),
    ]
