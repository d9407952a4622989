"""Posters: every template to a one-page PDF of the right size, readable text, a QR code that a
real decoder reads back, contrast, no overflow, and refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from lbpmv_desktop.core.poster.model import (
    MARGIN_MM,
    TEMPLATES,
    THEMES,
    Poster,
    PosterRefused,
    check_link,
    contrast_ratio,
)
from tests.helpers.cli import lbpmv

LINK = "https://lespetitspas.fr/commander?ref=vitrine"
POINTS = {"a4": (595.3, 841.9), "a3": (841.9, 1190.6)}


def _render(poster: Poster, tmp_path: Path, name: str = "affiche.pdf") -> Path:
    from lbpmv_desktop.ui.poster.render import load_pictures, write_pdf

    checked = poster.checked()
    target = tmp_path / name
    write_pdf(checked, load_pictures(checked), target)
    return target


def _page_image(pdf: Path, dpi: int = 150) -> Image.Image:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    size = document.pagePointSize(0)
    image = document.render(0, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
    buffer = image.convertToFormat(image.Format.Format_RGB888)
    result = (
        Image.frombytes(
            "RGB",
            (buffer.width(), buffer.height()),
            bytes(buffer.constBits())[: buffer.width() * buffer.height() * 3],
        )
        if buffer.bytesPerLine() == buffer.width() * 3
        else None
    )
    if result is None:
        raw = io.BytesIO()
        from PySide6.QtCore import QBuffer, QIODevice

        qbuffer = QBuffer()
        qbuffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(qbuffer, "PNG")
        raw.write(bytes(qbuffer.data()))
        raw.seek(0)
        result = Image.open(raw).convert("RGB")
    document.close()
    return result


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize(("size", "landscape"), [("a4", False), ("a3", True)])
def test_every_template_is_one_page_of_the_right_size_with_text(
    qapp, tmp_path: Path, template: str, size: str, landscape: bool
) -> None:
    poster = Poster(template=template, shop="Les Petits Pas", phone="03 21 00 00 00", hours="Mardi au samedi 9 h – 19 h",
                    url=LINK, size=size, landscape=landscape)  # fmt: skip
    reader = PdfReader(_render(poster, tmp_path))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = POINTS[size]
    if landscape:
        width, height = height, width
    assert abs(float(box.width) - width) < 2
    assert abs(float(box.height) - height) < 2
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Petits Pas" in text
    assert "03 21 00 00 00" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"
        ].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), "fonts are embedded"


@pytest.mark.parametrize(
    ("template", "link", "expected", "size", "landscape"),
    [
        ("click-collect", LINK, LINK, "a4", False),
        ("soldes", LINK, LINK, "a4", False),
        ("nouveautes", "boulangerie-séverine.fr", "https://xn--boulangerie-sverine-nzb.fr", "a4", False),
        (
            "horaires",
            "https://lespetitspas.fr/" + "a" * 275,
            "https://lespetitspas.fr/" + "a" * 275,
            "a4",
            False,
        ),
        ("soldes", LINK, LINK, "a3", True),
    ],
)
def test_the_qr_code_reads_back_the_exact_link(
    qapp, tmp_path: Path, template: str, link: str, expected: str, size: str, landscape: bool
) -> None:
    import zxingcpp

    poster = Poster(template=template, shop="Chez Paul", url=link, size=size, landscape=landscape,
                    theme="noir-blanc" if landscape else "modele")  # fmt: skip
    image = _page_image(_render(poster, tmp_path), dpi=100)
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode] == [expected]


def test_the_qr_code_is_at_least_six_centimetres_on_a4_and_in_proportion_on_a3() -> None:
    from lbpmv_desktop.ui.poster.render import qr_side_mm

    assert qr_side_mm(Poster(url=LINK)) >= 60
    assert qr_side_mm(Poster(url=LINK, size="a3")) >= 60 * 297 / 210
    assert qr_side_mm(Poster(url=LINK, size="a3", landscape=True)) >= 60 * 297 / 210


def test_text_meets_wcag_aa_contrast() -> None:
    for template in TEMPLATES.values():
        assert contrast_ratio(template.ink, template.background) >= 4.5, template.name
        assert contrast_ratio(template.band_ink, template.band) >= 4.5, template.name
    for theme in THEMES:
        for template in TEMPLATES:
            colours = Poster(template=template, theme=theme).colours
            assert contrast_ratio(colours.ink, colours.background) >= 4.5, (theme, template)
            assert contrast_ratio(colours.band_ink, colours.band) >= 4.5, (theme, template)


def test_long_names_and_messages_stay_inside_the_margins(qapp, tmp_path: Path) -> None:
    from lbpmv_desktop.ui.poster.render import Pictures, preview

    poster = Poster(
        template="nouveautes",
        shop="La Très Grande Maison de la Chaussure et de la Maroquinerie Artisanale du Centre-Ville",
        message="Venez découvrir " * 40,
        hours="Lundi : fermé. Mardi à vendredi : 9 h 30 – 12 h 30 et 14 h – 19 h. Samedi : 9 h – 19 h. " * 3,
        address="12 rue de la République, 62400 Béthune",
        phone="03 21 00 00 00",
        url=LINK,
    ).checked()
    image = preview(poster, Pictures(), 1050)
    k = image.width() / 210
    margin = int((MARGIN_MM - 2) * k)
    background = image.pixelColor(2, 2)
    for x in range(0, image.width(), 3):
        for y in (*range(0, margin, 3), *range(image.height() - margin, image.height(), 3)):
            assert image.pixelColor(x, y) == background, (x, y)
    for y in range(0, image.height(), 3):
        for x in (*range(0, margin, 3), *range(image.width() - margin, image.width(), 3)):
            assert image.pixelColor(x, y) == background, (x, y)


@pytest.mark.parametrize(
    "link",
    [
        "ftp://exemple.fr/fichier",
        "javascript:alert(1)",
        "https://exemple.fr/" + "a" * 400,
        "https://exemple .fr",
        "mailto:a@b.fr",
        "https://localhost",
    ],
)
def test_bad_links_are_refused(link: str) -> None:
    with pytest.raises(PosterRefused):
        check_link(link)


def test_links_are_normalised() -> None:
    assert check_link("lespetitspas.fr") == "https://lespetitspas.fr"
    assert check_link("") == ""


def test_command_line_refusals_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "affiche.pdf"
    bad_link = lbpmv(
        "poster",
        "--template",
        "soldes",
        "--shop",
        "Chez Paul",
        "--phone",
        "03",
        "--url",
        "ftp://x.fr",
        "--out",
        str(out),
    )
    assert bad_link.returncode == 1
    assert len(bad_link.stderr.strip().splitlines()) == 1
    fake = tmp_path / "photo.jpg"
    fake.write_text("pas une photo", encoding="utf-8")
    bad_photo = lbpmv(
        "poster",
        "--template",
        "soldes",
        "--shop",
        "Chez Paul",
        "--phone",
        "03",
        "--photo",
        str(fake),
        "--out",
        str(out),
    )
    assert bad_photo.returncode == 1
    assert "photo" in bad_photo.stderr.lower()
    assert not out.exists()
    assert lbpmv("poster", "--template", "inconnu", "--shop", "A", "--out", str(out)).returncode == 1
    assert lbpmv("poster", "--shop", "A").returncode == 2
    listing = lbpmv("poster", "--list")
    assert "click-collect" in listing.stdout


def test_command_line_writes_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "affiche.pdf"
    photo = Path(__file__).resolve().parents[2] / "resources" / "samples" / "tasse-de-cafe.jpg"
    result = lbpmv("poster", "--template", "click-collect", "--shop", "Les Petits Pas", "--phone", "03 21 00 00 00",
                    "--url", LINK, "--photo", str(photo), "--size", "a3", "--landscape", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert abs(float(reader.pages[0].mediabox.width) - POINTS["a3"][1]) < 2


# -- a poster that fills its page, at any text length ---------------------------------------------------
SHORT = {"shop": "Chez Paul", "message": "-30 % sur tout le magasin"}
TYPICAL = {"shop": "Les Petits Pas", "phone": "03 21 00 00 00", "hours": "Du mardi au samedi, de 9 h 30 à 19 h",
           "url": "https://lespetitspas.fr/commander"}  # fmt: skip
LONG = {
    "shop": "La Très Grande Maison de la Chaussure et de la Maroquinerie Artisanale du Centre-Ville",
    "message": (
        "Venez découvrir notre nouvelle collection de chaussons en cuir souple, fabriqués à la main dans "
        "notre atelier, pour les bébés de 0 à 3 ans, à partir de 24,90 € la paire ; livraison offerte dès "
        "50 € d'achat, emballage cadeau sur demande et conseils personnalisés en boutique, du mardi au samedi !"
    ),
    "hours": "Lundi : fermé. Mardi à vendredi : 9 h 30 – 12 h 30 et 14 h – 19 h. Samedi : 9 h – 19 h.",
    "address": "12 rue de la République, 62400 Béthune",
    "phone": "+33 3 21 00 00 00",
    "url": "https://www.lespetitspas.fr/boutique/chaussons-bebe?ref=vitrine",
}
LONGEST = {**LONG, "message": ("Chaussons bébé 24,90 € — « Soldes » œuvre d’art. " * 14)[:700],
           "hours": ("Mardi à samedi : 9 h 30 – 12 h 30 et 14 h – 19 h. " * 8)[:400], "address": "Z" * 160}  # fmt: skip
FILLINGS = {"short": SHORT, "typical": TYPICAL, "long": LONG, "longest": LONGEST}
PAGES = [("a4", False), ("a3", False), ("a4", True), ("a3", True)]


def _pil(image) -> Image.Image:  # a QImage
    image = image.convertToFormat(image.Format.Format_RGBA8888)
    data = bytes(image.constBits())[: image.width() * image.height() * 4]
    return Image.frombytes("RGBA", (image.width(), image.height()), data).convert("RGB")


def _ink_rows(image: Image.Image) -> list[bool]:
    """For each row of the picture: is anything drawn there (other than the page's colour)?"""
    from PIL import ImageChops

    background = Image.new("RGB", image.size, image.getpixel((2, 2)))
    mask = ImageChops.difference(image, background).convert("L").point(lambda v: 255 if v > 20 else 0)
    return [mask.crop((0, y, image.width, y + 1)).getbbox() is not None for y in range(image.height)]


def _photo() -> str:
    return str(Path(__file__).resolve().parents[2] / "resources" / "samples" / "tasse-de-cafe.jpg")


@pytest.mark.parametrize("filling", sorted(FILLINGS))
@pytest.mark.parametrize(("size", "landscape"), PAGES)
@pytest.mark.parametrize("photo", [False, True])
def test_the_page_is_full_and_nothing_overflows(
    qapp, filling: str, size: str, landscape: bool, photo: bool
) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from lbpmv_desktop.ui.fonts import register_fonts
    from lbpmv_desktop.ui.poster.render import UNIT, _cut, _Fitter, _font, layout, load_pictures, preview

    poster = Poster(template="soldes", size=size, landscape=landscape, photo=_photo() if photo else "",
                    **FILLINGS[filling]).checked()  # fmt: skip
    pictures = load_pictures(poster)
    page = layout(poster, pictures)
    scale = min(page.width, page.height) / 210
    margin = MARGIN_MM * scale
    inner = QRectF(
        margin - 0.01, margin - 0.01, page.width - 2 * margin + 0.02, page.height - 2 * margin + 0.02
    )
    boxes = [(t.role, QRectF(t.x, t.y, t.w, t.h)) for t in page.texts]
    boxes += [(name, rect) for name, rect in (("qr", page.qr), ("photo", page.photo)) if rect is not None]
    for role, rect in boxes:
        assert inner.contains(rect), f"{role} is inside the margins"
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            overlap = a.intersected(b)
            assert overlap.width() < 0.05 or overlap.height() < 0.05, f"{first} and {second} overlap"
    family = register_fonts()
    for text in page.texts:  # what is drawn fits its box, at a legible size
        font = _font(text.size, text.bold, family)
        flags = _Fitter.flags(text.align, text.anywhere)
        shown = _cut(text.text, font, text.w * UNIT, text.h * UNIT, flags)
        bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, text.w * UNIT, 1e9), flags, shown)
        assert bounds.height() / UNIT <= text.h + 0.05, text.role
        assert bounds.width() / UNIT <= text.w + 0.05, text.role
        assert text.size >= (3.6 / 0.714 if text.role == "url" else 5.5), text.role
        if filling != "longest":
            assert shown == text.text, f"{text.role} is shown whole"
    if poster.url:
        url = page.text("url")
        assert url is not None
        assert url.cap_height >= 5.0 * scale, "the address is readable from a metre away"
        assert page.qr is not None
        assert page.qr.width() >= 60 * scale
        assert url.y >= page.qr.bottom() - 0.01, "the address is under the code"

    image = _pil(preview(poster, pictures, 420))
    rows = _ink_rows(image)
    longest_gap = run = 0
    for inked in rows:
        run = 0 if inked else run + 1
        longest_gap = max(longest_gap, run)
    assert longest_gap < 0.12 * image.height, "no big empty band across the page"
    drawn = [y for y, inked in enumerate(rows) if inked]
    assert drawn[0] < 0.07 * image.height
    assert drawn[-1] > 0.9 * image.height, "the page is used down to its bottom margin"


