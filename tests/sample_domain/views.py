from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from fazhi.core.org.scoping import scoped

from .models import Suggestion


@login_required
def office_index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"意见建议 {scoped(request, Suggestion).count()} 件")


def portal_index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("意见建议征集")
