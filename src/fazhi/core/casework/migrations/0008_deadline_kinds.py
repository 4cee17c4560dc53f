from datetime import date

from django.db import migrations, models


def set_kinds(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Deadlines stored before kinds existed were all treated as acts (moved past rest days).
    Give the burdens and earliest dates their kind and recompute their unmoved end."""
    from fazhi.core.clock import statutes
    from fazhi.core.clock.periods import Pause, Period, PeriodKind, Unit, compute

    Deadline = apps.get_model("casework", "Deadline")
    kinds = {sp.key: sp.kind for sp in statutes.all_periods() if sp.kind != PeriodKind.ACT}
    for d in Deadline.objects.filter(key__in=list(kinds)):
        d.kind = kinds[d.key]
        if d.status not in ("met", "cancelled") and all(p.get("end") for p in d.pauses):
            pauses = [
                Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]))
                for p in d.pauses
            ]
            ext = (
                Period(d.extension_amount, Unit(d.extension_unit), d.basis)
                if d.extension_amount
                else None
            )
            result = compute(
                d.start,
                Period(d.amount, Unit(d.unit), d.basis),
                pauses=pauses,
                extension=ext,
                kind=d.kind,
            )
            d.unrolled_due, d.due, d.provisional = (
                result.unrolled_due,
                result.due,
                result.provisional,
            )
        d.save(update_fields=["kind", "unrolled_due", "due", "provisional"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_steps_links_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="cancel_reason",
            field=models.CharField(blank=True, max_length=200, verbose_name="撤销理由"),
        ),
        migrations.AddField(
            model_name="deadline",
            name="kind",
            field=models.CharField(
                choices=[("act", "办理期限"), ("burden", "最长持续期间"), ("earliest", "最早日期")],
                default="act",
                max_length=10,
                verbose_name="期间性质",
            ),
        ),
        migrations.AddField(
            model_name="deadline",
            name="lapse_recorded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="届满后果记录时间"),
        ),
        migrations.RunPython(set_kinds, migrations.RunPython.noop),
    ]
