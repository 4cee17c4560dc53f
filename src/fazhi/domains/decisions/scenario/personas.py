"""The staff the decisions stages of the Ezhou 2019 scenario act as (``registry.persona``)."""

from __future__ import annotations

from fazhi import registry

CITY = "420700000000"
PERSONAS = (
    ("gov_clerk", "clerk", CITY, "市人民政府办公室经办人（决策事项目录、会议议题、公布归档）"),
    ("gov_head", "department_head", CITY, "市人民政府行政首长（常务会议集体讨论决定）"),
    ("sfj_reviewer", "legal_reviewer", "420700-SFJ", "市司法局合法性审查人员"),
    ("zjj_clerk", "clerk", "420700-ZJJ", "市住建局经办人（决策承办单位）"),
    ("zjj_head", "department_head", "420700-ZJJ", "市住建局负责人（决策承办单位）"),
    ("fgw_clerk", "clerk", "420700-FGW", "市发改委经办人（决策承办单位）"),
    ("fgw_head", "department_head", "420700-FGW", "市发改委负责人（决策承办单位）"),
)


def register_personas() -> None:
    for username, role, unit, description in PERSONAS:
        registry.persona(username, role, unit, description, app="decisions")
