"""Template helpers for dates, numbers and maps in the reader's locale."""

from django import template
from django.utils.translation import get_language

from coalition.core import locale

register = template.Library()


@register.filter
def local_date(value):
    """A date in the reader's calendar: Solar Hijri with local digits in Dari and Pashto."""
    return locale.format_date(value, get_language())


@register.filter
def local_number(value):
    return locale.format_number(value, get_language())


@register.filter
def local_digits(value):
    """A number written as it is (a year: no thousands separator) in the reader's digits."""
    return locale.localise_digits("" if value is None else str(value), get_language())


@register.inclusion_tag("core/map.html")
def province_map(choropleth, caption=""):
    """The SVG map with its legend written as HTML (see geo.maps for why)."""
    legend = choropleth.legend_entries(get_language())
    return {"map": choropleth, "legend": legend, "caption": caption}
