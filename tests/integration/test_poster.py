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


@pytest.mark.parametrize("template", ["click-collect", "soldes"])
def test_the_qr_code_reads_back_the_exact_link(qapp, tmp_path: Path, template: str) -> None:
    import zxingcpp

    image = _page_image(_render(Poster(template=template, shop="Chez Paul", url=LINK), tmp_path))
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode] == [LINK]


def test_the_qr_code_is_at_least_four_centimetres_on_a4() -> None:
    from lbpmv_desktop.ui.poster.render import qr_side_mm

    assert qr_side_mm(Poster(url=LINK)) >= 40


def test_text_meets_wcag_aa_contrast() -> None:
    for template in TEMPLATES.values():
        assert contrast_ratio(template.ink, template.background) >= 4.5, template.name
        assert contrast_ratio(template.band_ink, template.band) >= 4.5, template.name


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
