"""Links that go on a QR code, checked before anything is drawn.

A QR code is a link nobody reads before following it, so only a plain web address is accepted:
http or https, a real host name, a valid port, nothing hidden (control or invisible characters,
spaces, a « user:password@ » part that makes « https://mabanque.fr@pirate.example » lead to
« pirate.example »). A host written in mixed alphabets (a Cyrillic « а » inside « pаypal.com »)
is refused: it is the usual look-alike trick, and a shop has no reason to print one; writing it
in punycode instead would print an address the merchant does not recognise and still lead to the
look-alike. A host wholly in one other alphabet (« пример.рф ») is encoded in its ASCII form.
Accented Latin names (« boulangerie-séverine.fr ») are French and are kept.

Each refusal is one plain French sentence (``LinkRefused.message``).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from lbpmv_desktop.core.errors import UserError

MAX_LINK = 300  # beyond this a QR code printed 6 cm wide is too dense for an old phone
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_COMMON_SCRIPTS = {"DIGIT", "HYPHEN-MINUS", "FULL", "LOW"}  # digits, « - », « . », « _ »


class LinkRefused(UserError):
    """A link that cannot go on a QR code, said in one French sentence."""


def _scripts(label: str) -> set[str]:
    """The alphabets a host label is written in (« LATIN », « CYRILLIC »…), digits and « - » aside."""
    found = set()
    for char in label:
        if char.isascii() and (char.isdigit() or char in "-_."):
            continue
        name = unicodedata.name(char, "UNKNOWN")
        found.add(name.split(" ")[0])
    return found - _COMMON_SCRIPTS


def _ascii_host(host: str) -> str:
    """The host's ASCII form (punycode for labels in another alphabet), checked label by label."""
    host = unicodedata.normalize("NFKC", host).lower().rstrip(".")
    if not host or "." not in host:
        raise LinkRefused(
            "Cette adresse n'a pas de nom de site complet : écrivez-la comme « lespetitspas.fr »."
        )
    labels = []
    for label in host.split("."):
        if not label.isascii():
            scripts = _scripts(label)
            if len(scripts) > 1 or "UNKNOWN" in scripts:
                raise LinkRefused(
                    "Le nom de ce site mélange plusieurs alphabets (une lettre russe qui ressemble "
                    "à une lettre française) : c'est la ruse des faux sites, recopiez l'adresse "
                    "depuis votre navigateur."
                )
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                raise LinkRefused("Le nom de ce site contient des caractères impossibles.") from None
        if not _LABEL.match(label):
            raise LinkRefused(
                "Le nom de ce site n'est pas valable : seuls les lettres, les chiffres, les points "
                "et les tirets y sont possibles."
            )
        labels.append(label)
    if labels[-1].isdigit():
        raise LinkRefused(
            "Écrivez le nom du site (comme « lespetitspas.fr ») plutôt qu'une adresse en chiffres."
        )
    return ".".join(labels)


def check_link(url: str) -> str:
    """The link to put on the QR code (``""`` when there is none).

    A bare « www.exemple.fr » gets « https:// »; the host is written in ASCII and characters
    outside ASCII in the rest of the link are percent-encoded.

    Raises:
        LinkRefused: the link cannot go on a QR code (the message says why, in French).
    """
    link = url.strip()
    if not link:
        return ""
    if len(link) > MAX_LINK:
        raise LinkRefused(
            f"Cette adresse est trop longue pour un QR code lisible ({len(link)} caractères, "
            f"{MAX_LINK} au plus) : utilisez une adresse plus courte de votre page."
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in link):
        raise LinkRefused(
            "Cette adresse contient un caractère invisible : copiez-la à nouveau depuis votre navigateur."
        )
    if any(c.isspace() for c in link):
        raise LinkRefused("Cette adresse contient des espaces : copiez-la à nouveau depuis votre navigateur.")
    if "\\" in link:
        raise LinkRefused("Cette adresse contient une barre « \\ » : une adresse internet utilise « / ».")
    scheme = _SCHEME.match(link)
    # « lespetitspas.fr » or « www.exemple.fr:8080 »: a web address written without https://
    if scheme is None or "." in scheme.group(1):
        link = "https://" + link
    try:
        parts = urlsplit(link)
    except ValueError:  # « https://[abc »
        raise LinkRefused(
            "Cette adresse est mal écrite : copiez-la à nouveau depuis votre navigateur."
        ) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise LinkRefused(
            "Seules les adresses de pages internet vont sur un QR code (elles commencent par https://)."
        )
    if not link[len(parts.scheme) :].startswith("://"):
        raise LinkRefused("Cette adresse est mal écrite : après « https: » il faut deux barres « // ».")
    if "@" in parts.netloc:
        raise LinkRefused(
            "Cette adresse contient un nom ou un mot de passe avant « @ » : retirez-le, il pourrait "
            "mener vers un autre site que celui affiché."
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 1 <= port <= 65535:
        raise LinkRefused("Le numéro après « : » dans cette adresse n'est pas valable (de 1 à 65535).")
    host = parts.hostname or ""
    if host.startswith("[") or _is_ip(host):
        raise LinkRefused(
            "Écrivez le nom du site (comme « lespetitspas.fr ») plutôt qu'une adresse en chiffres."
        )
    netloc = _ascii_host(host) + (f":{port}" if port is not None else "")
    safe = "/?#[]@!$&'()*+,;=:%-._~"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(re.fullmatch(r"[0-9.]+", host))  # « 1.2.3 » and other numeric forms
    return True


def display_link(link: str) -> str:
    """How a checked link is written under its QR code: without « https:// » and a last « / »;
    accented Latin names shown as typed, other alphabets in their ASCII (punycode) form."""
    if not link:
        return ""
    parts = urlsplit(link)
    labels = []
    for label in (parts.hostname or "").split("."):
        if label.startswith("xn--"):
            try:
                decoded = label[4:].encode("ascii").decode("punycode")
            except UnicodeError:
                decoded = label
            label = decoded if _scripts(decoded) <= {"LATIN"} else label
        labels.append(label)
    host = ".".join(labels) + (f":{parts.port}" if parts.port is not None else "")
    rest = unquote(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in rest):
        rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    shown = host + rest
    return shown.removesuffix("/")
