"""行政应诉 in the Ezhou 2019 scenario (docs/figures.md row 78).

Twenty-two lawsuits against city departments and the city government, served from December
2018 to October 2019, each walked through the lawsuit's steps (``take``) by the defendant's
clerk with its 2019 business dates: the defence within fifteen days, every hearing with who
appeared (heads at most of them; the reason when not), judgments and rulings, appeals, a
withdrawal, a mediation, a judicial suggestion and its reply. A judgment takes effect on the
day after its appeal period as the clock computes it. Then the justice bureau issues the four
quarterly bulletins of 2019 (the fourth in January 2020). Idempotent: a lawsuit whose court
case number exists is left alone, and a bulletin is issued once per quarter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi import registry
from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case, take
from fazhi.core.clock.periods import day_after
from fazhi.core.org.models import OrgUnit, Staff

from ..models import AppearanceBulletin, CourtInstance
from . import bulletin, periods

CITY = "420700000000"
SFJ = "420700-SFJ"
ISSUER = "ys_sfj"
BULLETIN_DAYS = (date(2019, 4, 10), date(2019, 7, 10), date(2019, 10, 12), date(2020, 1, 10))
BASIC_COURT = "鄂州市鄂城区人民法院"
MIDDLE_COURT = "鄂州市中级人民法院"
HIGH_COURT = "湖北省高级人民法院"

# (username, unit code, description): the defendants' clerks who register and walk their
# lawsuits, and the justice bureau's, who does so for the city government and issues the
# bulletins.
PERSONAS = (
    ("ys_sfj", SFJ, "市司法局行政应诉经办人（市政府应诉、出庭应诉通报）"),
    ("ys_zrzy", "420700-ZRZYGHJ", "市自然资源和规划局行政应诉经办人"),
    ("ys_rsj", "420700-RSJ", "市人社局行政应诉经办人"),
    ("ys_zjj", "420700-ZJJ", "市住建局行政应诉经办人"),
    ("ys_gaj", "420700-GAJ", "市公安局行政应诉经办人"),
    ("ys_cgw", "420700-CGW", "市城管执法委行政应诉经办人"),
    ("ys_scjg", "420700-SCJG", "市市场监管局行政应诉经办人"),
)
CLERK_OF = {unit: username for username, unit, _ in PERSONAS}
CLERK_OF[CITY] = ISSUER

# Who appears for each defendant: (name, post) by kind — P 正职, D 副职, L 其他分管负责人,
# S 相应的工作人员 (fictional names).
LEADERS: dict[str, dict[str, tuple[str, str]]] = {
    "420700-ZRZYGHJ": {"P": ("张建华", "局长"), "D": ("李卫东", "副局长"),
                       "L": ("王志强", "总规划师"), "S": ("赵敏", "政策法规科科长")},
    "420700-RSJ": {"P": ("陈国平", "局长"), "D": ("刘晓燕", "副局长"),
                   "L": ("周海", "党组成员"), "S": ("孙丽", "工伤保险科科长")},
    "420700-ZJJ": {"P": ("黄德胜", "局长"), "D": ("吴新民", "副局长"),
                   "L": ("郑涛", "总工程师"), "S": ("冯玲", "房屋征收办主任")},
    "420700-SCJG": {"P": ("何永红", "局长"), "D": ("马骏", "副局长"),
                    "L": ("朱立", "党组成员"), "S": ("胡静", "法规科科长")},
    "420700-GAJ": {"P": ("林峰", "局长"), "D": ("郭强", "副局长"),
                   "L": ("罗斌", "党委委员"), "S": ("梁辉", "法制支队支队长")},
    "420700-CGW": {"P": ("谢文", "主任"), "D": ("宋健", "副主任"),
                   "L": ("唐亮", "党组成员"), "S": ("韩雪", "法规科科长")},
    # 2018解释 第一百三十条第二款: the government's legal office counts as its staff.
    CITY: {"D": ("许志刚", "副市长"),
           "L": ("邓文", "市政府副秘书长"), "S": ("曹阳", "市司法局行政应诉科科长")},
}  # fmt: skip
KINDS = {
    "P": "principal",
    "D": "deputy",
    "L": "leader_in_charge",
    "S": "staff",
    "N": "nobody",
}


@dataclass(frozen=True)
class Session:
    """``"2019-03-12 D"``, or ``"2019-05-21 S irreplaceable_duty"``; ``unit`` for a
    co-defendant's own appearance (default: the first defendant)."""

    spec: str
    unit: str = ""


