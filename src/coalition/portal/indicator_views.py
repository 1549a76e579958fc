"""Public indicator pages: the catalogue, one indicator, the province comparison, province
profiles and the open data page. Indicator results are public aggregates
(Result.objects.visible_to is everyone) and reach these pages only through
portal.figures, which reads them through disclosure control."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coalition.core.locale import format_date
from coalition.geo.maps import range_breaks, render_choropleth
from coalition.geo.models import Area, Country
from coalition.indicators.catalogue import catalogue
from coalition.network.models import Organisation
from coalition.portal import charts, figures
from coalition.portal.caching import data_version, fragment, revalidated


def indicator_or_404(code: str):
    indicator = catalogue().get(code)
    if indicator is None:
        raise Http404
    return indicator


@revalidated
def catalogue_page(request):
    version = data_version()

    def body():
        latest = figures.latest_national()
        groups = [
            (target, title, [(i, latest.get(i.code)) for i in indicators])
            for target, title, indicators in figures.catalogue_by_target()
        ]
        return render_to_string("portal/catalogue_body.html", {"groups": groups})

    return render(
        request,
        "portal/catalogue.html",
        {"body": fragment("catalogue", render=body, version=version)},
    )


def _year(request, overview) -> int | None:
    """The year asked for (?year=), if the indicator has it; else the latest shown."""
    years = overview.years
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    if overview.latest:
        return overview.latest["year"]
    return years[-1] if years else None


@revalidated
def indicator_page(request, code):
    indicator = indicator_or_404(code)
    language = get_language() or "en"
    version = data_version()
    overview = figures.overview(code)
    year = _year(request, overview)

    def body():
        context = {
            "indicator": indicator,
            "overview": overview,
            "year": year,
            "trend_svg": charts.trend_chart(
                overview,
                language=language,
                label=_("Chart: %(name)s by year") % {"name": indicator.label(language)},
            ),
            "breakdowns": _breakdowns(indicator, year) if year else [],
            "provenance": figures.provenance(code),
            "downloads": downloads(code),
        }
        context.update(_province_map(indicator, year, language) if year else {})
        return render_to_string("portal/indicator_body.html", context)

    return render(
        request,
        "portal/indicator.html",
        {
            "indicator": indicator,
            "name": indicator.label(language),
            "years": overview.years,
            "year": year,
            "body": fragment("indicator", code, year, render=body, version=version),
        },
    )


def _breakdowns(indicator, year):
    found = figures.breakdowns(indicator.code, year)
    rows = [g.row for b in found for g in b.groups]
    low, high = charts.scale_of(indicator.unit, rows)
    for breakdown in found:
        for group in breakdown.groups:
            group.bar = charts.interval_bar(group.row, low=low, high=high)
    return found


def _province_map(indicator, year, language) -> dict:
    national, groups = figures.provinces(indicator.code, year)
    if not groups:
        return {}
    codes = {g.row["area"]: g for g in groups}
    values = {code: g.row["value"] for code, g in codes.items()}
    suppressed = frozenset(code for code, g in codes.items() if g.row["value"] is None)
    names = figures.province_names()
    base = reverse("portal:province", args=["X"])[:-2]
    choropleth = render_choropleth(
        figures.country(),
        values,
        label=_("Map: %(name)s by province, %(year)s")
        % {"name": indicator.label(language), "year": year},
        names={
            code: f"{name}: {_shown(values.get(code), code in suppressed)}"
            for code, name in names.items()
        },
        link=lambda code: f"{base}{code}/",
        breaks=range_breaks(list(values.values())),
        suppressed=suppressed,
    )
    return {"map": choropleth, "national": national, "province_rows": groups}


def _shown(value, suppressed: bool) -> str:
    if suppressed:
        return _("suppressed")
    return _("no data") if value is None else f"{value:.1f}"


def downloads(code: str) -> list[tuple[str, str]]:
    """The whole table of an indicator's results, in each open format of the API."""
    base = reverse("api:indicator-results", args=[code])
    return [
        (label, f"{base}?by=all&format={format}")
        for label, format in (
            ("CSV", "csv"),
            ("XLSX", "xlsx"),
            ("SDMX-CSV", "sdmx"),
            ("JSON", "json"),
        )
    ]


@revalidated
def comparison_page(request, code):
    indicator = indicator_or_404(code)
    language = get_language() or "en"
    overview = figures.overview(code)
    year = _year(request, overview)
    version = data_version()

    def body():
        national, groups = figures.provinces(code, year) if year else (None, [])
        rows = [g.row for g in groups] + ([national] if national else [])
        low, high = charts.scale_of(indicator.unit, rows)
        reference = national["value"] if national and national["value"] is not None else None
        for group in groups:
            group.bar = charts.interval_bar(group.row, low=low, high=high, reference=reference)
        return render_to_string(
            "portal/comparison_body.html",
            {
                "indicator": indicator,
                "name": indicator.label(language),
                "year": year,
                "national": national,
                "groups": groups,
                "comparisons": figures.COMPARISONS,
            },
        )

    return render(
        request,
        "portal/comparison.html",
        {
            "indicator": indicator,
            "name": indicator.label(language),
            "years": overview.years,
            "year": year,
            "body": fragment("comparison", code, year, render=body, version=version),
        },
    )


@revalidated
def provinces_page(request):
    provinces = Area.objects.of_deployment().provinces().order_by("code")
    return render(
        request,
        "portal/provinces.html",
        {"provinces": sorted(provinces, key=lambda p: p.name)},
    )


@revalidated
def province_page(request, code):
    province = get_object_or_404(Area.objects.of_deployment().provinces(), code=code.upper())
    version = data_version()

    def body():
        lines = figures.profile(province.code)
        return render_to_string(
            "portal/province_body.html",
            {
                "province": province,
                "lines": lines,
                "lagging": [line for line in lines if line.lags],
                "comparisons": figures.COMPARISONS,
            },
        )

    members = (
        Organisation.objects.public()
        .members()
        .filter(areas__in=[province, *province.children.all()])
        .distinct()
        .order_by("slug")
    )
    return render(
        request,
        "portal/province.html",
        {
            "province": province,
            "members": members,
            "body": fragment("province", province.code, render=body, version=version),
        },
    )


@revalidated
def open_data(request):
    tables = [(indicator, downloads(indicator.code)) for indicator in catalogue().values()]
    return render(
        request,
        "portal/open_data.html",
        {
            "tables": tables,
            "licence": settings.COALITION_DATA_LICENCE,
            "citation": citation(request),
            "catalogue_url": reverse("api:indicator-list"),
        },
    )


def citation(request) -> str:
    """One line to cite the data by: who, when, what, where."""
    country = Country.objects.filter(code=figures.country()).first()
    return _(
        "%(publisher)s (%(year)s). SDG 4 indicators for %(country)s: civil-society "
        "estimates with their confidence intervals. %(url)s (accessed %(date)s)."
    ) % {
        "publisher": settings.COALITION_NAME or _("Education coalition"),
        "year": timezone.localdate().year,
        "country": country.name if country else figures.country(),
        "url": request.build_absolute_uri(reverse("portal:open_data")),
        "date": format_date(timezone.localdate(), get_language()),
    }
