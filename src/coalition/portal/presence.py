"""Where members work: counts per province, for the directory map."""

from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _

from coalition.geo.maps import Choropleth, render_choropleth
from coalition.geo.models import Area


def members_per_province(organisations) -> Counter:
    """How many of these organisations work in each province (by province code).

    An organisation working in two districts of one province counts once there.
    """
    counts: Counter = Counter()
    for org in organisations.prefetch_related("areas__parent"):
        provinces = set()
        for area in org.areas.all():
            if area.level == "province":
                provinces.add(area.code)
            elif area.level == "district" and area.parent:
                provinces.add(area.parent.code)
        counts.update(provinces)
    return counts


def presence_map(organisations, *, link) -> tuple[Choropleth, list[tuple[Area, int]]]:
    country = settings.COALITION_COUNTRY
    counts = members_per_province(organisations)
    provinces = list(Area.objects.filter(country__code=country, level="province"))
    names = {p.code: p.name for p in provinces}
    choropleth = render_choropleth(
        country,
        {p.code: counts.get(p.code, 0) for p in provinces},
        label=_("Map: number of member organisations working in each province"),
        names={code: f"{name}: {counts.get(code, 0)}" for code, name in names.items()},
        link=link,
    )
    table = sorted(((p, counts.get(p.code, 0)) for p in provinces), key=lambda x: x[0].name)
    return choropleth, table
