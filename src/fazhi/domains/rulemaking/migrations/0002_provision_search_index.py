"""The provisions' full-text index, per database engine (search.ensure_index): SQLite FTS5
with its triggers, or a stored ``simple`` tsvector with a GIN index on PostgreSQL."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from fazhi.domains.rulemaking.search import ensure_index

    ensure_index(schema_editor.connection)


def backwards(apps: Any, schema_editor: Any) -> None:
    from fazhi.domains.rulemaking.search import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("rulemaking", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
