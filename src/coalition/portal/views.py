"""The public portal. Everything here reads Organisation.objects.public(): what an
anonymous visitor may see, whoever is logged in, so staff see exactly what the public sees."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from coalition.geo.models import Area
from coalition.network.forms import DirectoryFilterForm
from coalition.network.models import Organisation
from coalition.portal import charts, figures
from coalition.portal.caching import fragment, revalidated
from coalition.portal.presence import presence_map


@revalidated
def home(request):
    public = Organisation.objects.public()
    members = public.members()
    choropleth, table = presence_map(members, link=province_links())
    return render(
        request,
        "portal/home.html",
        {
            "member_count": members.count(),
            "partner_count": public.partners().count(),
            "province_count": Area.objects.filter(
                country__code=settings.COALITION_COUNTRY,
                level="province",
                organisations__in=members,
            )
            .distinct()
            .count(),
            "map": choropleth,
            "province_table": table,
            "headlines": fragment("headlines", render=headlines),
        },
    )


def headlines() -> str:
    """The home page's SDG 4 figures: latest value, change since the first year, and the
    progress class towards each target."""
    cards = []
    for code in figures.headline_codes():
        overview = figures.overview(code)
        if overview.latest:
            low, high = charts.scale_of(overview.indicator.unit, overview.shown)
            cards.append((overview, charts.sparkline(overview.shown, low=low, high=high)))
    return render_to_string("portal/headlines.html", {"cards": cards})


def province_links():
    """Map links: each province opens the directory filtered to it."""
    ids = dict(
        Area.objects.filter(country__code=settings.COALITION_COUNTRY, level="province").values_list(
            "code", "pk"
        )
    )
    base = reverse("portal:directory")
    return lambda code: f"{base}?province={ids.get(code, '')}"


@revalidated
def directory(request):
    filters = DirectoryFilterForm(request.GET or None, country_code=settings.COALITION_COUNTRY)
    listed = filters.filter(Organisation.objects.public())
    choropleth, table = presence_map(listed.members(), link=province_links())
    page = Paginator(listed.select_related("headquarters").prefetch_related("themes"), 30).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "portal/directory_results.html"
        if request.headers.get("HX-Request")
        else "portal/directory.html"
    )
    return render(
        request,
        template,
        {
            "filters": filters,
            "page": page,
            "map": choropleth,
            "province_table": table,
            "query": query.urlencode(),
        },
    )


@revalidated
def organisation(request, slug):
    org = get_object_or_404(Organisation.objects.public(), slug=slug)
    return render(request, "portal/organisation.html", {"org": org})


@revalidated
def sources(request):
    return render(request, "portal/sources.html")
