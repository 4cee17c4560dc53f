from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "fazhi.shell.portal"
    label = "portal"

    def ready(self) -> None:
        from fazhi import registry

        registry.nav("portal", "首页", "portal:home", order=0)
        registry.nav("portal", "部门", "portal:department_list", order=10)
        registry.nav("portal", "市场主体查询", "portal:entity_lookup", order=60)
        registry.nav("portal", "防篡改校验", "portal:seal_list", order=70)
        registry.nav("portal", "工作人员登录", "office:home", order=900)
