"""E-mail in the recipient's language, rendered from templates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return settings.COALITION_BASE_URL.rstrip("/") + path


def send_templated_mail(*, to: list[str], template: str, context: dict, language: str) -> int:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
