from __future__ import annotations

import base64

from django.core.exceptions import ImproperlyConfigured

import pytest
from cryptography.hazmat.primitives.ciphers import modes
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengwu.core import crypto
from zhengwu.core.crypto import DecryptionError, build_keyring

KEY_A = "0123456789abcdeffedcba9876543210"
KEY_B = "00000000000000000000000000000001"
INDEX_KEY = "a1a2a3a4a5a6a7a8a9aaabacadaeafb0"

RING_A = build_keyring({"a": KEY_A}, "a", INDEX_KEY)
# Rotated: "b" is now active, "a" is kept only to read old values.
RING_AB = build_keyring({"a": KEY_A, "b": KEY_B}, "b", INDEX_KEY)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


# --- standard vectors --------------------------------------------------------------------------


def test_sm4_block_vector_gb_t_32907():
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    # ECB on one block is how the standard states its vector; nothing here encrypts data.
    encryptor = crypto.sm4_cipher(key, modes.ECB()).encryptor()  # noqa: S305
    block = encryptor.update(key) + encryptor.finalize()
    assert block.hex() == "681edf34d206965e86b3e94f536e4246"


def test_sm4_gcm_vector_rfc_8998():
    key = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
    nonce = bytes.fromhex("00001234567800000000ABCD")
    aad = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    plaintext = bytes.fromhex(
        "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
        "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"
    )
    encryptor = crypto.sm4_cipher(key, modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    assert ciphertext.hex().upper() == (
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
    )
    assert encryptor.tag.hex().upper() == "83DE3541E4C2B58177E065A9BF7B62EC"


def test_sm3_vectors():
    assert crypto.sm3_hex(b"abc") == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )
    assert crypto.sm3_hex(b"abcd" * 16) == (
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    )


def test_stored_format_is_stable(monkeypatch):
    """The at-rest format (prefix, key id, base64url of nonce || ciphertext || tag) is pinned."""
    monkeypatch.setattr(crypto.os, "urandom", lambda n: bytes(range(n)))
    stored = crypto.encrypt("13812345678", ring=RING_A)
    prefix, key_id, token = stored.split("$")
    assert (prefix, key_id) == ("sm4g1", "a")
    raw = base64.urlsafe_b64decode(token)
    assert raw[:12] == bytes(range(12))
    assert len(raw) == 12 + len("13812345678") + 16
    assert crypto.decrypt(stored, ring=RING_A) == "13812345678"


# --- round trips, rotation, tampering ----------------------------------------------------------


@given(plaintext=text)
@settings(max_examples=200)
def test_round_trip_any_unicode_text(plaintext):
    stored = crypto.encrypt(plaintext, ring=RING_A)
    assert stored.isascii()
    assert crypto.decrypt(stored, ring=RING_A) == plaintext


def test_same_plaintext_encrypts_differently_each_time():
    assert crypto.encrypt("13812345678", ring=RING_A) != crypto.encrypt("13812345678", ring=RING_A)


def test_active_key_encrypts_and_old_key_still_decrypts():
    old = crypto.encrypt("320282199001011234", ring=RING_A)
    new = crypto.encrypt("320282199001011234", ring=RING_AB)
    assert crypto.key_id_of(old) == "a"
    assert crypto.key_id_of(new) == "b"
    assert crypto.decrypt(old, ring=RING_AB) == "320282199001011234"
    assert crypto.decrypt(new, ring=RING_AB) == "320282199001011234"


def test_removed_key_cannot_decrypt():
    stored = crypto.encrypt("x", ring=RING_AB)
    with pytest.raises(DecryptionError, match="not configured"):
        crypto.decrypt(stored, ring=RING_A)


def test_wrong_key_under_the_same_id_is_detected():
    stored = crypto.encrypt("13812345678", ring=RING_A)
    impostor = build_keyring({"a": KEY_B}, "a", INDEX_KEY)
    with pytest.raises(DecryptionError):
        crypto.decrypt(stored, ring=impostor)


@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
@settings(max_examples=100)
def test_flipping_any_bit_is_detected(position, bit):
    stored = crypto.encrypt("320282199001011234", ring=RING_A)
    prefix, key_id, token = stored.split("$")
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[position % len(raw)] ^= 1 << bit
    forged = f"{prefix}${key_id}${base64.urlsafe_b64encode(bytes(raw)).decode()}"
    with pytest.raises(DecryptionError):
        crypto.decrypt(forged, ring=RING_A)


