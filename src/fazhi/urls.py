"""The root URLconf, collected from the registry (fazhi.registry): each app mounts its own
screens from its ``AppConfig.ready()``, so adding a domain edits nothing here."""

from django.contrib import admin
from django.urls import include, path

from fazhi import registry

urlpatterns = [
    path("admin/", admin.site.urls),
    *(path(f"office/{m.prefix}", include(m.module)) for m in registry.urls("office")),
    path("office/", include("fazhi.shell.office.urls")),
    path("api/", include("fazhi.shell.api.urls")),
    *(path(m.prefix, include(m.module)) for m in registry.urls("portal")),
    path("", include("fazhi.shell.portal.urls")),
]

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治 Fazhi"
admin.site.index_title = "参考数据与系统管理"
