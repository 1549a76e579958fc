"""Charts as small inline SVG, drawn on the server.

- The trend chart is drawn by matplotlib. Its SVG is rewritten for the page: styles become
  presentation attributes (the strict Content-Security-Policy refuses inline styles, and
  PDFs keep attributes), ids get a prefix so two charts on a page never share one, and the
  text inherits the page's font. Only numbers are written inside the SVG: titles, legends
  and labels are HTML, translated and shaped by the browser (see geo.maps for why).
- The interval bars beside table rows are a few SVG elements written here directly.

Colours are the Okabe-Ito palette, which stays distinguishable with colour-blindness, and
every series also differs by marker shape, so the chart reads in grey too.
"""

import io
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coalition.core.locale import localise_digits

OURS = "#0072B2"  # blue: the coalition's estimate
OFFICIAL = "#D55E00"  # vermillion: the official figure
TARGET = "#009E73"  # bluish green: the target
MUTED = "#57606a"


def trend_chart(overview, *, language: str, label: str, prefix: str = "trend") -> SafeString:
    return to_svg(trend_figure(overview, language=language), label=label, prefix=prefix)


def trend_figure(overview, *, language: str):
    """The coalition's estimate by year with its 95% interval, the official series and
    each target, as a matplotlib figure (SVG for pages and PDFs, PNG for Word). Unreliable
    estimates are hollow; suppressed years are marked with an × on the axis, never drawn
    as a value."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    indicator = overview.indicator
    shown = overview.shown
    figure = Figure(figsize=(6.4, 3.0), dpi=72)
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#d0d7de", linewidth=0.6)
    axes.set_axisbelow(True)

    years = [row["year"] for row in shown]
    if shown:
        values = [row["value"] for row in shown]
        below = [
            row["value"] - (row["ci_low"] if row["ci_low"] is not None else row["value"])
            for row in shown
        ]
        above = [
            (row["ci_high"] if row["ci_high"] is not None else row["value"]) - row["value"]
            for row in shown
        ]
        axes.errorbar(
            years,
            values,
            yerr=[below, above],
            color=OURS,
            linewidth=1.6,
            capsize=4,
            elinewidth=1.2,
            zorder=3,
        )
        for row in shown:
            unreliable = "unreliable" in row["flags"].split()
            axes.plot(
                [row["year"]],
                [row["value"]],
                marker="o",
                markersize=7,
                color=OURS,
                markerfacecolor="white" if unreliable else OURS,
                markeredgewidth=1.6,
                zorder=4,
            )
    if overview.official:
        axes.plot(
            list(overview.official),
            list(overview.official.values()),
            color=OFFICIAL,
            linestyle="--",
            linewidth=1.2,
            marker="s",
            markersize=6,
            zorder=2,
        )
    for each in overview.targets:
        target = each.target
        axes.plot(
            [target.year],
            [target.value],
            marker="D",
            markersize=7,
            color=TARGET,
            linestyle="none",
            zorder=3,
        )
        if shown:
            axes.plot(
                [years[-1], target.year],
                [shown[-1]["value"], target.value],
                color=TARGET,
                linestyle=":",
                linewidth=1.2,
            )

    top = _top(indicator, overview)
    axes.set_ylim(0, top)
    hidden = [row["year"] for row in overview.trend if row["value"] is None]
    if hidden:
        axes.plot(
            hidden,
            [0] * len(hidden),
            marker="x",
            markersize=8,
            color=MUTED,
            linestyle="none",
            clip_on=False,
            zorder=5,
        )
    all_years = sorted(
        {*overview.years, *overview.official, *(t.target.year for t in overview.targets)}
    )
    if all_years:
        axes.set_xlim(all_years[0] - 0.6, all_years[-1] + 0.6)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _p: localise_digits(f"{x:.0f}", language))
    )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: localise_digits(f"{y:g}", language)))
    axes.tick_params(labelsize=11, colors="#1b1f24")
    figure.tight_layout(pad=0.4)
    return figure


def to_png(figure, *, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _or(value, default):
    return default if value is None else value


def _digits(text: str, language: str) -> str:
    return localise_digits(text, language)


def _top(indicator, overview) -> float:
    """Percentages are drawn on their whole scale, so a change is never exaggerated."""
    if indicator.unit == "percent":
        return 100.0
    highs = [_or(row["ci_high"], row["value"]) for row in overview.shown]
    highs += list(overview.official.values()) + [t.target.value for t in overview.targets]
    return max(highs, default=1.0) * 1.15 or 1.0


_STYLE = re.compile(r'style="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def to_svg(figure, *, label: str, prefix: str) -> SafeString:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r'<g id="[^"]*">', "<g>", svg)  # matplotlib's group names, never referenced
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = svg.replace('xlink:href="#', f'xlink:href="#{prefix}-').replace(
        "url(#", f"url(#{prefix}-"
    )
    svg = _STYLE.sub(lambda m: _attributes(m.group(1)), svg)
    svg = re.sub(r"\n\s*", " ", svg)
    svg = re.sub(
        r'<svg [^>]*?(viewBox="[^"]*")[^>]*>',
        lambda m: (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'{m.group(1)} class="chart" role="img" aria-label="{escape(label)}" '
            'direction="ltr" stroke-linejoin="round" stroke-linecap="butt">'
        ),
        svg,
        count=1,
    )
    return mark_safe(svg.strip())  # noqa: S308 - matplotlib's output; the label is escaped


def _attributes(style: str) -> str:
    pairs = []
    for declaration in style.split(";"):
        name, _colon, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name and name != "font-family":  # the page's font, not DejaVu's
            pairs.append(f'{name}="{value}"')
    return " ".join(pairs)


def interval_bar(
    row: dict, *, low: float, high: float, reference: float | None = None
) -> SafeString:
    """A point with its 95% interval on a fixed scale, for a table row; `reference` draws
    the national figure as a vertical line. Nothing for a suppressed cell."""
    if row.get("value") is None or high <= low:
        return mark_safe("")
    width, height, pad = 120, 16, 4

    def x(value):
        share = (min(max(value, low), high) - low) / (high - low)
        return round(pad + share * (width - 2 * pad), 1)

    parts = [
        f'<svg class="ci" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'direction="ltr" aria-hidden="true">',
        f'<line x1="{pad}" y1="8" x2="{width - pad}" y2="8" stroke="#d0d7de"/>',
    ]
    if reference is not None:
        parts.append(
            f'<line x1="{x(reference)}" y1="1" x2="{x(reference)}" y2="15" '
            f'stroke="{MUTED}" stroke-dasharray="2 2"/>'
        )
    if row.get("ci_low") is not None and row.get("ci_high") is not None:
        parts.append(
            f'<line x1="{x(row["ci_low"])}" y1="8" x2="{x(row["ci_high"])}" y2="8" '
            f'stroke="{OURS}" stroke-width="3"/>'
        )
    hollow = "unreliable" in (row.get("flags") or "").split()
    parts.append(
        f'<circle cx="{x(row["value"])}" cy="8" r="4" fill="{"#fff" if hollow else OURS}" '
        f'stroke="{OURS}" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers only


def scale_of(unit: str, rows: list[dict]) -> tuple[float, float]:
    """The common scale of a table's interval bars."""
    if unit == "percent":
        return 0.0, 100.0
    highs = [
        r["ci_high"] if r["ci_high"] is not None else r["value"]
        for r in rows
        if r["value"] is not None
    ]
    return 0.0, (max(highs, default=1.0) * 1.1) or 1.0


def sparkline(rows: list[dict], *, low: float, high: float) -> SafeString:
    """The shown values by year as a small line, for the home page's figures; the text
    beside it says the change, so it is hidden from screen readers."""
    points = [(row["year"], row["value"]) for row in rows if row.get("value") is not None]
    if len(points) < 2 or high <= low:
        return mark_safe("")
    width, height, pad = 100, 28, 3
    first, last = points[0][0], points[-1][0]

    def xy(year, value):
        x = pad + (year - first) / (last - first) * (width - 2 * pad)
        y = height - pad - (min(max(value, low), high) - low) / (high - low) * (height - 2 * pad)
        return f"{x:.1f},{y:.1f}"

    line = " ".join(xy(year, value) for year, value in points)
    dots = "".join(
        f'<circle cx="{xy(y, v).split(",")[0]}" cy="{xy(y, v).split(",")[1]}" r="2.5" '
        f'fill="{OURS}"/>'
        for y, v in points
    )
    return mark_safe(  # noqa: S308 - numbers only
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'direction="ltr" aria-hidden="true"><polyline points="{line}" fill="none" '
        f'stroke="{OURS}" stroke-width="1.5"/>{dots}</svg>'
    )
