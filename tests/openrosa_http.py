"""An OpenRosa client over real HTTP (for a server in another process): Digest
authentication as ODK Collect does it, HEAD then multipart POST."""

import http.client
import uuid
from urllib.parse import urlsplit

from coalition.collect.tests.odk_client import digest_answer, parse_challenge


class OpenRosaHTTP:
    def __init__(self, base_url: str, email: str, token: str, timeout: float = 30):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.email, self.token, self.timeout = email, token, timeout
        self.challenge: dict | None = None
        self.nc = 0

    def _authorization(self, method: str, path: str) -> str:
        self.nc += 1
        return digest_answer(self.challenge, self.email, self.token, method, path, self.nc)

    def _send(self, method: str, path: str, body: bytes = b"", headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            all_headers = dict(headers or {})
            if self.challenge:
                all_headers["Authorization"] = self._authorization(method, path)
            connection.request(method, path, body=body or None, headers=all_headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        status, response_headers, content = self._send(method, path, body, headers)
        if status == 401:
            self.challenge = parse_challenge(response_headers.get("WWW-Authenticate", ""))
            status, response_headers, content = self._send(method, path, body, headers)
        return status, content

    def submit(self, xml: bytes, path: str = "/collect/submission") -> int:
        status, _ = self.request("HEAD", path)
        if status != 204:
            return status
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file";'
            f' filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode()
        body += xml + f"\r\n--{boundary}--\r\n".encode()
        status, _ = self.request(
            "POST",
            path,
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        return status
