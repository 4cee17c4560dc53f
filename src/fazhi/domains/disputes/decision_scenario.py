"""The Ezhou 2019 scenario's stages of what follows decisions (orders 250–254, app disputes):

- 250: the city government's reconsideration committee revised six of its documents of
  procedure in 2019 (the seed: 对市政府行政复议委员会工作规程、议事规则、听证规则等六项制度进行了
  修订; figure row 66). The earlier versions' texts are not in the seed: they are recorded as
  versions whose text was not collected, dated from the committee's setting up (a scenario
  assumption, said so in the version's note).
- 251: the typical cases of 2019 (选取近十种典型案件类型; figure row 77), compiled by category
  from whatever reconsideration cases concluded in 2019 exist when the stage runs (the cases
  themselves are walked through the workflow by the stages at orders 240–244), exported as a
  Word document and published through the disclosure gate.
A second run adds nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.org.models import OrgUnit

from . import rules, typical
from .decision_choices import RuleKind
from .models import CommitteeRule, TypicalCaseCompilation

CITY = "420700000000"
BUREAU = "420700-SFJ"
COMMITTEE = "鄂州市人民政府行政复议委员会"
# Scenario assumption: the committee's first documents date from its setting up.
FIRST_ADOPTED = date(2013, 6, 1)
REVISED_ON = date(2019, 9, 20)
REVISED_EFFECTIVE = date(2019, 10, 1)
COMPILED_ON = date(2019, 12, 20)
PUBLISHED_ON = date(2019, 12, 27)

BASIS_2019 = "《中华人民共和国行政复议法》《中华人民共和国行政复议法实施条例》"

DOCUMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        RuleKind.WORK_RULES,
        "工作规程",
        (
            "委员会由主任委员、副主任委员和委员组成，委员包括市政府有关部门负责人和专家学者、律师等非常任委员。",
            "委员会办公室设在市司法局，承担委员会的日常工作。",
            "重大、复杂、疑难的行政复议案件，提交委员会审议。",
        ),
    ),
    (
        RuleKind.DELIBERATION,
        "议事规则",
        (
            "委员会会议由主任委员或者其委托的副主任委员主持，出席委员不少于全体委员的三分之二。",
            "审议意见按照少数服从多数的原则形成，不同意见如实记录。",
            "委员会的审议意见作为行政复议机关作出决定的重要参考。",
        ),
    ),
    (
        RuleKind.HEARING,
        "听证规则",
        (
            "重大、复杂的案件，申请人提出要求或者行政复议机构认为必要时，可以采取听证的方式审理。",
            "听证由一名主持人和两名以上听证员组成，另设记录员一名。",
            "听证应当制作笔录，由听证参加人签字确认。",
        ),
    ),
    (
        RuleKind.CASE_REVIEW,
        "案件审理规则",
        (
            "行政复议案件实行承办人负责制，承办人不少于两人。",
            "承办人应当全面审查被申请行政复议的行政行为的合法性和适当性。",
            "案件审理终结，承办人提出处理意见，报行政复议机构负责人审核。",
        ),
    ),
    (
        RuleKind.MEMBERS,
        "非常任委员管理办法",
        (
            "非常任委员由市人民政府从专家学者、律师中聘任，任期三年。",
            "非常任委员与案件有利害关系的，应当回避。",
            "非常任委员对审议中知悉的国家秘密、商业秘密和个人隐私负有保密义务。",
        ),
    ),
    (
        RuleKind.OTHER,
        "行政复议决定履行监督办法",
        (
            "被申请人应当自收到行政复议决定书之日起在决定书确定的期限内履行，并书面报告履行情况。",
            "被申请人逾期不履行的，由行政复议机构提请市人民政府责令限期履行。",
            "履行情况纳入法治政府建设考核。",
        ),
    ),
)


def _text(title: str, articles: tuple[str, ...], revised: bool) -> str:
    kind = "办法" if title.endswith("办法") else "规则" if title.endswith("规则") else "规程"
    subject = title.removesuffix("办法").removesuffix("规则")
    numbers = "二三四五六七"
    lines = [f"第一条 为规范{COMMITTEE}的{subject}工作，根据{BASIS_2019}，制定本{kind}。"]
    lines += [f"第{n}条 {a}" for n, a in zip(numbers, articles, strict=False)]
    if revised:
        tail = f"本{kind}自2019年10月1日起施行，2013年印发的同名{kind}同时废止。"
    else:
        tail = f"本{kind}自印发之日起施行。"
    lines.append(f"第{numbers[len(articles)]}条 {tail}")
    return "\n".join(lines)


def load_rules(builder: Any, result: Any) -> None:
    owner = OrgUnit.objects.get(code=CITY)
    for kind, name, articles in DOCUMENTS:
        title = f"{COMMITTEE}{name}"
        rule = CommitteeRule.objects.filter(owner=owner, title=title).first()
        if rule is not None and rule.versions.filter(adopted_on=REVISED_ON).exists():
            result.existing += 1
            continue
        if rule is None or not rule.versions.exists():
            rules.adopt(
                owner,
                kind,
                title,
                text=_text(name, articles, revised=False),
                adopted_on=FIRST_ADOPTED,
                note="场景假设：委员会设立时制定，原文未收录",
            )
        rules.adopt(
            owner,
            kind,
            title,
            text=_text(name, articles, revised=True),
            adopted_on=REVISED_ON,
            effective_on=REVISED_EFFECTIVE,
            note="2019年修订",
        )
        result.created += 1


TYPES_PRESENTED = 10


def load_typical_cases(builder: Any, result: Any) -> None:
    owner = OrgUnit.objects.filter(code=BUREAU).first()
    if owner is None:
        return
    existing = TypicalCaseCompilation.objects.filter(owner=owner, year=2019).first()
    if existing is not None and existing.publication_id is not None:
        result.existing += 1
        return
    # The body presented about ten types ("选取近十种典型案件类型"): the ten most frequent.
    comp = typical.compile_typical_cases(owner, 2019, on=COMPILED_ON, categories=TYPES_PRESENTED)
    result.extra["categories"] = comp.categories()
    if not comp.entries.exists():
        # No reconsideration case concluded in 2019 exists yet: nothing to compile.
        comp.delete()
        return
    typical.export_word(comp, on=COMPILED_ON)
    typical.publish_compilation(comp, on=PUBLISHED_ON)
    result.created += comp.entries.count()


STAGES = (
    ("行政复议委员会制度修订（2019）", load_rules),
    ("行政复议典型案例汇编（2019）", load_typical_cases),
)
