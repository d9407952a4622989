"""Poster templates and the description of one poster, checked before anything is drawn."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from urllib.parse import urlsplit

from lbpmv_desktop.core.errors import UserError

PAPER_MM = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
MARGIN_MM = 12.0  # home printers leave 3 to 6 mm blank: keep everything well inside
MAX_LINK = 300


class PosterRefused(UserError):
    """Something in the poster cannot be used, said in plain French."""


@dataclass(frozen=True)
class Template:
    """A poster design.

    Attributes:
        name: the identifier (tutorials, command line).
        headline: the big words at the top.
        message: the default message under the shop's name.
        qr_hint: the words beside the QR code.
        background, ink: the page's colours (contrast checked by the tests).
        band, band_ink: the headline band's colours.
    """

    name: str
    label: str
    headline: str
    message: str
    qr_hint: str
    background: str
    ink: str
    band: str
    band_ink: str


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("click-collect", "Click & Collect", "Commandez, venez chercher",
                 "Commandez par téléphone ou en ligne, votre commande vous attend en boutique.",
                 "Scannez pour commander", "#ffffff", "#1d2b36", "#0b6e4f", "#ffffff"),
        Template("reseaux-sociaux", "Retrouvez-nous sur Facebook / Instagram", "Suivez-nous !",
                 "Nouveautés, promotions et coulisses de la boutique : retrouvez-nous en ligne.",
                 "Scannez pour nous suivre", "#ffffff", "#1d2b36", "#1f5fa8", "#ffffff"),
        Template("horaires", "Nos horaires", "Nos horaires",
                 "Nous sommes heureux de vous accueillir.", "Scannez pour nos infos", "#fffdf5", "#1d2b36", "#1d2b36", "#ffffff"),
        Template("nouveautes", "Nouveautés", "Nouveautés",
                 "Venez découvrir les nouveautés de la saison en boutique.", "Scannez pour les voir",
                 "#ffffff", "#1d2b36", "#7a1f5c", "#ffffff"),
        Template("soldes", "Soldes / promotion", "Soldes",
                 "Profitez de nos prix doux pendant quelques jours seulement.", "Scannez pour en savoir plus",
                 "#ffffff", "#1d2b36", "#a1261d", "#ffffff"),
        Template("commande-telephone", "Commandez par téléphone ou WhatsApp", "Commandez à distance",
                 "Appelez-nous ou envoyez un message WhatsApp : nous préparons votre commande.",
                 "Scannez pour nous écrire", "#ffffff", "#1d2b36", "#0b6e4f", "#ffffff"),
    )
}  # fmt: skip


def check_link(url: str) -> str:
    """A link for the QR code: http or https, a real host, a sensible length."""
    link = url.strip()
    if not link:
        return ""
    if len(link) > MAX_LINK:
        raise PosterRefused(
            f"Cette adresse est trop longue pour un QR code lisible ({len(link)} caractères, {MAX_LINK} au plus)."
        )
    if any(c.isspace() for c in link):
        raise PosterRefused(
            "Cette adresse contient des espaces : copiez-la à nouveau depuis votre navigateur."
        )
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link):  # « lespetitspas.fr » : a web address without https
        link = "https://" + link
    parts = urlsplit(link)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "." not in parts.hostname
        or parts.username is not None
        or parts.password is not None
    ):
        raise PosterRefused(
            "Seules les adresses de pages internet sont acceptées (elles commencent par https://)."
        )
    return link


@dataclass(frozen=True)
class Poster:
    """Everything a poster shows."""

    template: str = "click-collect"
    shop: str = ""
    phone: str = ""
    hours: str = ""
    address: str = ""
    message: str = ""
    url: str = ""
    photo: str = ""
    logo: str = ""
    size: str = "a4"
    landscape: bool = False

    @property
    def design(self) -> Template:
        return TEMPLATES[self.template]

    @property
    def paper_mm(self) -> tuple[float, float]:
        width, height = PAPER_MM[self.size]
        return (height, width) if self.landscape else (width, height)

    def checked(self) -> Poster:
        """The same poster with its link normalised; refused when something cannot be used."""
        if self.template not in TEMPLATES:
            raise PosterRefused(
                f"Modèle d'affiche inconnu « {self.template} » (possibles : {', '.join(TEMPLATES)})."
            )
        if self.size not in PAPER_MM:
            raise PosterRefused("Le format d'affiche est A4 ou A3.")
        if not self.shop.strip():
            raise PosterRefused("Écrivez le nom de votre commerce.")
        for name, value, limit in (("nom", self.shop, 120), ("téléphone", self.phone, 40), ("horaires", self.hours, 400),
                                   ("adresse", self.address, 160), ("message", self.message, 700)):  # fmt: skip
            if len(value) > limit:
                raise PosterRefused(
                    f"Le champ « {name} » est trop long ({len(value)} caractères, {limit} au plus)."
                )
        return replace(self, url=check_link(self.url))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Poster:
        data = json.loads(text)
        known = {
            k: v
            for k, v in data.items()
            if k in cls.__dataclass_fields__ and isinstance(v, type(getattr(cls(), k)))
        }
        return cls(**known)


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours (AA asks 4.5 for text)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def qr_modules(link: str) -> list[list[bool]]:
    """The QR code's dark modules for ``link`` (medium error correction), without quiet zone."""
    import segno

    code = segno.make(link, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix]
