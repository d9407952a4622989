"""Poster templates and the description of one poster, checked before anything is drawn."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.poster import links

LIMITS = {"shop": 120, "phone": 40, "hours": 400, "address": 160, "message": 700}
PAPER_MM = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
MARGIN_MM = 12.0  # home printers leave 3 to 6 mm blank: keep everything well inside
MAX_LINK = links.MAX_LINK


class PosterRefused(UserError):
    """Something in the poster cannot be used, said in plain French.

    Args:
        message: the French sentence.
        field: the field to correct (« shop », « url »…), or "".
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


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
    """The link for the QR code, checked (see ``core.poster.links``); refused as a ``PosterRefused``
    of the « url » field."""
    try:
        return links.check_link(url)
    except links.LinkRefused as refusal:
        raise PosterRefused(refusal.message, field="url") from None


@dataclass(frozen=True)
class Theme:
    """A colour theme: every text pair has at least 4.5:1 contrast (checked by the tests).

    Attributes:
        name: the identifier (saved with the poster); label: its French name.
        background, ink: the page and its text; band, band_ink: the headline band and its text.
    """

    name: str
    label: str
    background: str
    ink: str
    band: str
    band_ink: str


TEMPLATE_COLOURS = "modele"
THEMES: dict[str, Theme] = {
    t.name: t
    for t in (
        Theme(TEMPLATE_COLOURS, "Couleurs du modèle", "", "", "", ""),
        Theme("jaune-bleu", "Jaune et bleu nuit", "#ffd23f", "#14213d", "#14213d", "#ffd23f"),
        Theme("blanc-vert", "Blanc et vert", "#ffffff", "#1d2b36", "#0b6e4f", "#ffffff"),
        Theme("noir-blanc", "Noir et blanc", "#111111", "#ffffff", "#ffffff", "#111111"),
        Theme("bleu-jaune", "Bleu nuit et jaune", "#14213d", "#ffffff", "#ffd23f", "#14213d"),
        Theme("blanc-rouge", "Blanc et rouge", "#ffffff", "#1d2b36", "#a1261d", "#ffffff"),
    )
}  # fmt: skip


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
    theme: str = TEMPLATE_COLOURS

    @property
    def design(self) -> Template:
        return TEMPLATES[self.template]

    @property
    def colours(self) -> Theme:
        """The colours the poster is drawn with: its theme's, or its template's."""
        theme = THEMES.get(self.theme, THEMES[TEMPLATE_COLOURS])
        if theme.name != TEMPLATE_COLOURS:
            return theme
        design = self.design
        return replace(theme, background=design.background, ink=design.ink, band=design.band,
                       band_ink=design.band_ink)  # fmt: skip

    @property
    def paper_mm(self) -> tuple[float, float]:
        width, height = PAPER_MM[self.size]
        return (height, width) if self.landscape else (width, height)

    def checked(self) -> Poster:
        """The same poster with its texts cleaned and its link normalised; refused when something cannot be used."""
        if self.template not in TEMPLATES:
            raise PosterRefused(
                f"Modèle d'affiche inconnu « {self.template} » (possibles : {', '.join(TEMPLATES)})."
            )
        if self.size not in PAPER_MM:
            raise PosterRefused("Le format d'affiche est A4 ou A3.")
        if self.theme not in THEMES:
            raise PosterRefused(f"Couleurs d'affiche inconnues « {self.theme} ».")
        if not self.shop.strip():
            raise PosterRefused("Écrivez le nom de votre commerce.", field="shop")
        for field, name, value in (("shop", "nom", self.shop), ("phone", "téléphone", self.phone),
                                   ("hours", "horaires", self.hours), ("address", "adresse", self.address),
                                   ("message", "message", self.message)):  # fmt: skip
            limit = LIMITS[field]
            if len(value) > limit:
                raise PosterRefused(
                    f"Le champ « {name} » est trop long ({len(value)} caractères, {limit} au plus).",
                    field=field,
                )
        # Invisible commands (bidirectional overrides, control characters) never reach the paper.
        return replace(
            self,
            shop=clean_text(self.shop),
            phone=clean_text(self.phone),
            hours=clean_text(self.hours, multiline=True),
            address=clean_text(self.address, multiline=True),
            message=clean_text(self.message, multiline=True),
            url=check_link(self.url),
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Poster:
        """A poster from its JSON; unknown keys and values of the wrong type are left out."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: object) -> Poster:
        if not isinstance(data, dict):
            return cls()
        default = cls()
        known = {
            k: v
            for k, v in data.items()
            if k in cls.__dataclass_fields__ and type(v) is type(getattr(default, k))
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
