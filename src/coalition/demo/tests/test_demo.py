import io

import pytest
from django.core.management import CommandError, call_command

from coalition.accounts.models import Role, RoleAssignment
from coalition.network.models import MembershipApplication, Organisation, Person

pytestmark = pytest.mark.django_db


def counts():
    return (
        Organisation.objects.count(),
        Person.objects.count(),
        MembershipApplication.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_demo_builds_a_realistic_synthetic_coalition_once(client):
    out = io.StringIO()
    call_command("demo", "--submissions", "40", stdout=out)
    first = counts()
    call_command("demo", "--submissions", "40", stdout=io.StringIO())
    assert counts() == first  # loading twice duplicates nothing
    from coalition.collect.models import Submission

    assert Submission.objects.count() == 40

    members = Organisation.objects.members().exclude(
        membership_status__in=["applicant", "rejected"]
    )
    assert 135 <= members.count() <= 145
    assert Organisation.objects.partners().count() >= 8
    assert MembershipApplication.objects.filter(status="pending").count() >= 3
    assert Organisation.objects.filter(is_synthetic=False).count() == 0
    assert Organisation.objects.filter(listed_publicly=False).exists()
    assert set(members.values_list("membership_status", flat=True)) >= {
        "active",
        "suspended",
        "lapsed",
        "withdrawn",
    }
    # Every province has at least one member.
    provinces = set(members.values_list("areas__code", flat=True))
    assert {f"AF-{c}" for c in ("KAB", "BAL", "HER", "NUR", "ZAB")} <= provinces

    text = out.getvalue()
    for role in Role:
        assert RoleAssignment.objects.filter(role=role).exists(), role
        assert role.value in text
    assert "demo-coalition" in text and "synthetic" in text
    page = client.get("/en/").content.decode()
    assert "synthetic data" in page

    # Three demo forms with submissions in every review state, placed in provinces.
    from coalition.collect.models import Form, Submission

    assert set(Form.objects.values_list("form_id", flat=True)) == {
        "school_monitoring",
        "oos_listing",
        "activity_report",
    }
    assert Submission.objects.count() == 40
    assert Submission.objects.filter(area__isnull=True).count() == 0
    school = Submission.objects.filter(form__form_id="school_monitoring").first()
    assert isinstance(school.data["enrolment"]["girls"], int)
    listing = Submission.objects.filter(form__form_id="oos_listing").first()
    assert listing.data["child"][0]["wg_seeing"] in {"none", "some", "a_lot", "cannot"}

    # Report editions: last year's JSR input published with frozen figures, this year's
    # started from it, and a Spotlight draft in every language; once only.
    from coalition.reports.models import Edition

    editions = {(e.kind, e.status): e for e in Edition.objects.all()}
    assert set(editions) == {
        ("jsr", "published"),
        ("jsr", "draft"),
        ("spotlight", "published"),
        ("spotlight", "draft"),
    }
    assert editions[("jsr", "published")].snapshot.data["plan_targets"]
    assert editions[("jsr", "draft")].previous == editions[("jsr", "published")]
    assert editions[("jsr", "draft")].recommendations.filter(carried_from__isnull=False).count()
    spotlight = editions[("spotlight", "draft")]
    assert spotlight.languages == ["en", "fa", "ps", "km"]
    assert spotlight.sections.get(key="summary").texts.count() == 4
    assert spotlight.previous == editions[("spotlight", "published")]
    assert editions[("spotlight", "published")].snapshot.data["indicators"]


def test_demo_code_only_for_demo_personas():
    call_command("demo", "--submissions", "40", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_code", "admin@demo.coalition.invalid", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
    with pytest.raises(CommandError):
        call_command("demo_code", "someone@example.org")


def test_demo_refuses_another_country_than_the_deployment():
    with pytest.raises(CommandError, match="COALITION_COUNTRY=KH"):
        call_command("demo", "--country", "KH")


def test_cambodian_demo(settings, client):
    settings.COALITION_COUNTRY = "KH"
    call_command("demo", "--country", "KH", "--submissions", "20", stdout=io.StringIO())
    members = Organisation.objects.members().filter(membership_status="active")
    assert members.filter(name_km__regex="[\u1780-\u17ff]").count() == members.count()
    page = client.get("/km/members/").content.decode()
    assert 'data-code="KH-12"' in page
    assert "អង្គការ" in page


def test_the_demo_listing_has_a_public_link_that_opens(client):
    from coalition.collect.models import Form

    out = io.StringIO()
    call_command("demo", "--submissions", "10", stdout=out)
    listing = Form.objects.get(form_id="oos_listing")
    assert listing.audience == "public_link" and listing.public_token
    link = f"/en/f/{listing.public_token}/"
    assert link in out.getvalue()
    assert client.get(link).status_code == 200
