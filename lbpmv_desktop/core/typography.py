"""French typography for posters and photo labels: the spaces a line must never break at.

Qt's line breaking (Unicode's) never breaks at a no-break space, so the text is prepared once
before layout: « 19 h », « 24,90 € », « 03 80 12 34 56 », « 62400 Béthune » stay on one line.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space: between a number and its unit, inside a phone number
NNBSP = "\u202f"  # narrow no-break space: before « ; ! ? » and inside « guillemets »

_SPACES = "[ \t\u00a0\u202f\u2009]"  # spaces the merchant may have typed (or pasted) between tokens
_UNITS = (
    r"h|heures?|min|mn|s|€|\$|£|%|‰|°C?|°|kg|g|mg|km|m|cm|mm|l|L|cl|dl|ml|m²|m2|m³|ans?|mois|jours?|"
    r"HT|TTC|euros?|EUR|pièces?|pcs?|pers\.?|personnes?|places?|ex\."
)
_STREET = (
    r"rue|avenue|av\.|bd|boulevard|place|pl\.|chemin|route|rte|allée|impasse|quai|cours|"
    r"square|passage|faubourg|fbg|parvis|esplanade|résidence|bis|ter"
)

# (pattern, replacement) in order; each joins the two sides of one space.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # 9 h, 24,90 €, 50 %, 3 kg, 12 ans; « 9 h 30 »: the minutes stay with the hour.
    (re.compile(rf"(\d){_SPACES}+(?=(?:{_UNITS})(?![\w]))"), rf"\1{NBSP}"),
    (re.compile(rf"(\d{NBSP}h){_SPACES}+(?=\d)"), rf"\1{NBSP}"),
    # 24,90 € TTC, 10 € HT
    (re.compile(rf"([€$£%]){_SPACES}+(?=(?:HT|TTC)\b)"), rf"\1{NBSP}"),
    # € 5, $ 10 (a currency before its amount)
    (re.compile(rf"([€$£]){_SPACES}+(?=\d)"), rf"\1{NBSP}"),
    # Phone numbers and numbers in groups: 03 80 12 34 56, +33 3 80 12 34 56, +33 (0)3 80…, 1 200
    (re.compile(rf"(?<=[\d)]){_SPACES}+(?=[\d(])"), NBSP),
    (re.compile(rf"(\+\d{{1,3}}){_SPACES}+(?=[\d(])"), rf"\1{NBSP}"),
    # n° 12, N° 3, tél. 03…, Tél : 03…
    (re.compile(rf"(\b[nN]°|\b[tT]él\.?(?:{_SPACES}*:)?){_SPACES}+(?=[\d+(])"), rf"\1{NBSP}"),
    # 12 rue de la Paix, 3 bis; 62400 Béthune (a postcode and its town)
    (re.compile(rf"(\b\d{{1,4}}){_SPACES}+(?=(?:{_STREET})\b)", re.IGNORECASE), rf"\1{NBSP}"),
    (re.compile(rf"(\b\d{{5}}){_SPACES}+(?=[A-ZÀ-ÖØ-Þ])"), rf"\1{NBSP}"),
    # A dash between two times or prices stays with what comes before it: « 9 h – 19 h »
    (re.compile(rf"(?<=\S){_SPACES}+(?=[–—-](?:{_SPACES}|$))"), NBSP),
    # ... and a line never ends on a spaced dash either: « 24,90 € — « Soldes » »
    (re.compile(rf"((?:^|(?<={_SPACES}))[–—-]){_SPACES}+(?=\S)"), rf"\1{NBSP}"),
    # French punctuation never starts a line: « Bonjour ! », « Horaires : », « « Soldes » »
    (re.compile(rf"(?<=\S){_SPACES}+(?=[;!?»])"), NNBSP),
    (re.compile(rf"(?<=\S){_SPACES}+(?=:)"), NBSP),
    (re.compile(rf"«{_SPACES}+(?=\S)"), f"«{NNBSP}"),
)


def keep_together(text: str) -> str:
    """``text`` with no-break spaces wherever a line break would split what belongs together.

    Only the spaces the merchant wrote change; line breaks and every other character stay.
    """
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in _RULES:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)
