"""Every public page type, in one list: the browser checks (tests/e2e/test_portal_pages.py)
and the page-weight benchmark (bench/pages.py) visit each of them in several languages.

To add a page type, add a line to PAGES: a name and its path without the language prefix.
A path may name objects of the demo coalition as {placeholders}; FACTS finds them (add a
key there when a new page needs one). The site serves /<lang><path> for en, fa, ps and km.
"""

import json

PAGES = [
    ("home", "/"),
    ("indicators", "/indicators/"),
    ("indicator", "/indicators/{indicator}/"),
    ("comparison", "/indicators/{indicator}/provinces/"),
    ("provinces", "/provinces/"),
    ("province", "/provinces/{province}/"),
    ("open-data", "/data/"),
    ("members", "/members/"),
    ("member", "/members/{member}/"),
    ("sources", "/sources/"),
    ("apply", "/network/apply/"),
    ("login", "/accounts/login/"),
    ("publications", "/publications/"),
    ("publication", "/publications/{publication}/"),
    # The heaviest part of the published Spotlight Report: eight charts and eight maps.
    ("report-chapter", "/publications/{publication}/target-4.1/"),
    ("report-annex", "/publications/{publication}/annex/"),
]
PAGE_NAMES = [name for name, _path in PAGES]

# Run in the demo site's Django (LiveCoalition.query); prints the placeholders as JSON.
FACTS = """
import json
from coalition.geo.models import Area
from coalition.network.models import Organisation
from coalition.portal import figures
from coalition.reports.models import Edition

provinces = Area.objects.of_deployment().provinces()
# The first headline figure: a trend, groups with parity, a province map.
indicator = figures.headline_codes()[0]
# Kabul has the most member organisations working there: the longest profile.
province = provinces.filter(code="AF-KAB").first() or provinces.order_by("code").first()
member = Organisation.objects.public().members().order_by("slug").first()
publication = Edition.objects.published().filter(kind="spotlight").first()
print(json.dumps({"indicator": indicator, "province": province.code, "member": member.slug,
                  "publication": publication.pk}))
"""


def facts(site) -> dict:
    if not hasattr(site, "portal_facts"):
        site.portal_facts = json.loads(site.query(FACTS).strip().splitlines()[-1])
    return site.portal_facts


def portal_pages(site) -> list[tuple[str, str]]:
    """(name, path without the language prefix) of every public page type on `site`."""
    known = facts(site)
    return [(name, path.format(**known)) for name, path in PAGES]


def page_path(site, name: str) -> str:
    return dict(portal_pages(site))[name]
