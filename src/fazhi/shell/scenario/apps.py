from django.apps import AppConfig


class ScenarioConfig(AppConfig):
    name = "fazhi.shell.scenario"
    label = "scenario"
    verbose_name = "示例场景"

    def ready(self) -> None:
        from fazhi import registry

        from . import figures
        from .accounts import ensure_accounts
        from .builder import ScenarioBuilder

        for order, label, load in (
            (10, "机构（政府、部门、乡镇街道）", ScenarioBuilder.load_units),
            (20, "村（社区）", ScenarioBuilder.load_places),
            (30, "执法人员", ScenarioBuilder.load_officers),
            (40, "市场主体与信用风险分类", ScenarioBuilder.load_entities),
            (50, "法律顾问与派驻", ScenarioBuilder.load_advisers),
            (60, "演示账号与角色", lambda b, r: ensure_accounts(b.seed, r, b.source)),
        ):
            registry.stage(label, load, order=order, app="scenario")
        registry.command("demo", "fazhi_demo", "加载（或补齐）鄂州 2019 示例场景")
        registry.command("figures", "fazhi_figures", "按记录统计报告中的数字并与报告原文比对")
        figures.register_figures()
