"""Build the Ezhou 2019 scenario: deterministic from a seed, idempotent, bulk inserts.

Every stage first *plans* its rows (pure functions of the seed and the scale, no database), then
loads only the rows whose natural key is not there yet (org unit code, (township, name) of a
place, credential number, USCC, licence number), in one transaction per stage, with
``bulk_create``. A second run therefore creates nothing; the entity stage skips even its planning
when the classified pool is already complete. Each stage that inserted anything writes one
bulk-import audit event (``fazhi.core.integrity.audit.record_bulk_import``) with the row
count and the
SHA-256 of a canonical dump of the inserted rows; per-row change logging is switched off for the
build (``auditlog.context.disable_auditlog``; ``bulk_create`` sends no signals anyway).

The reads here are existence checks of a writing command, not a request path, so they use the
plain default managers; the bulk-import events are the audit trail of what the build did.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, TextIO

from auditlog.context import disable_auditlog
from django.db import transaction

from fazhi.core.integrity.audit import record_bulk_import
from fazhi.core.org.choices import (
    CredentialStatus,
    IdType,
)
from fazhi.core.org.models import (
    AdviserAssignment,
    Entity,
    LegalAdviser,
    Officer,
    OrgUnit,
    Person,
    Region,
    RiskClassification,
)

from . import data
from .planning import (
    Digest,
    iter_entities,
    plan_advisers,
    plan_officers,
    plan_places,
    plan_units,
)

BATCH = 2000
USCC_REFORM = date(2015, 10, 1)  # 统一社会信用代码 assigned to new registrations from here on


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


@dataclass
class StageResult:
    label: str
    created: int = 0
    existing: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class BuildReport:
    seed: int
    stages: list[StageResult] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(s.created for s in self.stages)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.stages)


class ScenarioBuilder:
    def __init__(
        self, seed: int, entities: int, officers: int, stdout: TextIO | Any, lists: bool = True
    ) -> None:
        self.seed = seed
        self.lists = lists
        self.entities = entities
        self.officers = officers
        self.out = stdout
        self.source = f"fazhi demo --seed {seed}"
        self.report = BuildReport(seed)

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text + "\n")
            if hasattr(self.out, "flush"):
                self.out.flush()

    def run(self) -> BuildReport:
        from fazhi import registry

        # Every app registers its stages (fazhi.registry.stage) from its own ready(); the
        # foundation's are registered by this app. ``lists=False`` keeps the foundation only.
        stages: list[tuple[str, Callable[[StageResult], None]]] = [
            (s.label, partial(s.load, self))
            for s in registry.stages()
            if self.lists or s.app == "scenario"
        ]
        self.say(f"构建鄂州市 2019 年示例场景（种子 {self.seed}）。{data.PROCEDURE_NOTE}")
        with disable_auditlog():
            for number, (label, stage) in enumerate(stages, 1):
                self.say(f"[{number}/{len(stages)}] {label}……")
                result = StageResult(label)
                began = time.perf_counter()
                with transaction.atomic():
                    stage(result)
                result.seconds = time.perf_counter() - began
                self.report.stages.append(result)
                self.say(
                    f"      新建 {result.created:,}，已有 {result.existing:,}，"
                    f"用时 {result.seconds:.1f} 秒"
                )
        return self.report

    def audit(self, model_label: str, rows: int, digest: Digest, **changes: Any) -> None:
        if rows:
            record_bulk_import(
                model_label,
                rows=rows,
                digest=digest.hexdigest(),
                source=self.source,
                changes={"seed": self.seed, **changes},
            )

    # -- 1. org tree ------------------------------------------------------------------------

    def load_units(self, result: StageResult) -> None:
        specs = plan_units()
        known = {
            c: (i, p)
            for c, i, p in OrgUnit.objects.filter(code__in=[s.code for s in specs]).values_list(
                "code", "id", "path"
            )
        }
        digest = Digest()
        pending = [s for s in specs if s.code not in known]
        result.existing = len(specs) - len(pending)
        # Parents first: insert in waves, each wave's parents already have ids and paths.
        while pending:
            wave = [s for s in pending if s.parent is None or s.parent in known]
            rows = []
            for s in wave:
                parent = known.get(s.parent) if s.parent else None
                rows.append(
                    OrgUnit(
                        kind=s.kind,
                        name=s.name,
                        short_name=s.short_name,
                        code=s.code,
                        division_code=s.division_code,
                        level=s.level,
                        parent_id=parent[0] if parent else None,
                        # what OrgUnit.compute_path() does in save(), which bulk_create skips
                        path=f"{parent[1] if parent else '/'}{s.code}/",
                        enforces=s.enforces,
                        may_issue_documents=s.may_issue_documents,
                        sort=s.sort,
                    )
                )
                digest.add(
                    s.code,
                    s.kind,
                    s.name,
                    s.parent or "",
                    s.division_code,
                    s.level,
                    s.enforces,
                    s.may_issue_documents,
                )
            OrgUnit.objects.bulk_create(rows, batch_size=BATCH)
            for row in rows:
                known[row.code] = (row.pk, row.path)
            pending = [s for s in pending if s.code not in known]
            result.created += len(rows)
        kinds = Counter(s.kind for s in specs)
        self.audit(
            "org.OrgUnit",
            result.created,
            digest,
            governments=kinds["government"],
            departments=kinds["department"],
        )

    # -- 2. villages and communities ----------------------------------------------------------

    def load_places(self, result: StageResult) -> None:
        specs = plan_places(self.seed)
        units = dict(
            OrgUnit.objects.filter(code__in={s.township for s in specs}).values_list("code", "id")
        )
        have = set(
            Region.objects.filter(government_id__in=units.values()).values_list(
                "government_id", "name"
            )
        )
        digest = Digest()
        rows = []
        for s in specs:
            if (units[s.township], s.name) in have:
                result.existing += 1
                continue
            rows.append(
                Region(kind=s.kind, name=s.name, code=s.code, government_id=units[s.township])
            )
            digest.add(s.township, s.name, s.kind, s.code)
        Region.objects.bulk_create(rows, batch_size=BATCH)
        result.created = len(rows)
        self.audit(
            "org.Region", result.created, digest, by_kind=dict(Counter(r.kind for r in rows))
        )

    # -- 3. officers --------------------------------------------------------------------------

    def load_officers(self, result: StageResult) -> None:
        specs = plan_officers(self.seed, self.officers)
        have = set(
            Officer.objects.filter(credential_no__in=[s.credential_no for s in specs]).values_list(
                "credential_no", flat=True
            )
        )
        todo = [s for s in specs if s.credential_no not in have]
        result.existing = len(specs) - len(todo)
        units = dict(
            OrgUnit.objects.filter(code__in={s.department for s in todo}).values_list("code", "id")
        )
        digest = Digest()
        people = [
            Person(
                name=s.name,
                id_type=IdType.RESIDENT_ID,
                id_number=s.id_number,
                phone=s.phone,
                birth_date=s.birth_date,
                owner_unit_id=units[s.department],
            )
            for s in todo
        ]
        Person.objects.bulk_create(people, batch_size=BATCH)
        officers = []
        for s, person in zip(todo, people, strict=True):
            officers.append(
                Officer(
                    person_id=person.pk,
                    department_id=units[s.department],
                    status=CredentialStatus.ISSUED,
                    credential_no=s.credential_no,
                    fields=s.fields,
                    exam_score=s.exam_score,
                    exam_date=s.exam_date,
                    issued_on=s.issued_on,
                    valid_until=s.valid_until,
                    last_checked_on=s.last_checked_on,
                )
            )
            digest.add(
                s.credential_no, s.department, s.name, s.id_number, s.issued_on, s.valid_until
            )
        Officer.objects.bulk_create(officers, batch_size=BATCH)
        result.created = len(officers)
        self.audit(
            "org.Officer",
            result.created,
            digest,
            persons=len(people),
            by_department=dict(Counter(s.department for s in todo)),
        )

    # -- 4. market entities -------------------------------------------------------------------

    def load_entities(self, result: StageResult) -> None:
        classified = RiskClassification.objects.filter(
            scheme=data.RISK_SCHEME, as_of=data.AS_OF, source=data.RISK_SOURCE
        )
        if classified.count() == self.entities:  # complete: skip even the planning
            result.existing = self.entities
            return
        regions = dict(
            OrgUnit.objects.filter(
                code__in=[g.code for g in (*data.DISTRICTS, *data.ZONES)]
            ).values_list("code", "id")
        )
        have = dict(Entity.objects.values_list("uscc", "id"))
        have_class = set(
            RiskClassification.objects.filter(
                scheme=data.RISK_SCHEME, as_of=data.AS_OF
            ).values_list("entity_id", flat=True)
        )
        digest = Digest()
        kinds: Counter[str] = Counter()
        classes: Counter[str] = Counter()
        pending: list[tuple[Entity, str]] = []
        repairs: list[tuple[int, str]] = []

        def flush() -> None:
            Entity.objects.bulk_create([e for e, _ in pending], batch_size=BATCH)
            self._classify([(e.pk, c) for e, c in pending])
            pending.clear()

        for n, s in enumerate(iter_entities(self.seed, self.entities), 1):
            if s.uscc in have:
                result.existing += 1
                if have[s.uscc] not in have_class:
                    repairs.append((have[s.uscc], s.risk_class))
            else:
                pending.append(
                    (
                        Entity(
                            uscc=s.uscc,
                            name=s.name,
                            kind=s.kind,
                            industry=s.industry,
                            region_id=regions[s.region],
                            registered_on=s.registered_on,
                            legal_representative=s.legal_representative,
                            address=s.address,
                        ),
                        s.risk_class,
                    )
                )
                digest.add(
                    s.uscc,
                    s.name,
                    s.kind,
                    s.industry,
                    s.region,
                    s.registered_on,
                    s.legal_representative,
                    s.address,
                    s.risk_class,
                )
                kinds[s.kind] += 1
                classes[s.risk_class] += 1
                result.created += 1
                if len(pending) >= 10 * BATCH:
                    flush()
            if n % 20000 == 0:
                self.say(f"      …{n:,} / {self.entities:,}")
        if pending:
            flush()
        # Scenario entities that exist without their class (loaded some other way) get it now.
        self._classify(repairs)
        for pk, risk_class in repairs:
            digest.add("classify", pk, risk_class)
        self.audit(
            "org.Entity",
            result.created + len(repairs),
            digest,
            by_kind=dict(kinds),
            risk_classifications=dict(classes),
            risk_scheme=data.RISK_SCHEME,
            risk_as_of=str(data.AS_OF),
            repaired_classifications=len(repairs),
        )

    def _classify(self, rows: list[tuple[int, str]]) -> None:
        RiskClassification.objects.bulk_create(
            [
                RiskClassification(
                    entity_id=pk,
                    scheme=data.RISK_SCHEME,
                    risk_class=c,
                    as_of=data.AS_OF,
                    source=data.RISK_SOURCE,
                )
                for pk, c in rows
            ],
            batch_size=BATCH,
        )

    # -- 5. legal advisers --------------------------------------------------------------------

    def load_advisers(self, result: StageResult) -> None:
        specs = plan_advisers(self.seed)
        sfj = OrgUnit.objects.get(code="420700-SFJ")
        have = dict(
            LegalAdviser.objects.filter(
                owner_unit=sfj, license_no__in=[s.license_no for s in specs]
            ).values_list("license_no", "id")
        )
        digest = Digest()
        new = [
            LegalAdviser(
                name=s.name, kind=s.kind, firm=s.firm, license_no=s.license_no, owner_unit=sfj
            )
            for s in specs
            if s.license_no not in have
        ]
        LegalAdviser.objects.bulk_create(new, batch_size=BATCH)
        have.update({a.license_no: a.pk for a in new})
        result.existing = len(specs) - len(new)
        for a in new:
            digest.add(a.license_no, a.name, a.kind, a.firm)

        townships = {t.division_code for t in data.TOWNSHIPS}
        regions = {
            (code, name): pk
            for code, name, pk in Region.objects.filter(government__code__in=townships).values_list(
                "government__code", "name", "id"
            )
        }
        agencies = dict(
            OrgUnit.objects.filter(code__in=data.AGENCY_ADVISER_UNITS).values_list("code", "id")
        )
        served = set(
            AdviserAssignment.objects.filter(
                start=data.ADVISER_ROUND_START, region__isnull=False
            ).values_list("region_id", flat=True)
        )
        retained = set(
            AdviserAssignment.objects.filter(
                adviser_id__in=have.values(), org_unit__isnull=False
            ).values_list("adviser_id", "org_unit_id")
        )
        rows = []
        for s in specs:
            adviser = have[s.license_no]
            for key in s.places:
                if regions[key] not in served:
                    rows.append(
                        AdviserAssignment(
                            adviser_id=adviser,
                            region_id=regions[key],
                            start=data.ADVISER_ROUND_START,
                        )
                    )
                    digest.add(s.license_no, *key, data.ADVISER_ROUND_START)
            for code in s.agencies:
                if (adviser, agencies[code]) not in retained:
                    rows.append(
                        AdviserAssignment(
                            adviser_id=adviser, org_unit_id=agencies[code], start=date(2019, 1, 1)
                        )
                    )
                    digest.add(s.license_no, code, date(2019, 1, 1))
        AdviserAssignment.objects.bulk_create(rows, batch_size=BATCH)
        result.created = len(new) + len(rows)
        result.extra["assignments"] = len(rows)
        self.audit(
            "org.LegalAdviser",
            result.created,
            digest,
            advisers=len(new),
            assignments=len(rows),
            by_kind=dict(Counter(a.kind for a in new)),
        )


def build(
    seed: int = 2019,
    entities: int = data.SEED_ENTITIES,
    officers: int = data.SEED_OFFICERS,
    stdout: TextIO | Any = None,
    lists: bool = True,
) -> BuildReport:
    """Build (or complete) the scenario; safe to run again, which then creates nothing.

    ``lists=False`` leaves out the lists stages (the foundation's own tests build without them).
    """
    return ScenarioBuilder(seed, entities, officers, stdout, lists).run()
