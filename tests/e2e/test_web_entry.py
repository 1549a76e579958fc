"""Web entry end to end: a member fills a form in Chromium with ODK Web Forms, the engine
applies the form's skip logic and constraint, and the submission arrives in the review
queue; then a stranger fills the same form through its public link.

The site runs under gunicorn in its own process (tests/live_server.py), with its own
database, so this test needs no transactional database of its own."""

import json
import re

import pytest

from tests.live_server import LiveCoalition

pytestmark = pytest.mark.e2e

# Published on the live site: one constraint and one relevant, as Collect would apply them.
PUBLISH = """
import json
from coalition.accounts.models import User
from coalition.collect.services import publish_form, update_form_settings
from coalition.collect.tests.factories import xlsform_bytes

staff = User.objects.get(email="staff@live.test")
survey = [
    ["type", "name", "label::English (en)", "label::Dari (fa)", "required", "constraint",
     "constraint_message::English (en)", "relevant"],
    ["text", "school", "School name", "نام مکتب", "yes", "", "", ""],
    ["integer", "girls", "Girls enrolled", "شاگردان دختر", "yes", ". >= 0 and . < 5000",
     "Between 0 and 4999", ""],
    ["select_one yn", "has_water", "Drinking water?", "آب آشامیدنی؟", "yes", "", "", ""],
    ["text", "water_source", "Where does the water come from?", "منبع آب", "", "", "",
     "${has_water} = 'yes'"],
]
choices = [
    ["list_name", "name", "label::English (en)", "label::Dari (fa)"],
    ["yn", "yes", "Yes", "بلی"],
    ["yn", "no", "No", "نخیر"],
]
settings = [["form_id", "form_title", "version"], ["web_visit", "Web visit", "1"]]
version = publish_form(content=xlsform_bytes(survey, choices, settings),
                       filename="web_visit.xlsx", actor=staff)
update_form_settings(form=version.form, changes={"audience": "public_link"}, actor=staff)
version.form.refresh_from_db()
print(version.form.public_token)
"""

STORED = """
import json
from coalition.collect.models import Submission
print(json.dumps([
    {"data": s.data, "by": s.submitted_by.email if s.submitted_by else None,
     "organisation": s.organisation.name_en if s.organisation else None, "state": s.state,
     "instance": s.instance_id}
    for s in Submission.objects.filter(form__form_id="web_visit").order_by("pk")
]))
"""


def question(page, label):
    exact = page.locator("label", has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator(".question-container", has=exact)


def type_into(page, label, text):
    # Web Forms commits a typed answer on key events, as a person types it.
    box = question(page, label).locator("input").first
    box.click()
    box.select_text()
    box.press("Delete")
    box.press_sequentially(text)
    box.press("Tab")


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector(".form-initialization-status.ready", state="attached", timeout=60000)


def stored(site):
    return json.loads(site.query(STORED).strip().splitlines()[-1])


@pytest.fixture(scope="module")
def site():
    with LiveCoalition(workers=2) as live:
        live.public_token = live.query(PUBLISH).strip().splitlines()[-1]
        yield live


def test_a_member_fills_a_form_in_the_browser_and_it_arrives(site, page, screenshot):
    page.goto(f"{site.url}/en/accounts/login/")
    page.fill("#id_username", site.email)
    page.fill("#id_password", site.password)
    page.click("form.panel button[type=submit]")
    page.wait_for_url("**/workspace/")

    open_form(page, f"{site.url}/en/forms/web_visit/fill/")
    # Skip logic: the water source is asked only after "Yes".
    assert question(page, "Where does the water come from?").count() == 0
    page.get_by_label("Yes", exact=True).check()
    question(page, "Where does the water come from?").locator("input").fill("Well")
    page.get_by_label("School name").fill("Malalai Girls School")

    # The constraint holds the form back: nothing leaves the browser.
    type_into(page, "Girls enrolled", "9000")
    page.get_by_role("button", name="Send").click()
    assert question(page, "Girls enrolled").get_by_text("Between 0 and 4999").is_visible()
    screenshot("web-entry-constraint")
    assert stored(site) == []

    type_into(page, "Girls enrolled", "120")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("#webform-status[data-state=sent]")
    assert "the submission was received" in page.locator("#webform-status").inner_text()
    # A fresh, empty form for the next school.
    assert page.get_by_label("School name").input_value() == ""

    [arrived] = stored(site)
    assert arrived["data"]["school"] == "Malalai Girls School"
    assert arrived["data"]["girls"] == 120
    assert arrived["data"]["has_water"] == "yes" and arrived["data"]["water_source"] == "Well"
    assert arrived["by"] == site.email and arrived["organisation"] == "Live Test Org"
    assert arrived["state"] == "received"

    # ...and it waits in the review queue.
    page.goto(f"{site.url}/en/forms/web_visit/submissions/")
    row = page.locator("tbody tr", has_text=arrived["instance"])
    assert "Received" in row.inner_text() and "Live Test Org" in row.inner_text()
    assert not page.console_errors, page.console_errors


def test_anyone_with_the_public_link_fills_it_in_dari(site, page, screenshot):
    # A new browser context: nobody is logged in.
    before = len(stored(site))

    open_form(page, f"{site.url}/fa/f/{site.public_token}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert question(page, "نام مکتب").count() == 1  # the form opens in the page's language
    page.get_by_label("نام مکتب").fill("مکتب عمومی")
    type_into(page, "شاگردان دختر", "75")
    page.get_by_label("نخیر", exact=True).check()
    screenshot("web-entry-public-fa")
    page.get_by_role("button", name=re.compile("Send|ارسال")).click()
    page.wait_for_selector("#webform-status[data-state=sent]")

    submissions = stored(site)
    assert len(submissions) == before + 1
    public = submissions[-1]
    assert public["by"] is None and public["organisation"] is None
    assert public["data"]["school"] == "مکتب عمومی" and public["data"]["girls"] == 75
    assert public["data"].get("water_source") is None  # not relevant: not sent
    assert not page.console_errors, page.console_errors
