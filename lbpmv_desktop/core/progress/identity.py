"""The shop's signing key: created at first start, kept in the data folder, never shared.

Its public half travels in every progress file; the animator trusts it once, by comparing a
short verification code read on both screens.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import UnsafeFile, read_regular, write_bytes_atomic

if TYPE_CHECKING:
    from pathlib import Path

# Crockford's base 32: no I, L, O or U, so the code reads aloud without confusion.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


MAX_KEY_BYTES = 16 * 1024  # a PEM Ed25519 key is 119 bytes


class ShopKeyError(UserError):
    """The shop's key file is unreadable: files cannot be signed until it is replaced."""

    def __init__(self) -> None:
        super().__init__(
            "La clé qui signe les fichiers de ce commerce est abîmée : le partage avec l'animateur est "
            "en pause. Votre progression n'est pas touchée ; votre animateur vous aidera à créer une nouvelle clé."
        )


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The shop's private key, created (readable by this user only) on first use."""
    if path.exists() or path.is_symlink():
        try:
            key = serialization.load_pem_private_key(read_regular(path, MAX_KEY_BYTES), password=None)
        except (UnsafeFile, ValueError, TypeError) as error:
            raise ShopKeyError from error
        if not isinstance(key, Ed25519PrivateKey):
            raise ShopKeyError
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_bytes_atomic(path, pem, private=True)  # readable by this account only
    return key


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    return base64.b64encode(public_bytes(key)).decode("ascii")


def verification_code(public_key: bytes) -> str:
    """Eight characters (« 7KQ2-M9XD ») derived from the public key, to compare by eye."""
    digest = int.from_bytes(hashlib.sha256(b"lbpmv-shop-key|" + public_key).digest()[:5], "big")
    chars = "".join(_ALPHABET[(digest >> (5 * i)) & 31] for i in range(7, -1, -1))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(text: str) -> str:
    """Accept what a person types: lower case, spaces, O for 0, I or L for 1."""
    cleaned = (
        text.upper().replace(" ", "").replace("-", "").replace("O", "0").replace("I", "1").replace("L", "1")
    )
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == 8 else cleaned
