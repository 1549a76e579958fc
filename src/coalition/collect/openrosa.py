"""The OpenRosa protocol: what ODK Collect, KoboCollect and Enketo speak.

Form list (OpenRosa Form List API), form download, and submissions (OpenRosa Form
Submission API): a HEAD request first, then a multipart POST with the XML as
`xml_submission_file` and any attachments, possibly split over several POSTs marked
`*isIncomplete*`. Submission XML comes from devices and the internet: it is parsed with
no entity expansion, no DTD and no network access, and any DOCTYPE is refused outright.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date
from lxml import etree

from coalition.collect.xlsform import safe_parser

OPENROSA_VERSION = "1.0"
OR_NS = "http://openrosa.org/xforms/xformsList"
RESPONSE_NS = "http://openrosa.org/http/response"
MAX_SUBMISSION_BYTES = 10 * 1024 * 1024
MAX_XML_BYTES = 2 * 1024 * 1024


class SubmissionError(Exception):
    """Bad submission; `status` is the HTTP answer, the message is shown on the device."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class ParsedSubmission:
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str
    root: etree._Element
    xml: bytes


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_submission(xml: bytes) -> ParsedSubmission:
    if len(xml) > MAX_XML_BYTES:
        raise SubmissionError("The submission XML is too large.", 413)
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise SubmissionError("Submissions may not contain a DOCTYPE or entities.")
    try:
        root = etree.fromstring(xml, parser=safe_parser())
    except etree.XMLSyntaxError as error:
        raise SubmissionError(f"The submission is not well-formed XML ({error.msg}).") from error
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SubmissionError("Submissions may not contain a DOCTYPE or entities.")
    form_id = root.get("id") or ""
    if not form_id:
        raise SubmissionError("The submission does not say which form it belongs to (id).")
    meta = next((el for el in root if _local(el.tag) == "meta"), None)
    fields = {}
    if meta is not None:
        fields = {_local(el.tag): (el.text or "").strip() for el in meta}
    instance_id = fields.get("instanceID", "")
    if not instance_id:
        raise SubmissionError("The submission has no meta/instanceID.")
    if len(instance_id) > 100:
        raise SubmissionError("The instanceID is too long.")
    return ParsedSubmission(
        form_id=form_id,
        version=root.get("version") or "",
        instance_id=instance_id,
        deprecated_id=fields.get("deprecatedID", "")[:100],
        root=root,
        xml=xml,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def openrosa_headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = OPENROSA_VERSION
    response["X-OpenRosa-Accept-Content-Length"] = str(MAX_SUBMISSION_BYTES)
    response["Date"] = http_date(timezone.now().timestamp())
    return response


def openrosa_response(message: str, status: int, nature: str = "") -> HttpResponse:
    root = etree.Element(f"{{{RESPONSE_NS}}}OpenRosaResponse", nsmap={None: RESPONSE_NS})
    element = etree.SubElement(root, f"{{{RESPONSE_NS}}}message")
    if nature:
        element.set("nature", nature)
    element.text = message
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return openrosa_headers(
        HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    )


def form_list(forms, *, download_url, manifest_url=None) -> HttpResponse:
    """The xformsList document for these (form, version) pairs."""
    root = etree.Element(f"{{{OR_NS}}}xforms", nsmap={None: OR_NS})
    for form, version in forms:
        item = etree.SubElement(root, f"{{{OR_NS}}}xform")
        for name, value in (
            ("formID", form.form_id),
            ("name", form.title),
            ("version", version.version),
            ("hash", f"md5:{version.xform_md5}"),
            ("downloadUrl", download_url(form)),
        ):
            etree.SubElement(item, f"{{{OR_NS}}}{name}").text = value
        if manifest_url is not None:
            url = manifest_url(form, version)
            if url:
                etree.SubElement(item, f"{{{OR_NS}}}manifestUrl").text = url
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return openrosa_headers(HttpResponse(body, content_type="text/xml; charset=utf-8"))


MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"


def manifest(items, *, download_url) -> HttpResponse:
    """The xformsManifest document: the media files a form version needs."""
    root = etree.Element(f"{{{MANIFEST_NS}}}manifest", nsmap={None: MANIFEST_NS})
    for item in items:
        entry = etree.SubElement(root, f"{{{MANIFEST_NS}}}mediaFile")
        etree.SubElement(entry, f"{{{MANIFEST_NS}}}filename").text = item.name
        etree.SubElement(entry, f"{{{MANIFEST_NS}}}hash").text = f"md5:{item.md5}"
        etree.SubElement(entry, f"{{{MANIFEST_NS}}}downloadUrl").text = download_url(item)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return openrosa_headers(HttpResponse(body, content_type="text/xml; charset=utf-8"))
