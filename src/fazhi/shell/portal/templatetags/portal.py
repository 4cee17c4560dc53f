from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def public_value(value: Any) -> SafeString | str:
    """Render a masked payload value: lists one per line, mappings as 名称：值."""
    if isinstance(value, dict):
        return format_html_join("", "{}：{}<br>", ((k, v) for k, v in value.items()))
    if isinstance(value, list):
        return format_html_join("", "{}<br>", ((v,) for v in value))
    if isinstance(value, str) and "\n" in value:
        return format_html_join("", "{}<br>", ((line,) for line in value.splitlines()))
    return str(value)
