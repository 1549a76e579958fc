"""Writing published figures: values, intervals and flags in the reader's digits. A
suppressed figure has no value to write, so these print the word, never a zero."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coalition.core import locale
from coalition.portal.figures import COMPARISONS, decimals_of, interval_text

register = template.Library()


@register.filter
def figure(row):
    """The value, or the reason there is none."""
    if not row:
        return _("no data")
    if row["value"] is None:
        return format_html('<span class="suppressed">{}</span>', _("suppressed"))
    text = locale.format_number(row["value"], get_language(), decimals_of(row))
    if "unreliable" in row["flags"].split():
        return format_html(
            '{} <abbr class="unreliable" title="{}">*</abbr>',
            text,
            _("unreliable: the standard error is large; read with care"),
        )
    return text


@register.filter
def interval(row):
    return interval_text(row, get_language())


@register.filter
def number(value, decimals=1):
    return locale.format_number(value, get_language(), int(decimals))


@register.filter
def comparison(code):
    return COMPARISONS.get(code, "")


@register.filter
def label(indicator):
    """The indicator's name in the reader's language."""
    return indicator.label(get_language() or "en")


@register.filter
def description(indicator):
    return indicator.description.get(get_language() or "en") or indicator.description["en"]


@register.filter
def unit(indicator):
    """What the indicator's values count in, for headers."""
    return _("percent") if indicator.unit == "percent" else _("ratio")