def test_short_texts_grow_and_long_texts_shrink(qapp) -> None:
    from lbpmv_desktop.ui.poster.render import layout

    short = layout(Poster(template="soldes", **SHORT).checked())
    long = layout(Poster(template="soldes", **LONG).checked())
    assert short.text("shop").size > 3 * long.text("shop").size
    assert short.text("message").size > 2.5 * long.text("message").size
    assert short.text("shop").size > short.text("message").size, "the shop's name stays the largest"


def _pdf_lines(pdf: Path) -> list[tuple[str, float, str]]:
    """(text, size in mm, font) of every line drawn in the PDF, as pypdf reads them."""
    lines: list[tuple[str, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if text.strip():
            scale = abs(cm[3] * tm[3]) or abs(cm[0] * tm[0])
            lines.append(
                (text.replace("\t", " "), size * scale * 25.4 / 72, str((font or {}).get("/BaseFont")))
            )

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return lines


@pytest.mark.parametrize("size", ["a4", "a3"])
def test_the_pdf_is_drawn_in_noto_sans_with_the_address_large_under_the_code(
    qapp, tmp_path: Path, size: str
) -> None:
    pdf = _render(Poster(template="click-collect", size=size, **TYPICAL), tmp_path)
    fonts = {f.get_object()["/BaseFont"] for f in PdfReader(pdf).pages[0]["/Resources"]["/Font"].values()}
    assert fonts == {"/NotoSans-Bold", "/NotoSans-Regular"}
    lines = _pdf_lines(pdf)
    assert {font for _, _, font in lines} <= fonts
    address = [(text, mm) for text, mm, _ in lines if "lespetitspas.fr" in text]
    assert [text.strip() for text, _ in address] == ["lespetitspas.fr/commander"], "written without https://"
    scale = 1 if size == "a4" else 297 / 210
    assert address[0][1] * 0.714 >= 5.0 * scale, "capitals at least 5 mm tall"


def test_no_line_of_the_pdf_separates_a_number_from_its_unit(qapp, tmp_path: Path) -> None:
    hours = "Mardi à samedi : 9 h 30 – 12 h 30 et 14 h – 19 h, dimanche 10 h – 12 h. "
    lines = []
    for index, (size, landscape) in enumerate(PAGES):
        for words in range(4):  # the breaks fall at other places each time
            fields = {
                **LONG,
                "hours": ("le " * words + hours * 5)[:400],
                "message": "Prix doux : 24,90 € ! " * 12,
            }
            poster = Poster(template="horaires", size=size, landscape=landscape, **fields)
            pdf = _render(poster, tmp_path, f"affiche-{index}-{words}.pdf")
            lines += [text.strip() for text, _, _ in _pdf_lines(pdf)]
    assert len(lines) > 200
    for before, after in zip(lines, lines[1:], strict=False):
        if before[-1:].isdigit():
            assert not after.startswith(("h", "€", "%")), (before, after)
            assert not after[:1].isdigit(), (before, after)
    for line in lines:
        assert not line.startswith((":", "!", "?", ";", "»", "h ", "€", "–")), line


@pytest.mark.parametrize(
    "text",
    [
        "Du mardi au samedi, de 9 h 30 à 19 h, le dimanche de 10 h à 12 h 30",
        "Chaussons bébé 24,90 € — bottines 59,90 € — sandales 1 200 €",
        "Appelez le 03 80 12 34 56 ou le +33 3 80 12 34 56 : « Soldes » !",
    ],
)
def test_qt_never_breaks_a_line_at_a_no_break_space(qapp, text: str) -> None:
    from PySide6.QtGui import QFont, QRawFont, QTextLayout, QTextOption

    from lbpmv_desktop.core.typography import NBSP, NNBSP, keep_together
    from lbpmv_desktop.ui.fonts import register_fonts

    font = QFont(register_fonts())
    font.setPixelSize(40)
    raw = QRawFont.fromFont(font)
    assert raw.familyName() == "Noto Sans"
    assert raw.supportsCharacter(ord(NBSP))
    assert raw.supportsCharacter(ord(NNBSP)), "the narrow no-break space has a glyph (no box)"
    prepared = keep_together(text)
    for width in range(120, 900, 37):  # many narrow boxes: breaks fall everywhere they may
        layout = QTextLayout(prepared, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        ends = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            ends.append(line.textStart() + line.textLength())
        layout.endLayout()
        for end in ends[:-1]:
            assert prepared[end - 1] not in (NBSP, NNBSP), (width, prepared[:end])
            before, after = prepared[:end].rstrip(), prepared[end:]
            assert not (before[-1:].isdigit() and after[:1] in ("h", "€", "%")), (width, before, after)
            assert not (before[-1:].isdigit() and after[:1].isdigit()), (width, before, after)
