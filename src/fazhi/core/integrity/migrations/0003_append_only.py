from django.db import migrations

from fazhi.core.integrity.appendonly import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("integrity", "0002_initial")]

    operations = [
        append_only_trigger("integrity_auditentry"),
        append_only_trigger("integrity_securityevent"),
        append_only_trigger("integrity_seal"),
    ]
