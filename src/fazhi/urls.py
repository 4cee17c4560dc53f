from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("office/imports/", include("fazhi.core.intake.urls")),
    path("office/lists/", include("fazhi.domains.lists.office_urls")),
    path("office/", include("fazhi.shell.office.urls")),
    path("lists/", include("fazhi.domains.lists.urls")),
    path("api/", include("fazhi.shell.api.urls")),
    path("account/", include("fazhi.core.accounts.urls")),
    path("", include("fazhi.shell.portal.urls")),
]

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治 Fazhi"
admin.site.index_title = "参考数据与系统管理"
