"""国密 field protection: SM4-GCM encryption at rest and an SM3-HMAC blind index.

Stored ciphertext format (ASCII, fits a TextField)::

    sm4g1$<key id>$<base64url(nonce[12] || ciphertext || tag[16])>

The key id makes rotation possible: any listed key decrypts, the active key encrypts, and
``zhengwu rotate_keys`` rewrites old values. The blind index is HMAC-SM3 over the *normalised*
plaintext with a separate key, so equal values can be looked up without decrypting
(docs/security.md).
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PREFIX = "sm4g1"
NONCE_BYTES = 12
TAG_BYTES = 16
SM4_KEY_BYTES = 16
KEY_ID_RE = re.compile(r"[A-Za-z0-9]+")


class DecryptionError(Exception):
    """The stored value cannot be decrypted with any configured key."""


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]
    active_id: str
    index_key: bytes

    @property
    def active_key(self) -> bytes:
        return self.keys[self.active_id]


def _parse_key(key_id: str, value: str, *, length: int, exact: bool) -> bytes:
    try:
        raw = bytes.fromhex(value.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"Key {key_id!r} is not hexadecimal.") from exc
    if exact and len(raw) != length:
        # A longer SM4 key used to be cut to 16 bytes silently: the operator believed they had
        # configured more key material than was in use. SM4 keys are exactly 128 bits.
        raise ImproperlyConfigured(
            f"Key {key_id!r} must be exactly {length} bytes ({2 * length} hex characters)."
        )
    if len(raw) < length:
        raise ImproperlyConfigured(f"Key {key_id!r} must be at least {length} bytes.")
    return raw


def build_keyring(keys: dict[str, str], active_id: str, index_key: str) -> KeyRing:
    if not keys:
        raise ImproperlyConfigured("ZHENGWU_SM4_KEYS is empty: personal data cannot be stored.")
    if active_id not in keys:
        raise ImproperlyConfigured("ZHENGWU_SM4_ACTIVE_KEY_ID must name a key in ZHENGWU_SM4_KEYS.")
    if not index_key:
        raise ImproperlyConfigured("ZHENGWU_BLIND_INDEX_KEY is empty.")
    for key_id in keys:
        # ASCII only: the id is written into every stored value and separated by "$".
        if not KEY_ID_RE.fullmatch(key_id):
            raise ImproperlyConfigured(f"Key id {key_id!r} must be ASCII letters and digits only.")
    return KeyRing(
        keys={kid: _parse_key(kid, v, length=SM4_KEY_BYTES, exact=True) for kid, v in keys.items()},
        active_id=active_id,
        index_key=_parse_key("blind-index", index_key, length=16, exact=False),
    )


@lru_cache(maxsize=8)
def _cached_keyring(keys: tuple[tuple[str, str], ...], active_id: str, index_key: str) -> KeyRing:
    return build_keyring(dict(keys), active_id, index_key)


def keyring() -> KeyRing:
    """The key ring from settings (read at call time so tests can override settings)."""
    return _cached_keyring(
        tuple(sorted(settings.ZHENGWU_SM4_KEYS.items())),
        settings.ZHENGWU_SM4_ACTIVE_KEY_ID,
        settings.ZHENGWU_BLIND_INDEX_KEY,
    )


ModeT = TypeVar("ModeT", bound=modes.Mode)


def sm4_cipher(key: bytes, mode: ModeT) -> Cipher[ModeT]:
    """The SM4 block cipher (GB/T 32907-2016) in ``mode``: the one primitive all encryption uses."""
    return Cipher(algorithms.SM4(key), mode)


def encrypt(plaintext: str, *, ring: KeyRing | None = None) -> str:
    ring = ring or keyring()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = sm4_cipher(ring.active_key, modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    token = base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode("ascii")
    return f"{PREFIX}${ring.active_id}${token}"


def key_id_of(stored: str) -> str:
    parts = stored.split("$", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not an SM4 field value")
    return parts[1]


def decrypt(stored: str, *, ring: KeyRing | None = None) -> str:
    ring = ring or keyring()
    key_id = key_id_of(stored)
    key = ring.keys.get(key_id)
    if key is None:
        raise DecryptionError(f"key {key_id!r} is not configured")
    try:
        raw = base64.urlsafe_b64decode(stored.split("$", 2)[2].encode("ascii"))
    except (UnicodeEncodeError, binascii.Error) as exc:
        # A damaged value must fail like any other undecryptable value, not with a ValueError.
        raise DecryptionError("ciphertext is not valid base64") from exc
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("ciphertext too short")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = sm4_cipher(key, modes.GCM(nonce, tag)).decryptor()
    try:
        plain = decryptor.update(body) + decryptor.finalize()
    except InvalidTag as exc:
        raise DecryptionError("authentication tag mismatch (tampered or wrong key)") from exc
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError as exc:  # pragma: no cover - only reachable with a forged tag
        raise DecryptionError("plaintext is not UTF-8") from exc


def is_ciphertext(value: str, *, ring: KeyRing | None = None) -> bool:
    """True when ``value`` is a stored value that decrypts with a configured key."""
    if not value.startswith(PREFIX + "$"):
        return False
    try:
        decrypt(value, ring=ring)
    except DecryptionError:
        return False
    return True


def normalise_for_index(value: str) -> str:
    """The form that is indexed: NFKC (full-width digits become ASCII digits), trimmed, upper-case."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def blind_index(value: str, *, purpose: str, ring: KeyRing | None = None) -> str:
    """Keyed SM3 digest of a normalised value; ``purpose`` separates e.g. phones from IDs."""
    if "\x00" in purpose:
        raise ValueError("purpose must not contain NUL (it separates purpose from value)")
    ring = ring or keyring()
    mac = hmac.HMAC(ring.index_key, hashes.SM3())
    mac.update(purpose.encode("ascii") + b"\x00" + normalise_for_index(value).encode("utf-8"))
    return mac.finalize().hex()


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()
