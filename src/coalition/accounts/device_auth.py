"""HTTP Digest and Basic authentication for data-collection devices (OpenRosa).

ODK Collect first sends a request without credentials, receives 401 with the challenges
below, and repeats it with an Authorization header. Digest (RFC 7616 with MD5, qop=auth)
works over plain HTTP without revealing the secret; Basic is accepted only over HTTPS.
Secrets never travel in URLs, which end up in logs.

Nonces are signed timestamps, so no server state is needed; they expire after an hour and
the device is told "stale" to retry with a fresh one.
"""

import hashlib
import hmac
import re
import secrets
import time
from base64 import b64decode
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coalition.accounts.models import AppToken, RoleAssignment, User
from coalition.accounts.roles import remember_assignments
from coalition.core.db import prepared_cursor

REALM = "Coalition"
NONCE_SALT = "coalition.openrosa.digest"
NONCE_MAX_AGE = 3600


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def ha1(email: str, token: str) -> str:
    return md5_hex(f"{email}:{REALM}:{token}")


def new_token() -> str:
    """Twenty random bytes, written so it can be typed into a phone: groups of letters."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(24))
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


def new_nonce() -> str:
    return signing.TimestampSigner(salt=NONCE_SALT).sign(secrets.token_hex(8))


def nonce_state(nonce: str) -> str:
    """'ok', 'stale' (expired but genuine) or 'bad'."""
    stale_at = _GENUINE.get(nonce)
    if stale_at is None:
        signer = signing.TimestampSigner(salt=NONCE_SALT)
        try:
            signer.unsign(nonce)
        except signing.BadSignature:
            return "bad"
        # Genuine: its signed timestamp can be read. A phone sends the same nonce with
        # every request for an hour, so the signature is checked once per process.
        stale_at = signing.b62_decode(nonce.rsplit(signer.sep, 2)[1]) + NONCE_MAX_AGE
        if len(_GENUINE) > 10_000:  # many devices: start afresh rather than grow
            _GENUINE.clear()
        _GENUINE[nonce] = stale_at
    return "ok" if time.time() <= stale_at else "stale"


_GENUINE: dict[str, float] = {}  # nonce → when it goes stale


def digest_challenge(*, stale: bool = False) -> str:
    digest = f'Digest realm="{REALM}", qop="auth", nonce="{new_nonce()}", algorithm=MD5'
    return digest + ", stale=true" if stale else digest


_PARAM = re.compile(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))')


def parse_digest(value: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _PARAM.finditer(value)
    }


class DeviceAuthResult:
    def __init__(self, user: User | None = None, stale: bool = False):
        self.user = user
        self.stale = stale


@dataclass
class _Candidate:
    """A live device password and its owner, as the authentication needs them."""

    pk: int
    digest_ha1: str
    last_used_at: datetime | None
    user: User


def _tokens_matching(email: str) -> list[_Candidate]:
    """The live device passwords of an active user with this e-mail.

    Every request from a phone runs this, so it is one plain SQL statement: through the
    ORM the same query cost about twenty times as much (found with bench/ingest.py). The
    user comes back with id, email and is_active, other fields loading on first use, and
    with their role assignments, which the submission asks for next: one round trip
    less."""
    quote = connection.ops.quote_name
    # Only the models' own table names are put into the text; values are parameters.
    sql = (
        "SELECT t.id, t.digest_ha1, t.last_used_at, u.id, u.email, u.is_active, "  # noqa: S608
        "r.id, r.role, r.organisation_id "
        f"FROM {quote(AppToken._meta.db_table)} t "
        f"JOIN {quote(User._meta.db_table)} u ON u.id = t.user_id "
        f"LEFT JOIN {quote(RoleAssignment._meta.db_table)} r ON r.user_id = u.id "
        "WHERE u.email = %s AND u.is_active = %s AND t.revoked_at IS NULL "
        "ORDER BY t.id"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [email.lower(), True])
        rows = cursor.fetchall()
    candidates = []
    for _token_id, token_rows in groupby(rows, key=itemgetter(0)):
        token_rows = list(token_rows)
        pk, digest, used, *user = token_rows[0][:6]
        candidate = _Candidate(
            pk=pk,
            digest_ha1=digest,
            last_used_at=_aware(used),
            user=User.from_db(connection.alias, ["id", "email", "is_active"], user),
        )
        remember_assignments(candidate.user, [row[6:] for row in token_rows if row[6]])
        candidates.append(candidate)
    return candidates


def _aware(value) -> datetime | None:
    # PostgreSQL answers with aware datetimes; SQLite with naive UTC ones, or text.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def _touch(token: _Candidate) -> User:
    # "Last used" to the hour is enough to spot a lost phone, and spares a database write
    # on every request (writes serialise on SQLite).
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(hours=1):
        AppToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def authenticate(request) -> DeviceAuthResult:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "digest":
        return _digest(request, parse_digest(value))
    if scheme.lower() == "basic" and request.is_secure():
        try:
            email, _, password = b64decode(value).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return DeviceAuthResult()
        for token in _tokens_matching(email):
            if hmac.compare_digest(token.digest_ha1, ha1(token.user.email, password)):
                return DeviceAuthResult(_touch(token))
    return DeviceAuthResult()


def _digest(request, params: dict[str, str]) -> DeviceAuthResult:
    required = ("username", "realm", "nonce", "uri", "response")
    if any(not params.get(k) for k in required) or params["realm"] != REALM:
        return DeviceAuthResult()
    state = nonce_state(params["nonce"])
    if state == "bad":
        return DeviceAuthResult()
    if params["uri"] != request.get_full_path() and params["uri"] != request.path:
        return DeviceAuthResult()
    ha2 = md5_hex(f"{request.method}:{params['uri']}")
    username = params["username"].lower()
    if request.method == "HEAD":
        token = _answering(_recently_verified(username), params, ha2)
        if token is not None:
            return (
                DeviceAuthResult(stale=True) if state == "stale" else DeviceAuthResult(token.user)
            )
    token = _answering(_tokens_matching(username), params, ha2)
    if token is None:
        return DeviceAuthResult()
    if state == "stale":
        return DeviceAuthResult(stale=True)
    if len(_RECENT) > 10_000:  # many devices: start afresh rather than grow
        _RECENT.clear()
    _RECENT[username] = (time.monotonic(), token)
    return DeviceAuthResult(_touch(token))


def _answering(tokens, params: dict[str, str], ha2: str) -> _Candidate | None:
    """The token whose password produced this Digest response, if any."""
    for token in tokens:
        if params.get("qop") == "auth":
            expected = md5_hex(
                f"{token.digest_ha1}:{params['nonce']}:{params.get('nc', '')}:"
                f"{params.get('cnonce', '')}:auth:{ha2}"
            )
        else:
            expected = md5_hex(f"{token.digest_ha1}:{params['nonce']}:{ha2}")
        if hmac.compare_digest(expected, params["response"]):
            return token
    return None


# ODK Collect sends a HEAD before its submissions. A HEAD writes nothing and reveals
# nothing, so it may be answered from a password this process verified in the last
# minute instead of a database lookup; every other request, and every POST, checks the
# database, so a removed device password stops submissions at once.
RECENT_SECONDS = 60
_RECENT: dict[str, tuple[float, _Candidate]] = {}


def _recently_verified(username: str) -> list[_Candidate]:
    seen = _RECENT.get(username)
    if seen is None or time.monotonic() - seen[0] > RECENT_SECONDS:
        return []
    return [seen[1]]
