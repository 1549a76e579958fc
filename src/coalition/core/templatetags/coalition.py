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
    language = get_language()
    legend = []
    for item in choropleth.legend:
        if item.high is None:
            label = None
        elif item.high - item.low <= 1 and float(item.high).is_integer():
            label = locale.format_number(int(item.high), language)
        else:
            whole = float(item.low).is_integer() and float(item.high).is_integer()
            # Count classes are whole numbers, so the next one starts one above; rate
            # classes share their bounds (a value on a bound belongs to the lower class).
            low = int(item.low) + 1 if whole and item.low > 0 and not choropleth.rates else item.low
            label = (
                f"{locale.format_number(low, language)}–{locale.format_number(item.high, language)}"
            )
        legend.append({"colour": item.colour, "label": label, "suppressed": item.suppressed})
    return {"map": choropleth, "legend": legend, "caption": caption}
