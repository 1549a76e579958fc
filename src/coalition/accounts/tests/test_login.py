import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts.models import Role
from coalition.accounts.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOGIN = "/en/accounts/login/"


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=6):06d}"


def test_member_logs_in_with_email_in_any_case(focal_point):
    client = Client()
    response = log_in(client, "FOCAL@Example.org")
    assert response.status_code == 302
    assert client.get("/en/workspace/").status_code == 200


def test_wrong_password_says_so_without_revealing_which(focal_point):
    response = log_in(Client(), "focal@example.org", "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_login_is_throttled_after_five_failures(focal_point):
    client = Client()
    for _ in range(5):
        log_in(client, "focal@example.org", "wrong")
    locked = log_in(client, "focal@example.org")  # even the right password
    assert locked.status_code == 429 or b"Too many attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_secretariat_must_enrol_a_second_factor(db):
    user = grant(UserFactory(email="newstaff@example.org"), Role.SECRETARIAT_STAFF)
    client = Client()
    log_in(client, user.email)
    response = client.get("/en/network/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/mfa/setup/")

    page = client.get(response["Location"])
    assert b"<svg" in page.content  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    bad = client.post(response["Location"], {"token": "000000"})
    assert bad.status_code == 200 and bad.context["form"].errors
    # Right after a wrong code even the right one is refused: guessing is throttled.
    throttled = client.post(response["Location"], {"token": current_code(device)})
    assert throttled.status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    ok = client.post(response["Location"], {"token": current_code(device)})
    assert ok.status_code == 302 and ok["Location"] == "/en/network/applications/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/network/applications/").status_code == 200


def test_enrolled_secretariat_must_verify_each_login(admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client = Client()
    log_in(client, admin_user.email)
    response = client.get("/en/workspace/")
    assert response["Location"].startswith("/en/accounts/mfa/verify/")
    assert client.post("/en/accounts/mfa/verify/", {"token": "12"}).status_code == 200
    assert client.get("/en/workspace/").status_code == 302  # a malformed code counts for nothing
    client.post("/en/accounts/mfa/verify/?next=/en/workspace/", {"token": current_code(device)})
    assert client.get("/en/workspace/").status_code == 200


def test_api_refuses_secretariat_session_without_second_factor(admin_user, hidden_org):
    client = Client()
    log_in(client, admin_user.email)
    response = client.get(f"/api/v1/organisations/{hidden_org.slug}/")
    assert response.status_code == 403
    assert hidden_org.name_en not in response.content.decode()


def test_members_need_no_second_factor(focal_point):
    client = Client()
    log_in(client, focal_point.email)
    assert client.get("/en/workspace/").status_code == 200


def test_logout_needs_post(focal_point):
    client = Client()
    log_in(client, focal_point.email)
    assert client.get("/en/accounts/logout/").status_code == 405
    client.post("/en/accounts/logout/")
    assert client.get("/en/workspace/").status_code == 302


def test_password_reset_also_reaches_accounts_without_a_password(db):
    user = UserFactory(email="invited@example.org")
    user.set_unusable_password()
    user.save()
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "Invited@example.org"})
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    response = client.post(
        form_url,
        {"new_password1": "a fresh passphrase 42", "new_password2": "a fresh passphrase 42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a fresh passphrase 42")


def test_unknown_email_gets_the_same_answer_and_no_mail(db):
    response = Client().post(reverse("accounts:password_reset"), {"email": "no@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
