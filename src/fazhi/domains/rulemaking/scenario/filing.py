"""The rulemaking stages of filing and cleanup in the Ezhou 2019 scenario (orders 415–416).

415: the body of rules and normative documents the city and its departments issued 2015–2018
(synthetic titles; recorded as texts issued before the platform, normative documents with their
validity periods, the lapses up to the cleanup applied by the daily job's function), then the
justice bureau's 2019 cleanup of the last five years (seed rows 30–31:
共清理出需要修改和废止的规章、规范性文件共40件): opened by its clerk, each document's
outcome recorded by its legal reviewer with 2019 dates, concluded (repeals and declarations
end their texts on their dates) and the result published.

416: every city rule and normative document promulgated in 2019 (the drafting stages 410–412
publish them) is filed with each recipient by the justice bureau's filing clerk through the
filing steps, with 2019 dates: submitted within the period, registered about three weeks later
(seed row 32: 4 rules and 2 documents filed by the end of November).

Idempotence: texts are keyed by title, the cleanup by its title, filings by (version,
recipient); a second run creates nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi import registry
from fazhi.core.casework.workflow import take
from fazhi.core.org.models import OrgUnit, Staff
from fazhi.shell.scenario.accounts import persona_account
from fazhi.shell.scenario.planning import Digest, rng_for

from .. import cleanup as cleanups
from ..choices import TextKind
from ..existing import record_issued_text
from ..filing import open_filings
from ..filing_choices import CleanupOutcome, FilingState
from ..models import Cleanup, Filing, LegalText, TextVersion
from ..validity import apply_expiries

CITY = "420700000000"
SFJ = "420700-SFJ"
PERSONAS = (
    ("sfj_filing_clerk", "clerk", SFJ, "市司法局备案审查科经办人（规章、规范性文件备案和清理）"),
    ("sfj_reviewer", "legal_reviewer", SFJ, "市司法局合法性审查人员"),
)
CLEANUP_TITLE = "2019年鄂州市规章和行政规范性文件清理"
WINDOW = (date(2015, 1, 1), date(2019, 6, 30))
OPENED, AS_OF, CONCLUDED, PUBLISHED = (
    date(2019, 7, 1),
    date(2019, 7, 1),
    date(2019, 9, 27),
    date(2019, 10, 15),
)
# Seed row 31: 40 to amend or repeal.
AMEND, REPEAL, DECLARE_INVALID = 26, 14, 3

RULE_SUBJECTS = ("城市道路桥梁", "燃气", "户外广告设置", "城市地下管线", "房屋安全")
DOC_SUBJECTS = (
    "农村集体资产", "城区停车", "建筑垃圾处置", "中小学校车", "殡葬", "城市养犬", "渣土运输",
    "公共租赁住房", "政府投资项目", "招商引资优惠", "城市绿地", "餐厨废弃物", "电梯安全",
    "农贸市场", "人才引进", "旅游市场", "物业服务收费", "排水许可", "征地补偿", "就业补助资金",
)  # fmt: skip
DOCS_PER_YEAR = (34, 38, 36, 32)  # 2015–2018

BODY = """# {title}

第一条 为了加强{subject}管理，根据有关法律、法规，结合本市实际，制定本{form}。

第二条 本{form}适用于本市行政区域内的{subject}管理活动。

第三条 本{form}自{begins}起施行。
"""


def register_personas() -> None:
    for username, role, unit, description in PERSONAS:
        registry.persona(username, role, unit, description, app="rulemaking")


def staff(username: str, digest: Digest) -> Staff:
    """The persona's account (created here if the accounts stage has not run) in its role."""
    _, role, code, _description = next(p for p in PERSONAS if p[0] == username)
    return persona_account(username, role, code, digest)


def _day(year: int, rng: Any) -> date:
    return date.fromordinal(date(year, 1, 5).toordinal() + rng.randrange(350))


def plan_body(seed: int, departments: list[str]) -> list[dict[str, Any]]:
    """The earlier rules and normative documents (2015–2018), deterministic for a seed."""
    rng = rng_for(seed, "rulemaking-body")
    rows: list[dict[str, Any]] = []
    for i, subject in enumerate(RULE_SUBJECTS):
        year = 2016 + i % 3
        promulgated = _day(year, rng)
        rows.append(
            {
                "kind": TextKind.GOVERNMENT_RULE,
                "title": f"鄂州市{subject}管理办法",
                "unit": CITY,
                "doc_number": f"鄂州市人民政府令第{i + 1}号",
                "promulgated_on": promulgated,
                # 规章制定程序条例 第三十二条: 自公布之日起30日后施行 (the scenario's chosen date).
                "effective_from": date.fromordinal(promulgated.toordinal() + 31),
                "subject": subject,
                "form": "办法",
            }
        )
    for year, count in zip(range(2015, 2019), DOCS_PER_YEAR, strict=True):
        for n in range(1, count + 1):
            subject = DOC_SUBJECTS[(n + year) % len(DOC_SUBJECTS)]
            by_government = n % 3 == 0
            unit = CITY if by_government else departments[n % len(departments)]
            provisional = n % 7 == 0
            name = "暂行办法" if provisional else "实施意见"
            promulgated = _day(year, rng)
            prefix = "鄂政规" if by_government else "鄂部规"
            rows.append(
                {
                    "kind": TextKind.NORMATIVE_DOCUMENT,
                    "title": f"关于{subject}管理的{name}（{year}-{n:02d}）",
                    "unit": unit,
                    "doc_number": f"{prefix}〔{year}〕{n}号",
                    "promulgated_on": promulgated,
                    "effective_from": promulgated,
                    "subject": subject,
                    "form": "办法" if provisional else "意见",
                }
            )
    return rows


