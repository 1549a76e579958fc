"""QR codes for authenticator enrolment, as inline SVG (no image request, no JS)."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    buffer = io.StringIO()
    segno.make(text, error="m").save(buffer, kind="svg", xmldecl=False, svgns=True, scale=4,
                                     omitsize=True)
    return mark_safe(buffer.getvalue())  # noqa: S308 - segno writes only path data
