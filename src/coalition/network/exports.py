"""The staff export of the directory.

It lists what the public directory lists (never an organisation marked "do not list
publicly", never a person's details) plus the internal membership fields the secretariat
works with. Exports leave the server, get e-mailed and printed: what must stay inside
never goes into one.
"""

from django.utils.translation import gettext as _

from coalition.core.spreadsheets import to_csv, to_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def directory_rows(queryset):
    queryset = (
        queryset.public()
        .select_related("headquarters")
        .prefetch_related("areas", "themes")
        .order_by("name_en")
    )
    for org in queryset:
        yield [
            org.name_en,
            org.name_fa,
            org.name_ps,
            org.name_km,
            org.acronym,
            org.get_kind_display(),
            org.get_relationship_display(),
            org.get_membership_status_display(),
            org.member_since.isoformat() if org.member_since else "",
            org.headquarters.name_en if org.headquarters else "",
            "; ".join(sorted(a.name_en for a in org.areas.all())),
            "; ".join(t.label for t in org.themes.all()),
            org.website,
            org.email,
        ]


def directory_header():
    return [
        _("Name (English)"),
        _("Name (Dari)"),
        _("Name (Pashto)"),
        _("Name (Khmer)"),
        _("Acronym"),
        _("Kind"),
        _("Relationship"),
        _("Membership status"),
        _("Member since"),
        _("Head office province"),
        _("Areas of operation"),
        _("Thematic focus"),
        _("Website"),
        _("Organisation e-mail"),
    ]


def directory_export(queryset, *, fmt: str) -> tuple[bytes, str]:
    header, rows = directory_header(), directory_rows(queryset)
    if fmt == "csv":
        return to_csv(header, rows), CONTENT_TYPES["csv"]
    return to_xlsx(header, rows, title=_("Directory")), CONTENT_TYPES["xlsx"]
