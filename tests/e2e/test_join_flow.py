"""Apply to join as the public › admit as the secretariat administrator (with the second
factor) › the organisation appears in the directory and on the map, in fa and km too."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts.models import Role
from coalition.accounts.tests.factories import UserFactory, grant
from coalition.network.tests.factories import OrganisationFactory

# The live server needs committed data, so this test is transactional. It must stay the
# only one: a transactional test empties the database when it ends (provinces and themes
# loaded by migrations included), and pytest-django runs such tests last.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Kabul Reading Gardens"


def kabul_count(page) -> int:
    value = page.locator('path[data-code="AF-KAB"]').first.get_attribute("data-value")
    return int(float(value or 0))


def test_apply_admit_and_appear(live_server, page, screenshot):
    from coalition.geo.models import Area

    kabul = Area.objects.get(code="AF-KAB")
    OrganisationFactory(name_en="Balkh Schools Forum", areas=[Area.objects.get(code="AF-BAL")])
    admin = grant(UserFactory(email="admin@example.org", full_name="Admin"), Role.SECRETARIAT_ADMIN)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    base = live_server.url

    page.goto(f"{base}/en/members/")
    before = kabul_count(page)

    # 1. The public applies.
    page.goto(f"{base}/en/network/apply/")
    page.fill("#id_name_en", NAME)
    page.fill("#id_name_fa", "باغ‌های مطالعه کابل")
    page.fill("#id_name_ps", "د کابل د لوستلو باغونه")
    page.select_option("#id_kind", "womens_group")
    page.select_option("#id_headquarters", str(kabul.pk))
    page.get_by_label("Kabul", exact=True).check()
    page.get_by_label("Girls' education").check()
    page.fill("#id_contact_name", "Nadia Applicant")
    page.fill("#id_contact_email", "nadia@example.org")
    page.fill("#id_motivation", "We run reading gardens for girls.")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url("**/apply/thanks/")

    page.goto(f"{base}/en/members/")
    assert NAME not in page.content()  # not public before admission

    # 2. The administrator logs in, passes the second factor and admits.
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", "admin@example.org")
    page.fill("#id_password", "correct horse battery")
    page.click("form.panel button[type=submit]")
    page.wait_for_url("**/mfa/verify/**")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=6)
    page.fill("#id_token", f"{code:06d}")
    page.click("form.panel button[type=submit]")
    page.wait_for_url("**/workspace/")
    page.click("text=Membership applications")
    page.click(f"text={NAME}")
    page.fill("#id_reason", "Welcome to the coalition.")
    page.click("button[value=admit]")
    page.wait_for_url("**/network/applications/")
    assert "Admitted" in page.content()
    page.click("header button[type=submit]")  # log out

    # 3. The public sees it in the directory and on the map.
    page.goto(f"{base}/en/members/")
    assert NAME in page.content()
    assert kabul_count(page) == before + 1
    page.click(f"text={NAME}")
    assert "Girls' education" in page.content()
    assert "nadia@example.org" not in page.content()

    # 4. The htmx filter swaps the results in place.
    page.goto(f"{base}/en/members/")
    page.select_option("#id_province", str(kabul.pk))
    page.wait_for_url(re.compile(rf".*province={kabul.pk}.*"))
    page.wait_for_selector("text=Balkh Schools Forum", state="detached")
    assert NAME in page.content()

    # 5. The same pages in Dari and Khmer.
    page.goto(f"{base}/fa/members/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert "باغ‌های مطالعه کابل" in page.content()
    screenshot("directory-fa")
    page.goto(f"{base}/km/members/")
    assert page.get_attribute("html", "lang") == "km"
    screenshot("directory-km")
    page.goto(f"{base}/fa/network/apply/")
    screenshot("apply-fa")
    page.goto(f"{base}/km/network/apply/")
    screenshot("apply-km")

    assert not [e for e in page.console_errors if "Content Security Policy" in e], (
        page.console_errors
    )
