"""Who and where: the audit log's actor comes from the service (acting_as) or, for other
changes during a request, from the request; one receiver does it, connected once."""

import pytest
from auditlog.models import LogEntry
from django.db.models.signals import pre_save
from django.urls import reverse

from coalition.collect.models import Form
from coalition.core.audit import acting_as

pytestmark = pytest.mark.django_db


def last_entry(obj):
    return LogEntry.objects.get_for_object(obj).order_by("-pk").first()


def test_a_service_names_its_actor_outside_any_request(school_visit, admin_user):
    form = school_visit.form
    with acting_as(admin_user):
        form.title = "Renamed"
        form.save()
    entry = last_entry(form)
    assert (entry.actor, entry.remote_addr) == (admin_user, None)


def test_nobody_means_nobody_and_the_outer_actor_comes_back(school_visit, admin_user):
    form = school_visit.form
    with acting_as(admin_user):
        with acting_as(None):
            form.title = "By a command"
            form.save()
        assert last_entry(form).actor is None
        form.title = "By the admin"
        form.save()
    assert last_entry(form).actor == admin_user


def test_a_request_gives_its_user_and_address(school_visit, as_user, staff_user):
    response = as_user(staff_user).post(
        reverse("collect:form", args=["school_visit"]),
        {"audience": "all_members", "analysis_requires_approval": "on"},  # closes the form
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    entry = last_entry(Form.objects.get(form_id="school_visit"))
    assert entry.changes_dict["is_open"] == ["True", "False"]
    assert (entry.actor, entry.remote_addr) == (staff_user, "203.0.113.7")


def test_requests_leave_the_signal_receivers_alone(client, school_visit):
    # auditlog's middleware connected and disconnected a receiver per request, which
    # empties Django's receiver caches; ours is connected once.
    pre_save._live_receivers(Form)  # the cache Django fills the first time it sends
    assert Form in pre_save.sender_receivers_cache
    client.get("/en/")
    client.get("/collect/formList")
    assert Form in pre_save.sender_receivers_cache  # a (dis)connect would have emptied it


def test_changes_outside_services_are_the_logged_in_users(school_visit, admin_user, rf):
    # Such as the Django admin: no acting_as, so the request's user is the actor.
    from django.http import HttpResponse

    from coalition.core.audit import AuditMiddleware

    form = school_visit.form

    def view(request):
        form.title = "Edited in the admin"
        form.save()
        return HttpResponse()

    request = rf.post("/django-admin/", REMOTE_ADDR="198.51.100.4")
    request.user = admin_user
    AuditMiddleware(view)(request)
    entry = last_entry(form)
    assert (entry.actor, entry.remote_addr) == (admin_user, "198.51.100.4")
