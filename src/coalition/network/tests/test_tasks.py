"""The real task path: a decision queued in the database is sent by the worker command."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from coalition.network import services
from coalition.network.tests.factories import ApplicationFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
def test_worker_sends_queued_notifications(
    monkeypatch, settings, admin_user, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS  # django_tasks reloads its backends on this change
    # The worker closes "old" connections between tasks; inside the test's transaction
    # that would close the test's own connection. Django's test client disables the same
    # call for requests, for the same reason.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    from django_tasks_db.models import DBTaskResult

    application = ApplicationFactory(contact__email="queued@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # the decision is committed
        services.admit_organisation(application=application, actor=admin_user)
    assert mail.outbox == []  # nothing sent inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert [m.to for m in mail.outbox] == [["queued@example.org"]]
