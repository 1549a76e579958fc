"""Builds the demo coalition through the same services the pages use, so the demo also
carries membership histories and audit entries like a real deployment."""

import datetime as dt
import random

from django.core.cache import cache
from django.db import transaction

from coalition.accounts.models import Role, User
from coalition.demo import vocabulary as words
from coalition.demo.personas import DEMO_DOMAIN, PERSONAS, ensure_persona
from coalition.geo.models import Area
from coalition.network import services
from coalition.network.models import MembershipApplication, Organisation, Theme

MEMBER_COUNT = 137  # plus the international NGOs: about 140 members


class DemoConflict(Exception):
    pass


def _names(template, province, country):
    if country == "AF":
        kind, en, fa, ps, themes = template
        return (
            kind,
            {
                "name_en": en.format(p=province.name_en),
                "name_fa": fa.format(p=province.name_fa),
                "name_ps": ps.format(p=province.name_ps or province.name_fa),
            },
            themes,
        )
    kind, en, km, themes = template
    return (
        kind,
        {"name_en": en.format(p=province.name_en), "name_km": km.format(p=province.name_km)},
        themes,
    )


class DemoBuilder:
    def __init__(self, country: str, seed: int = 2026):
        self.country = country
        self.rng = random.Random(seed)
        self.provinces = list(
            Area.objects.filter(country__code=country, level="province").order_by("code")
        )
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.created = 0

    def check_country(self):
        other = (
            Organisation.objects.filter(is_synthetic=True)
            .exclude(headquarters__country__code=self.country)
            .exclude(headquarters=None)
        )
        if other.exists():
            raise DemoConflict(
                "This database already holds the demo of another country. Use another "
                "COALITION_DATA_DIR (or DATABASE_URL) for a second country."
            )

    def person_name(self):
        return (
            f"{self.rng.choice(words.GIVEN_NAMES[self.country])} "
            f"{self.rng.choice(words.FAMILY_NAMES[self.country])}"
        )

    def areas_around(self, province):
        chosen = {province}
        for extra in self.rng.sample(self.provinces, self.rng.choice([0, 0, 1, 2])):
            chosen.add(extra)
        districts = list(province.children.all())
        if districts and self.rng.random() < 0.4:
            chosen.add(self.rng.choice(districts))
        return list(chosen)

    def _organisation(
        self, actor, kind, names, theme_codes, province, *, status="active", listed=True
    ):
        existing = Organisation.objects.filter(name_en=names["name_en"]).first()
        if existing:  # loaded by an earlier run: the demo never duplicates
            return existing
        themes = [self.themes[c] for c in theme_codes if c in self.themes]
        themes += self.rng.sample(list(self.themes.values()), self.rng.choice([0, 1]))
        data = {
            **names,
            "kind": kind,
            "acronym": "".join(w[0] for w in names["name_en"].split() if w[0].isupper())[:8],
            "description": (
                f"{names['name_en']} is an invented organisation of the demonstration "
                "coalition. It works with schools and communities on the themes listed."
            ),
            "website": "",
            "email": "",
            "headquarters": province,
            "areas": self.areas_around(province) if province else [],
            "themes": set(themes),
            "listed_publicly": listed,
        }
        since = dt.date(
            self.rng.randint(2008, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        org = services.create_organisation(
            data=data,
            actor=actor,
            member_since=since,
            membership_status="" if status == "active" else status,
        )
        Organisation.objects.filter(pk=org.pk).update(is_synthetic=True)
        self.created += 1
        if org.relationship == "member":
            for index in range(self.rng.choice([1, 1, 2])):
                name = self.person_name()
                services.save_person(
                    organisation=org,
                    actor=actor,
                    data={
                        "full_name": name,
                        "position": self.rng.choice(words.POSITIONS),
                        "email": f"{name.lower().replace(' ', '.')}@example.org",
                        "phone": f"+{self.rng.randint(10**10, 10**11 - 1)}",
                        "is_focal_point": index == 0,
                    },
                )
        return org

    def members(self, actor):
        templates = words.AF_MEMBER_TEMPLATES if self.country == "AF" else words.KH_MEMBER_TEMPLATES
        combos = [(t, p) for p in self.provinces for t in templates]
        self.rng.shuffle(combos)
        # Every province gets at least one member; the rest spread at random.
        combos.sort(key=lambda c: 0 if c[0] is templates[0] else 1)
        chosen = combos[:MEMBER_COUNT]
        statuses = (
            ["suspended"] * 4
            + ["lapsed"] * 3
            + ["withdrawn"] * 3
            + ["active"] * (MEMBER_COUNT - 10)
        )
        hidden = set(self.rng.sample(range(MEMBER_COUNT), 6))
        members = []
        for index, (template, province) in enumerate(chosen):
            kind, names, themes = _names(template, province, self.country)
            members.append(
                self._organisation(
                    actor,
                    kind,
                    names,
                    themes,
                    province,
                    status=statuses[index],
                    listed=index not in hidden,
                )
            )
        capital = self.provinces[0]
        for entry in words.AF_INGOS if self.country == "AF" else words.KH_INGOS:
            names = dict(
                zip(
                    ["name_en", "name_fa", "name_ps"]
                    if self.country == "AF"
                    else ["name_en", "name_km"],
                    entry,
                    strict=True,
                )
            )
            members.append(self._organisation(actor, "ingo", names, ["sdg4.1", "sdg4.5"], capital))
        return members

    def partners(self, actor):
        keys = ["name_en", "name_fa", "name_ps"] if self.country == "AF" else ["name_en", "name_km"]
        for kind, *names in words.PARTNERS[self.country]:
            self._organisation(actor, kind, dict(zip(keys, names, strict=True)), [], None)
        for province in self.provinces[:6]:
            names = {"name_en": f"{province.name_en} Provincial Education Directorate"}
            if self.country == "AF":
                names["name_fa"] = f"ریاست معارف {province.name_fa}"
                names["name_ps"] = f"د {province.name_ps} د پوهنې ریاست"
            else:
                names["name_km"] = f"មន្ទីរអប់រំ យុវជន និងកីឡា{province.name_km}"
            self._organisation(actor, "provincial_directorate", names, [], province)

    def applications(self, actor):
        templates = words.AF_MEMBER_TEMPLATES if self.country == "AF" else words.KH_MEMBER_TEMPLATES
        pending = []
        for index, province in enumerate(self.provinces[-5:]):
            kind, names, themes = _names(templates[index % len(templates)], province, self.country)
            names["name_en"] += " Forum"
            if MembershipApplication.objects.filter(
                organisation__name_en=names["name_en"]
            ).exists():
                continue
            name = self.person_name()
            application = services.submit_application(
                organisation={
                    **names,
                    "kind": kind,
                    "acronym": "",
                    "description": "",
                    "website": "",
                    "email": "",
                    "headquarters": province,
                    "areas": [province],
                    "themes": [self.themes[c] for c in themes],
                    "listed_publicly": index != 2,
                },
                contact={
                    "full_name": name,
                    "position": "Director",
                    "email": f"{name.lower().replace(' ', '.')}@example.org",
                    "phone": "",
                },
                motivation="We run community classes and want to join the coalition's "
                "monitoring of schools in our province. (Synthetic demo application.)",
                language="en",
                actor=None,
            )
            Organisation.objects.filter(pk=application.organisation_id).update(is_synthetic=True)
            pending.append(application)
        if pending:
            services.reject_application(
                application=pending[-1],
                actor=actor,
                reason="Not an education organisation (synthetic demo decision).",
            )

    def load_submissions(self, total: int, progress=None) -> int:
        from coalition.demo.submissions import SubmissionMaker

        admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
        with transaction.atomic():
            return SubmissionMaker(self.country, self.rng, admin).make(total, progress)

    @transaction.atomic
    def build(self):
        self.check_country()
        admin = ensure_persona(*PERSONAS[0])
        actor = User.objects.get(email=admin.email)
        members = self.members(actor)
        self.partners(actor)
        self.applications(actor)
        own = next(m for m in members if m.listed_publicly and m.membership_status == "active")
        ministry = Organisation.objects.filter(kind="ministry", is_synthetic=True).first()
        personas = [admin]
        for name, full_name, role in PERSONAS[1:]:
            scope = {}
            if role in (Role.FOCAL_POINT, Role.MEMBER_EDITOR):
                scope["organisation"] = own
            elif role == Role.PARTNER_VIEWER:
                scope["organisation"] = ministry
            elif role == Role.PROVINCIAL_REVIEWER:
                scope["provinces"] = self.provinces[:2]
            personas.append(ensure_persona(name, full_name, role, **scope))
        cache.delete("coalition:synthetic")
        return personas, own
