"""The staff the enforcement stages of the Ezhou 2019 scenario act as, registered with the
foundation's personas (``registry.persona``) so that each has an account and its role."""

from __future__ import annotations

from fazhi import registry

PERSONAS = (
    ("jtys_clerk", "clerk", "420700-JTYSJ", "市交通运输局经办人（执法公示）"),
    ("sthj_head", "department_head", "420700-STHJ", "市生态环境局负责人（登记案审会）"),
    ("zl_officer1", "officer", "420704100000", "泽林镇综合执法办公室执法人员（一）"),
    ("zl_officer2", "officer", "420704100000", "泽林镇综合执法办公室执法人员（二）"),
    ("zl_reviewer", "legal_reviewer", "420704100000", "泽林镇法制审核人员"),
    ("zl_head", "department_head", "420704100000", "泽林镇人民政府负责人（分管综合执法）"),
)


def register_personas() -> None:
    for username, role, unit, description in PERSONAS:
        registry.persona(username, role, unit, description, app="enforcement")
