"""A test client that talks to the server exactly as ODK Collect does: unauthenticated
request, 401 Digest challenge, the same request again with a Digest answer; HEAD before a
multipart POST of xml_submission_file and attachments."""

import hashlib
import re
import uuid

from django.test import Client
from lxml import etree

from coalition.collect.xlsform import HTML, XF


def md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def parse_challenge(header: str) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="([^"]*)"', header))


def digest_answer(params: dict, email: str, token: str, method: str, path: str, nc: int) -> str:
    """The Authorization header answering a Digest challenge (qop=auth), as Collect does."""
    count, cnonce = f"{nc:08x}", uuid.uuid4().hex[:16]
    ha1 = md5(f"{email}:{params['realm']}:{token}")
    ha2 = md5(f"{method}:{path}")
    response = md5(f"{ha1}:{params['nonce']}:{count}:{cnonce}:auth:{ha2}")
    return (
        f'Digest username="{email}", realm="{params["realm"]}", '
        f'nonce="{params["nonce"]}", uri="{path}", qop=auth, nc={count}, '
        f'cnonce="{cnonce}", response="{response}", algorithm=MD5'
    )


class CollectClient:
    def __init__(self, email: str | None = None, token: str | None = None):
        self.client = Client()
        self.email, self.token = email, token
        self.nc = 0

    def _digest(self, method: str, path: str, challenge: str) -> str:
        self.nc += 1
        return digest_answer(
            parse_challenge(challenge), self.email, self.token, method, path, self.nc
        )

    def request(self, method: str, path: str, **kwargs):
        send = getattr(self.client, method.lower())
        first = send(path, **kwargs)
        if first.status_code != 401 or self.email is None:
            return first
        authorization = self._digest(method.upper(), path, first["WWW-Authenticate"])
        if "data" in kwargs and hasattr(kwargs["data"], "get"):
            for f in kwargs["data"].values():
                if hasattr(f, "seek"):
                    f.seek(0)
        return send(path, HTTP_AUTHORIZATION=authorization, **kwargs)

    def form_list(self):
        return self.request("GET", "/collect/formList")

    def submit(self, xml: bytes, attachments=(), incomplete=False):
        """HEAD, then the multipart POST, like Collect. Returns the POST's response."""
        import io

        head = self.request("HEAD", "/collect/submission")
        if head.status_code != 204:
            return head
        data = {"xml_submission_file": _named(io.BytesIO(xml), "submission.xml")}
        for name, content in attachments:
            data[name] = _named(io.BytesIO(content), name)
        if incomplete:
            data["*isIncomplete*"] = "yes"
        return self.request("POST", "/collect/submission", data=data)


def _named(buffer, name):
    buffer.name = name
    return buffer


def fill(
    xform: str, values: dict[str, str], *, instance_id: str | None = None, deprecated_id: str = ""
) -> bytes:
    """A submission for `xform`: its primary instance with `values` (path → text) filled
    in and a fresh instanceID, as a device would send it."""
    root = etree.fromstring(xform.encode())
    instance = next(iter(root.find(f"{HTML}head/{XF}model/{XF}instance")))
    data = etree.fromstring(etree.tostring(instance))
    ns = etree.QName(data).namespace
    # Devices send repeat instances, never the jr:template the form carries.
    for template in data.xpath(
        "//*[@jr:template]", namespaces={"jr": "http://openrosa.org/javarosa"}
    ):
        template.getparent().remove(template)

    def find(path):
        node = data
        for part in path.split("/"):
            node = node.find(f"{{{ns}}}{part}" if ns else part)
        return node

    for path, text in values.items():
        find(path).text = text
    meta = find("meta")
    instance_node = find("meta/instanceID")
    instance_node.text = instance_id or f"uuid:{uuid.uuid4()}"
    if deprecated_id:
        dep = etree.SubElement(meta, f"{{{ns}}}deprecatedID" if ns else "deprecatedID")
        dep.text = deprecated_id
    return etree.tostring(data, xml_declaration=True, encoding="UTF-8")
