"""Append-only tables: the application never updates or deletes their rows, and on
PostgreSQL a trigger makes the database refuse it too."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

from fazhi.core.org.scoping import RestrictedQuerySet


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyQuerySet(RestrictedQuerySet):
    """Every append-only table (events, audit entries, publications) is read on request paths,
    so its queryset is also a restricted one (one base: the type checker's plugin cannot merge
    two querysets' managers)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} 为只增表，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} 为只增表，不能删除")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} 为只增表，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{type(self).__name__} 为只增表，不能删除")


_FUNCTION = """
CREATE OR REPLACE FUNCTION fazhi_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only (只增表)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

# TRUNCATE fires no row trigger, so it gets a statement trigger of its own. A maintenance session
# (archiving by the DBA, a test database being flushed) may allow it explicitly with
# ``SET fazhi.allow_truncate = 'on'``; anyone who can run that could drop the trigger anyway, and
# the application never does.
_TRUNCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION fazhi_refuse_truncate() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('fazhi.allow_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'table % is append-only (只增表): TRUNCATE refused', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def append_only_trigger(table: str) -> migrations.RunPython:
    """A migration operation installing the refusing trigger on PostgreSQL (no-op elsewhere)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(_FUNCTION, params=None)
        schema_editor.execute(
            f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION fazhi_refuse_change();"
        )

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}";')

    return migrations.RunPython(forward, backward)


def truncate_guard(table: str) -> migrations.RunPython:
    """A migration operation refusing TRUNCATE on PostgreSQL (no-op elsewhere)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(_TRUNCATE_FUNCTION, params=None)
        schema_editor.execute(
            f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION fazhi_refuse_truncate();"
        )

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}";')

    return migrations.RunPython(forward, backward)
