from django.db import migrations

from fazhi.core.integrity.appendonly import append_only_trigger, truncate_guard


class Migration(migrations.Migration):
    """The credential history of officers (org, below integrity) is append-only in the database
    too: integrity owns the triggers, so org imports nothing above it."""

    dependencies = [
        ("integrity", "0005_public_account_kinds"),
        ("org", "0005_credential_event"),
    ]

    operations = [
        append_only_trigger("org_credentialevent"),
        truncate_guard("org_credentialevent"),
    ]