@dataclass(frozen=True)
class Lawsuit:
    defendant: str
    cause: str
    plaintiffs: str
    court_number: str
    served: str
    defence: str
    hearings: tuple[Session, ...]
    # "2019-06-20 judgment claim_rejected" / "2019-07-02 withdraw" / "2019-08-20 mediate"
    end: str = ""
    # An appeal: (date, court, number, hearings, final "date decision outcome")
    appeal: tuple[str, str, str, tuple[Session, ...], str] | None = None
    co_defendant: str = ""
    court: str = BASIC_COURT
    # A judicial suggestion: (received, reply due named in it, replied, content)
    suggestion: tuple[str, str, str, str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _s(*specs: str, unit: str = "") -> tuple[Session, ...]:
    return tuple(Session(s, unit) for s in specs)


ZR, RS, ZJ, SC, GA, CG = (f"420700-{s}" for s in ("ZRZYGHJ", "RSJ", "ZJJ", "SCJG", "GAJ", "CGW"))
LAWSUITS = (
    Lawsuit(ZR, "不服土地征收补偿安置决定", "王某某等3人", "(2018)鄂0704行初88号", "2018-12-10",
            "2018-12-20", _s("2019-01-15 D"), "2019-02-26 judgment claim_rejected",
            appeal=("2019-03-06", MIDDLE_COURT, "(2019)鄂07行终12号", _s("2019-04-18 L"),
                    "2019-05-28 judgment claim_rejected")),
    Lawsuit(ZR, "不服不动产登记行为", "李某某", "(2019)鄂0704行初5号", "2019-01-07", "2019-01-17",
            _s("2019-03-05 P"), "2019-04-09 judgment revoked"),
    Lawsuit(ZR, "不服责令退还非法占用土地决定（经复议维持）", "陈某", "(2019)鄂07行初9号",
            "2019-02-25", "2019-03-08",
            (Session("2019-05-14 D"), Session("2019-05-14 S irreplaceable_duty", CITY)),
            "2019-06-25 judgment claim_rejected", co_defendant=CITY, court=MIDDLE_COURT),
    Lawsuit(RS, "不服工伤认定决定", "鄂州市某建材有限公司", "(2019)鄂0704行初8号", "2019-01-21",
            "2019-01-30", _s("2019-03-19 P"), "2019-04-23 judgment claim_rejected"),
    Lawsuit(RS, "不服不予认定工伤决定", "刘某某", "(2019)鄂0704行初21号", "2019-03-11",
            "2019-03-21", _s("2019-05-09 S irreplaceable_duty"), "2019-06-11 judgment revoked"),
    Lawsuit(RS, "不服工伤认定决定", "张某", "(2019)鄂0704行初33号", "2019-04-15", "2019-04-25",
            _s("2019-06-18 D"), "2019-07-02 withdraw"),
    Lawsuit(RS, "要求履行社会保险待遇核定职责", "周某某", "(2019)鄂0704行初52号", "2019-06-10",
            "2019-06-20", _s("2019-08-13 D"), "2019-09-17 judgment ordered_to_perform"),
    Lawsuit(ZJ, "不服房屋征收决定", "黄某等5人", "(2019)鄂0704行初15号", "2019-02-18",
            "2019-02-28", _s("2019-04-16 P", "2019-05-30 S other_justified"),
            "2019-07-09 judgment claim_rejected",
            appeal=("2019-07-18", MIDDLE_COURT, "(2019)鄂07行终45号", _s("2019-09-24 D"),
                    "2019-10-29 judgment claim_rejected")),
    Lawsuit(ZJ, "不服房屋征收补偿决定", "吴某某", "(2019)鄂0704行初40号", "2019-05-06",
            "2019-05-16", _s("2019-07-11 L"), "2019-08-20 mediate"),
    Lawsuit(ZJ, "要求公开政府信息", "郑某", "(2019)鄂0704行初66号", "2019-08-05", "2019-08-15",
            _s("2019-10-15 P"), "2019-11-19 ruling suit_dismissed"),
    Lawsuit(SC, "不服行政处罚决定", "鄂州市某食品有限公司", "(2019)鄂0704行初18号", "2019-03-04",
            "2019-03-14", _s("2019-05-07 P"), "2019-06-04 judgment claim_rejected"),
    Lawsuit(SC, "不服投诉举报处理告知", "孙某某", "(2019)鄂0704行初55号", "2019-07-01",
            "2019-07-10", _s("2019-09-05 S irreplaceable_duty"),
            "2019-10-10 ruling suit_dismissed"),
    Lawsuit(SC, "不服行政处罚决定（经复议维持）", "鄂州市某商贸有限公司", "(2019)鄂07行初30号",
            "2019-09-09", "2019-09-19",
            (Session("2019-11-12 D"), Session("2019-11-12 S irreplaceable_duty", CITY)),
            co_defendant=CITY, court=MIDDLE_COURT),
    Lawsuit(GA, "不服治安管理处罚决定", "马某某", "(2019)鄂0704行初6号", "2019-01-14",
            "2019-01-24", _s("2019-03-14 D"), "2019-04-16 judgment claim_rejected"),
    Lawsuit(GA, "不服治安管理处罚决定", "胡某", "(2019)鄂0704行初30号", "2019-04-08",
            "2019-04-18", _s("2019-06-13 S other_justified"),
            "2019-07-16 judgment declared_unlawful",
            appeal=("2019-07-25", MIDDLE_COURT, "(2019)鄂07行终50号", _s("2019-10-17 P"),
                    "2019-11-26 judgment declared_unlawful")),
    Lawsuit(GA, "不服道路交通安全违法行为处罚决定", "朱某某", "(2019)鄂0704行初70号",
            "2019-10-08", "2019-10-17", _s("2019-12-10 D")),
    Lawsuit(CG, "不服限期拆除决定", "何某某", "(2019)鄂0704行初12号", "2019-02-11", "2019-02-21",
            _s("2019-04-11 N other_justified"), "2019-06-25 judgment claim_rejected",
            suggestion=("2019-05-20", "2019-06-20", "2019-06-14",
                        "被告负责人和相应的工作人员均未出庭应诉，建议规范出庭应诉工作")),
    Lawsuit(CG, "不服强制拆除行为", "罗某等2人", "(2019)鄂0704行初50号", "2019-06-17",
            "2019-06-27", _s("2019-08-22 L"), "2019-09-26 judgment declared_unlawful"),
    Lawsuit(CITY, "要求履行政府信息公开职责", "林某某", "(2019)鄂07行初12号", "2019-03-18",
            "2019-03-28", _s("2019-05-23 S irreplaceable_duty"), "2019-06-27 ruling suit_dismissed",
            court=MIDDLE_COURT,
            # 第八十六条: the appeal court may decide without a hearing.
            appeal=("2019-07-03", HIGH_COURT, "(2019)鄂行终600号", (),
                    "2019-09-30 ruling suit_dismissed")),
    Lawsuit(CITY, "不服征收土地补偿安置方案批复", "许某等4人", "(2019)鄂07行初25号", "2019-07-22",
            "2019-08-01", _s("2019-09-19 D"), "2019-10-24 judgment claim_rejected",
            court=MIDDLE_COURT),
    Lawsuit(ZR, "不服行政处罚决定（非法占地）", "鄂州市某物流有限公司", "(2019)鄂0704行初68号",
            "2019-08-26", "2019-09-05", _s("2019-10-22 P", "2019-11-21 D"),
            "2019-12-17 judgment claim_rejected"),
    Lawsuit(RS, "不服工伤认定决定", "高某某", "(2019)鄂0704行初72号", "2019-09-16", "2019-09-26",
            _s("2019-11-14 P"), "2019-12-05 withdraw"),
)  # fmt: skip
YEAR_END = date(2019, 12, 31)


def register_personas() -> None:
    for username, unit, description in PERSONAS:
        registry.persona(username, "clerk", unit, description, app="disputes")


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _hearing(case: Case, actor: Staff, units: dict[str, OrgUnit], s: Session, first: str) -> None:
    day, kind, *reason = s.spec.split()
    unit = s.unit or first
    name, post = LEADERS[unit][kind] if kind != "N" else ("", "")
    data = {
        "defendant": units[unit].pk,
        "appearer": KINDS[kind],
        "name": name,
        "post": post,
        "absence_reason": reason[0] if reason else "",
        "absence_note": "已提交加盖印章的情况说明" if reason else "",
    }
    take(case, "record_hearing", actor, data=data, on=_d(day))


def _decision(case: Case, actor: Staff, step: str, spec: str) -> None:
    day, decision_type, outcome = spec.split()
    take(case, step, actor, data={"decision_type": decision_type, "outcome": outcome}, on=_d(day))


def _take_effect(case: Case, actor: Staff) -> None:
    """On the day after the appeal period the clock computed, if within 2019."""
    running = case.deadlines.filter(
        key__in=[periods.APPEAL_JUDGMENT, periods.APPEAL_RULING], status=DeadlineStatus.RUNNING
    ).first()
    if running is None or running.due is None:
        return
    effective = day_after(running.due)
    if effective <= YEAR_END:
        take(case, "take_effect", actor, on=effective)


def _walk(spec: Lawsuit, units: dict[str, OrgUnit], people: dict[str, Staff]) -> Case:
    actor = people[CLERK_OF[spec.defendant]]
    data: dict[str, Any] = {
        "title": spec.cause,
        "court": spec.court,
        "court_number": spec.court_number,
        "plaintiffs": spec.plaintiffs,
        "served_on": spec.served,
        "defendant": units[spec.defendant].pk,
    }
    if spec.co_defendant:
        data["reconsideration_body"] = units[spec.co_defendant].pk
    case = register_case("lawsuit", actor, data, on=_d(spec.served))
    defendants = [spec.defendant] + ([spec.co_defendant] if spec.co_defendant else [])
    for code in defendants:
        take(
            case,
            "file_defence",
            actor,
            data={"defendant": units[code].pk, "evidence": "被诉行政行为的证据、依据和规范性文件"},
            on=_d(spec.defence),
        )
    for s in spec.hearings:
        _hearing(case, actor, units, s, spec.defendant)
    if spec.suggestion is not None:
        received, due, replied, content = spec.suggestion
        take(
            case,
            "receive_suggestion",
            actor,
            data={
                "defendant": units[spec.defendant].pk,
                "court": spec.court,
                "content": content,
                "reply_due": due,
            },
            on=_d(received),
        )
        pending = case.lawsuit.suggestions.get(replied_on__isnull=True)
        take(
            case,
            "reply_suggestion",
            actor,
            data={
                "suggestion": pending.pk,
                "reply": "已组织学习负责人出庭应诉规定并建立出庭报备制度",
            },
            on=_d(replied),
        )
    if not spec.end:
        return case
    day, step, *_ = spec.end.split()
    if step in ("withdraw", "mediate"):
        take(case, step, actor, data={"note": ""}, on=_d(day))
        return case
    _decision(case, actor, "judge", spec.end)
    if spec.appeal is None:
        _take_effect(case, actor)
        return case
    on, court, number, hearings, final = spec.appeal
    take(
        case,
        "appeal",
        actor,
        data={"appellant": "plaintiff", "court": court, "court_number": number},
        on=_d(on),
    )
    for s in hearings:
        _hearing(case, actor, units, s, spec.defendant)
    _decision(case, actor, "final_judgment", final)
    return case


def load_lawsuits(builder: Any, result: Any) -> None:
    codes = {CITY, *CLERK_OF}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    people = {s.username: s for s in Staff.objects.filter(username__in=set(CLERK_OF.values()))}
    have = set(
        CourtInstance.objects.unrestricted("场景：已有的行政应诉案件").values_list(
            "court_number", flat=True
        )
    )
    for spec in LAWSUITS:
        if spec.court_number in have:
            result.existing += 1
            continue
        _walk(spec, units, people)
        result.created += 1


def load_bulletins(builder: Any, result: Any) -> None:
    issuer = OrgUnit.objects.get(code=SFJ)
    actor = Staff.objects.get(username=ISSUER)
    for quarter, on in enumerate(BULLETIN_DAYS, 1):
        if (
            AppearanceBulletin.objects.unrestricted("场景：已印发的通报")
            .filter(issuer=issuer, year=2019, quarter=quarter)
            .exists()
        ):
            result.existing += 1
            continue
        bulletin.issue_bulletin(issuer, 2019, quarter, actor=actor, on=on)
        result.created += 1


STAGES = (
    ("行政应诉案件及出庭应诉（2019）", load_lawsuits),
    ("负责人出庭应诉情况通报（2019 年四个季度）", load_bulletins),
)
