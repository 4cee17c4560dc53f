from django.db import models


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ENTERPRISE = "enterprise", "企业"


class BindingStatus(models.TextChoices):
    """Where an enterprise account's binding to its 统一社会信用代码 stands.

    Only ``VERIFIED`` gives the account any right to act for the entity; ``PENDING`` (our
    records cannot confirm it) and ``REJECTED`` (our records contradict it) give none.
    """

    NONE = "none", "未绑定"
    PENDING = "pending", "待核验"
    VERIFIED = "verified", "已核验"
    REJECTED = "rejected", "未通过"


class BindingMethod(models.TextChoices):
    """How a binding was checked — kept with the binding, so a stronger check added later
    (e.g. the entity's registered contact phone) can tell the old bindings apart."""

    NONE = "", "—"
    REGISTER_MATCH = "register_match", "登记信息核对（主体存在且存续、法定代表人姓名一致）"
