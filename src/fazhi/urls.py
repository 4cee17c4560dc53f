from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("office/imports/", include("fazhi.intake.urls")),
    path("office/lists/", include("fazhi.lists.office_urls")),
    path("office/", include("fazhi.office.urls")),
    path("lists/", include("fazhi.lists.urls")),
    path("api/", include("fazhi.api.urls")),
    path("", include("fazhi.portal.urls")),
]

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治 Fazhi"
admin.site.index_title = "参考数据与系统管理"