@pytest.mark.parametrize(
    "stored",
    [
        "13812345678",  # plaintext
        "sm4g1$a",  # no body
        "sm4g1$a$AAAA",  # too short
        "sm4g1$a$not base64!!",
        "sm4g1$a$密文",  # non-ASCII body
        "sm4g2$a$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # unknown format version
    ],
)
def test_damaged_values_raise_decryption_error(stored):
    with pytest.raises(DecryptionError):
        crypto.decrypt(stored, ring=RING_A)


def test_is_ciphertext():
    assert crypto.is_ciphertext(crypto.encrypt("x", ring=RING_A), ring=RING_A)
    assert not crypto.is_ciphertext("sm4g1$a$AAAA", ring=RING_A)
    assert not crypto.is_ciphertext("13812345678", ring=RING_A)


def test_settings_keyring_is_used_by_default(settings):
    settings.ZHENGWU_SM4_KEYS = {"k9": KEY_B}
    settings.ZHENGWU_SM4_ACTIVE_KEY_ID = "k9"
    stored = crypto.encrypt("hello")
    assert crypto.key_id_of(stored) == "k9"
    assert crypto.decrypt(stored) == "hello"


# --- key configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "active", "index_key", "message"),
    [
        ({}, "a", INDEX_KEY, "empty"),
        ({"a": KEY_A}, "b", INDEX_KEY, "must name a key"),
        ({"a": KEY_A}, "a", "", "BLIND_INDEX_KEY is empty"),
        ({"a": "xyz"}, "a", INDEX_KEY, "not hexadecimal"),
        ({"a": KEY_A[:30]}, "a", INDEX_KEY, "exactly 16 bytes"),
        ({"a": KEY_A + "00"}, "a", INDEX_KEY, "exactly 16 bytes"),
        ({"a-1": KEY_A}, "a-1", INDEX_KEY, "letters and digits"),
        ({"密钥": KEY_A}, "密钥", INDEX_KEY, "letters and digits"),
        ({"a": KEY_A}, "a", "abcd", "at least 16 bytes"),
    ],
)
def test_bad_key_configuration_is_refused(keys, active, index_key, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        build_keyring(keys, active, index_key)


def test_longer_blind_index_key_is_allowed():
    ring = build_keyring({"a": KEY_A}, "a", INDEX_KEY * 2)
    assert len(ring.index_key) == 32


# --- blind index -------------------------------------------------------------------------------


def test_blind_index_is_stable_and_hex():
    first = crypto.blind_index("13812345678", purpose="phone", ring=RING_A)
    assert first == crypto.blind_index("13812345678", purpose="phone", ring=RING_A)
    assert len(first) == 64
    assert int(first, 16) >= 0


def test_blind_index_is_keyed():
    other = build_keyring({"a": KEY_A}, "a", "b" * 32)
    assert crypto.blind_index("13812345678", purpose="phone", ring=RING_A) != crypto.blind_index(
        "13812345678", purpose="phone", ring=other
    )


def test_blind_index_does_not_depend_on_the_encryption_keys():
    """Rotating SM4 keys must not change look-ups."""
    assert crypto.blind_index("x", purpose="p", ring=RING_A) == crypto.blind_index(
        "x", purpose="p", ring=RING_AB
    )


def test_blind_index_is_purpose_separated():
    assert crypto.blind_index("13812345678", purpose="phone", ring=RING_A) != crypto.blind_index(
        "13812345678", purpose="id_number", ring=RING_A
    )


def test_blind_index_purpose_cannot_contain_the_separator():
    with pytest.raises(ValueError, match="NUL"):
        crypto.blind_index("x", purpose="a\x00b", ring=RING_A)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    "variant",
    ["32028219900101123x", " 32028219900101123X ", fullwidth("32028219900101123X")],
)
def test_blind_index_is_normalised(variant):
    canonical = crypto.blind_index("32028219900101123X", purpose="id_number", ring=RING_A)
    assert crypto.blind_index(variant, purpose="id_number", ring=RING_A) == canonical
