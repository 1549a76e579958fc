"""Background work of the member network: notification e-mails.

Sending mail can be slow or fail; it runs in the task worker so that admitting a member
never waits on the mail server. Tasks take ids, not objects, and read fresh rows.
"""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from coalition.accounts.models import SECRETARIAT_ROLES, User
from coalition.core.mail import absolute_url, send_templated_mail


@task()
def notify_application_received(application_id: int) -> None:
    from coalition.network.models import MembershipApplication

    application = MembershipApplication.objects.select_related("organisation", "contact").get(
        pk=application_id
    )
    if application.contact.email:
        send_templated_mail(
            to=[application.contact.email],
            template="network/email/application_received",
            context={"application": application},
            language=application.language,
        )
    reviewers = User.objects.filter(
        is_active=True, role_assignments__role__in=list(SECRETARIAT_ROLES)
    ).distinct()
    for reviewer in reviewers:
        with translation.override(reviewer.preferred_language):
            link = absolute_url(reverse("network:application", args=[application.pk]))
        send_templated_mail(
            to=[reviewer.email],
            template="network/email/application_to_review",
            context={"application": application, "link": link},
            language=reviewer.preferred_language,
        )


@task()
def notify_application_decision(application_id: int) -> None:
    from coalition.network.models import MembershipApplication

    application = MembershipApplication.objects.select_related(
        "organisation", "contact", "contact__user"
    ).get(pk=application_id)
    if not application.contact.email:
        return
    context = {"application": application, "set_password_link": ""}
    user = application.contact.user
    if application.status == "admitted" and user and not user.has_usable_password():
        with translation.override(application.language):
            path = reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        context["set_password_link"] = absolute_url(path)
    send_templated_mail(
        to=[application.contact.email],
        template=f"network/email/application_{application.status}",
        context=context,
        language=application.language,
    )
