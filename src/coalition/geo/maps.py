"""Province choropleth maps as small, self-contained SVG.

One renderer for web pages and (later) PDFs. The SVG holds shapes only: province names,
values and the legend are returned as data for the page to write as HTML, because
WeasyPrint cannot shape Arabic or Khmer inside SVG text and HTML text is selectable,
translatable and read by screen readers. Colours are SVG presentation attributes (not
inline styles), so the strict Content-Security-Policy allows them and PDFs keep them.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coalition.core.locale import format_number
from coalition.geo.reference import province_features

WIDTH = 600
# A sequential, colour-blind safe palette (ColorBrewer "Blues", 5 classes).
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#eeeeee"
STROKE = "#ffffff"
# Suppressed provinces are hatched, so they never read as a low value or as no data.
HATCH_ID = "map-suppressed"
HATCH = (
    '<pattern id="{id}" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"/>'
    '<line x1="1" y1="0" x2="1" y2="6" stroke="#57606a" stroke-width="1.5"/></pattern>'
)


@dataclass(frozen=True)
class LegendItem:
    colour: str
    low: float | None
    high: float | None  # None for the "no data" and "suppressed" items
    suppressed: bool = False


@dataclass(frozen=True)
class Choropleth:
    svg: SafeString
    legend: tuple[LegendItem, ...]
    width: int
    height: int
    rates: bool = False  # classes from `breaks` (rates) rather than counts
    country: str = ""
    fills: tuple[tuple[str, str], ...] = ()  # province code → its fill, for other renderers

    def legend_entries(self, language: str | None) -> list[dict]:
        """The legend's classes as text in the reader's digits: "1–3" for counts (the next
        class starts one above), "40–50" for rates (a value on a bound belongs to the lower
        class); None for the "no data" and "suppressed" entries, which templates name."""
        entries = []
        for item in self.legend:
            if item.high is None:
                label = None
            elif item.high - item.low <= 1 and float(item.high).is_integer():
                label = format_number(int(item.high), language)
            else:
                whole = float(item.low).is_integer() and float(item.high).is_integer()
                low = int(item.low) + 1 if whole and item.low > 0 and not self.rates else item.low
                label = f"{format_number(low, language)}–{format_number(item.high, language)}"
            entries.append({"colour": item.colour, "label": label, "suppressed": item.suppressed})
        return entries


def _rings(geometry: dict):
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    for polygon in polygons:
        yield from polygon


@cache
def _projected_rings(country_code: str) -> tuple[int, tuple[tuple[str, tuple], ...]]:
    """Province outlines projected once per country: (height, ((code, rings), ...)).

    Equirectangular with longitudes scaled by cos(mean latitude): at these sizes it is
    indistinguishable from a conformal projection and needs no library.
    """
    features = province_features(country_code)
    points = [pt for f in features for ring in _rings(f["geometry"]) for pt in ring]
    min_x = min(p[0] for p in points)
    max_x = max(p[0] for p in points)
    min_y = min(p[1] for p in points)
    max_y = max(p[1] for p in points)
    kx = math.cos(math.radians((min_y + max_y) / 2))
    scale = WIDTH / ((max_x - min_x) * kx)
    height = math.ceil((max_y - min_y) * scale)

    def project(pt):
        return (round((pt[0] - min_x) * kx * scale, 1), round((max_y - pt[1]) * scale, 1))

    shapes = tuple(
        (
            feature["properties"]["code"],
            tuple(tuple(project(pt) for pt in ring) for ring in _rings(feature["geometry"])),
        )
        for feature in features
    )
    return height, shapes


@cache
def _projected(country_code: str) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Province outlines as SVG path data."""
    height, provinces = _projected_rings(country_code)
    shapes = []
    for code, rings in provinces:
        parts = []
        for projected in rings:
            # Relative moves keep the numbers short: the whole map stays a few tens of KB.
            x0, y0 = projected[0]
            commands = [f"M{x0:g} {y0:g}"]
            px, py = x0, y0
            for x, y in projected[1:]:
                dx, dy = round(x - px, 1), round(y - py, 1)
                if dx or dy:
                    commands.append(f"l{dx:g} {dy:g}")
                    px, py = px + dx, py + dy
            parts.append("".join(commands) + "z")
        shapes.append((code, "".join(parts)))
    return height, tuple(shapes)


