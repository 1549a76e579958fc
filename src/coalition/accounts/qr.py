"""QR codes for authenticator enrolment, as inline SVG (no image request, no JS)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    return mark_safe(segno.make(text, error="m").svg_inline(scale=4, omitsize=True))  # noqa: S308 - segno writes only path data
