"""Digest nonces: signed timestamps, checked once per process and then remembered."""

import time

from django.core import signing

from coalition.accounts import device_auth


class SignedLongAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - device_auth.NONCE_MAX_AGE - 60)


def test_a_fresh_nonce_is_ok_and_stays_ok_while_remembered():
    nonce = device_auth.new_nonce()
    assert device_auth.nonce_state(nonce) == "ok"
    assert nonce in device_auth._GENUINE
    assert device_auth.nonce_state(nonce) == "ok"


def test_an_old_genuine_nonce_is_stale():
    nonce = SignedLongAgo(salt=device_auth.NONCE_SALT).sign("0123456789abcdef")
    assert device_auth.nonce_state(nonce) == "stale"


def test_a_remembered_nonce_goes_stale_when_its_hour_is_over(monkeypatch):
    nonce = device_auth.new_nonce()
    assert device_auth.nonce_state(nonce) == "ok"
    later = time.time() + device_auth.NONCE_MAX_AGE + 5
    monkeypatch.setattr(device_auth.time, "time", lambda: later)
    assert device_auth.nonce_state(nonce) == "stale"


def test_forged_nonces_are_bad_and_not_remembered():
    nonce = device_auth.new_nonce()
    value, stamp, signature = nonce.split(":")
    for forged in (
        f"{value}:{stamp}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{value}:{signing.b62_encode(int(time.time()) + 10**6)}:{signature}",
        "no-signature-at-all",
        "",
    ):
        assert device_auth.nonce_state(forged) == "bad"
        assert forged not in device_auth._GENUINE
    # A nonce signed with another salt (say, a password-reset token) is not a nonce.
    other = signing.TimestampSigner(salt="something else").sign("0123456789abcdef")
    assert device_auth.nonce_state(other) == "bad"