def class_breaks(values: list[float], classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of equal-width classes over the positive values, rounded up to integers
    when all values are whole numbers (counts), so legend labels read 1–3, 4–6, ..."""
    positive = [v for v in values if v is not None and v > 0]
    if not positive:
        return []
    top = max(positive)
    whole = all(float(v).is_integer() for v in positive)
    if whole and top <= classes:
        return [float(i) for i in range(1, int(top) + 1)]
    if whole:
        step = math.ceil(top / classes)
        bounds = {float(step * i) for i in range(1, classes + 1) if step * i < top}
        return sorted(bounds | {float(top)})
    step = top / classes
    return [step * i for i in range(1, classes + 1)]


def range_breaks(values: list[float | None], classes: int = len(PALETTE)) -> tuple[float, list]:
    """Equal-width classes between the smallest and largest value (rates, where zero is a
    value like any other): the start and the upper bounds, on round numbers."""
    present = [v for v in values if v is not None]
    if not present:
        return 0.0, []
    low, high = math.floor(min(present)), math.ceil(max(present))
    if high == low:
        return float(low), [float(high)]
    step = (high - low) / classes
    return float(low), [round(low + step * i, 1) for i in range(1, classes + 1)]


def render_choropleth(
    country_code: str,
    values: Mapping[str, float | None],
    *,
    label: str,
    link: Callable[[str], str] | None = None,
    names: Mapping[str, str] | None = None,
    breaks: tuple[float, list[float]] | None = None,
    suppressed: frozenset[str] = frozenset(),
    shared: str = "",
) -> Choropleth:
    """Draw the country's provinces coloured by `values` (province code → number).

    `label` is the accessible name of the whole map; `names` gives each province's name in
    the reader's language for its accessible label; `link` makes each province a link.
    Without `breaks` (start, upper bounds) the classes suit counts, where zero means none;
    provinces in `suppressed` are hatched and keep no value. With `shared` (an id prefix)
    the provinces are drawn from the outlines of shape_definitions, written once in the
    page: a page of many maps then carries each outline once.
    """
    height, shapes = _projected(country_code)
    if breaks is None:
        start, bounds = 0.0, class_breaks(list(values.values()))
        zero_is_none = True
    else:
        (start, bounds), zero_is_none = breaks, False
    palette = PALETTE[-len(bounds) :] if bounds else ()

    def colour(code, value):
        if code in suppressed:
            return f"url(#{HATCH_ID})"
        if value is None or (zero_is_none and value <= 0) or not bounds:
            return NO_DATA
        for bound, fill in zip(bounds, palette, strict=True):
            if value <= bound:
                return fill
        return palette[-1]

    # A map whose provinces are links is a group of links: as an image ("img") its links
    # would be hidden from screen readers.
    role = "group" if link else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="map" role="{role}" aria-label="{escape(label)}">'
    ]
    if suppressed:
        out.append("<defs>" + HATCH.format(id=HATCH_ID) + "</defs>")
    fills = []
    for code, path in shapes:
        value = None if code in suppressed else values.get(code)
        fills.append((code, colour(code, value)))
        name = (names or {}).get(code, code)
        shown = "" if value is None else f"{value:g}"
        # A <use> may carry no ARIA name; such maps are images named as a whole.
        shape = f'<use href="#{shared}{code}"' if shared else f'<path d="{path}"'
        label = "" if shared else f' aria-label="{escape(name)}"'
        element = (
            f'{shape} fill="{colour(code, value)}" stroke="{STROKE}" '
            f'stroke-width="0.8" data-code="{code}" data-value="{shown}"{label}/>'
        )
        if link:
            element = f'<a href="{escape(link(code))}">{element}</a>'
        out.append(element)
    out.append("</svg>")

    legend = []
    low = start
    for bound, fill in zip(bounds, palette, strict=True):
        legend.append(LegendItem(colour=fill, low=low, high=bound))
        low = bound
    if suppressed:
        legend.append(LegendItem(colour=HATCH_ID, low=None, high=None, suppressed=True))
    legend.append(LegendItem(colour=NO_DATA, low=None, high=None))
    return Choropleth(
        svg=mark_safe("".join(out)),  # noqa: S308 - every interpolated text is escaped above
        legend=tuple(legend),
        width=WIDTH,
        height=height,
        rates=not zero_is_none,
        country=country_code,
        fills=tuple(fills),
    )


def shape_definitions(country_code: str, prefix: str) -> SafeString:
    """Every province outline once, for maps drawn with `shared=prefix`."""
    height, shapes = _projected(country_code)
    paths = "".join(f'<path id="{prefix}{code}" d="{path}"/>' for code, path in shapes)
    return mark_safe(  # noqa: S308 - path data and codes of our own
        f'<svg class="map-shapes" width="0" height="0" viewBox="0 0 {WIDTH} {height}" '
        f'aria-hidden="true" focusable="false"><defs>{paths}</defs></svg>'
    )


def choropleth_png(choropleth: Choropleth, *, width_inches: float = 6.0, dpi: int = 150) -> bytes:
    """The same map as a PNG image, for documents that take no SVG (Word). Drawn by
    matplotlib from the same projected outlines and fills; suppressed provinces hatched."""
    import io

    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon

    height, provinces = _projected_rings(choropleth.country)
    fills = dict(choropleth.fills)
    figure = Figure(figsize=(width_inches, width_inches * height / WIDTH), dpi=dpi)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    for code, rings in provinces:
        fill = fills.get(code, NO_DATA)
        hatched = fill.startswith("url(")
        for ring in rings:
            axes.add_patch(
                Polygon(
                    ring,
                    closed=True,
                    facecolor=NO_DATA if hatched else fill,
                    edgecolor=STROKE if not hatched else "#57606a",
                    linewidth=0.6,
                    hatch="////" if hatched else None,
                )
            )
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