def load_cleanup(builder: Any, result: Any) -> None:
    digest = Digest()
    clerk = staff("sfj_filing_clerk", digest)
    reviewer = staff("sfj_reviewer", digest)
    city = OrgUnit.objects.get(code=CITY)
    departments = list(
        OrgUnit.objects.filter(parent=city, kind="department")
        .exclude(code=SFJ)
        .order_by("code")
        .values_list("code", flat=True)[:12]
    )
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[CITY, *departments])}
    have = set(LegalText.objects.filter(issuing_unit__isnull=False).values_list("title", flat=True))
    created = 0
    plan = plan_body(builder.seed, departments or [CITY])
    for row in plan:
        if row["title"] in have:
            result.existing += 1
            continue
        begins = row["effective_from"]
        record_issued_text(
            kind=row["kind"],
            title=row["title"],
            issuing_unit=units[row["unit"]],
            doc_number=row["doc_number"],
            promulgated_on=row["promulgated_on"],
            effective_from=begins,
            body=BODY.format(
                title=row["title"],
                subject=row["subject"],
                form=row["form"],
                begins=f"{begins.year}年{begins.month}月{begins.day}日",
            ),
            actor=clerk,
        )
        created += 1
        digest.add(row["title"], row["doc_number"], row["promulgated_on"])
    # The daily job's expiries as they ran up to the day the cleanup opened: provisional
    # documents of 2015 and 2016 had lapsed by then (its reminders are not history to replay).
    apply_expiries(AS_OF)
    if not Cleanup.objects.filter(title=CLEANUP_TITLE).exists():
        cleanup = cleanups.open_cleanup(
            title=CLEANUP_TITLE,
            government=city,
            issued_from=WINDOW[0],
            issued_to=WINDOW[1],
            as_of=AS_OF,
            on=OPENED,
            actor=clerk,
        )
        _review(cleanup, reviewer, builder.seed, body={r["title"] for r in plan})
        cleanups.conclude(cleanup, on=CONCLUDED, actor=clerk)
        cleanups.publish_result(cleanup, on=PUBLISHED, actor=clerk)
        digest.add("cleanup", cleanup.title, cleanup.entries.count())
        created += 1
    result.created = created
    builder.audit("rulemaking.Cleanup", created, digest)


def _review(cleanup: Cleanup, reviewer: Staff, seed: int, body: set[str]) -> None:
    """Outcomes for the body's documents by the reviewer with 2019 dates: the planned number
    to amend, repeal and declare invalid, the rest retained; texts from elsewhere retained."""
    rng = rng_for(seed, "rulemaking-cleanup")
    entries = list(cleanup.entries.select_related("version__text").order_by("id"))
    own = [e for e in entries if e.version.text.title in body]
    picked = rng.sample(own, min(len(own), AMEND + REPEAL + DECLARE_INVALID))
    outcomes = (
        [CleanupOutcome.AMEND] * AMEND
        + [CleanupOutcome.REPEAL] * REPEAL
        + [CleanupOutcome.DECLARE_INVALID] * DECLARE_INVALID
    )
    decided = {e.pk: o for e, o in zip(picked, outcomes, strict=False)}
    reasons = {
        CleanupOutcome.AMEND: "部分条款与修改后的上位法不一致，需要修改",
        CleanupOutcome.REPEAL: "调整对象已消失或者已被新的规定代替，予以废止",
        CleanupOutcome.DECLARE_INVALID: "适用期已过，宣布失效",
        CleanupOutcome.RETAIN: "",
    }
    for i, entry in enumerate(entries):
        outcome = decided.get(entry.pk, CleanupOutcome.RETAIN)
        on = date.fromordinal(date(2019, 7, 8).toordinal() + i % 70)
        cleanups.record_outcome(
            entry,
            outcome=outcome,
            reason=reasons[outcome],
            on=on,
            actor=reviewer,
            effective_on=CONCLUDED if outcome in cleanups.ENDING else None,
        )


def load_filings(builder: Any, result: Any) -> None:
    digest = Digest()
    clerk = staff("sfj_filing_clerk", digest)
    city = OrgUnit.objects.get(code=CITY)
    versions = (
        TextVersion.objects.filter(
            text__kind__in=[TextKind.GOVERNMENT_RULE, TextKind.NORMATIVE_DOCUMENT],
            text__issuing_unit__path__startswith=city.path,
            promulgated_on__year=2019,
        )
        .select_related("text")
        .order_by("promulgated_on", "id")
    )
    rng = rng_for(builder.seed, "rulemaking-filings")
    created = 0
    for version in versions:
        assert version.promulgated_on is not None
        known = Filing.objects.filter(version=version).count()
        filings = open_filings(version, on=version.promulgated_on, actor=clerk)
        created += len(filings) - known
        for filing in filings:
            if filing.case.state != FilingState.DUE:
                result.existing += 1
                continue
            submitted = min(
                filing.due_on,
                date.fromordinal(version.promulgated_on.toordinal() + rng.randint(7, 25)),
            )
            if submitted > date(2019, 12, 31):
                continue
            take(
                filing.case,
                "submit_filing",
                clerk,
                on=submitted,
                data={"method": "备案审查信息平台"},
            )
            registered = date.fromordinal(submitted.toordinal() + rng.randint(15, 30))
            if registered <= date(2019, 12, 31):
                take(filing.case, "register_filing", clerk, on=registered, data={})
            digest.add(filing.case.number, submitted)
    result.created = created
    builder.audit("rulemaking.Filing", created, digest)
