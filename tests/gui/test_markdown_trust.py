"""The step view only ever shows pictures from inside the pack, and never interprets HTML.

Each hostile step is rendered in the real widget. A picture outside the pack holds a marker
colour (magenta) that no good picture has; the whole document is then painted, and the marker
must not be in it, while a good picture of the pack (cyan) must be.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from lbpmv_desktop.ui.tutorial.markdown_view import MarkdownView

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

MAGENTA, CYAN = QColor(255, 0, 255), QColor(0, 255, 255)


def _picture(path: Path, color: QColor) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(QSize(200, 100), QImage.Format.Format_ARGB32)
    image.fill(color)
    assert image.save(str(path), "PNG")
    return path


def _painted(view: MarkdownView) -> QImage:
    """The whole document painted, as the merchant would see it scrolled from top to bottom."""
    document = view.document()
    size = document.size().toSize()
    image = QImage(size.expandedTo(QSize(1, 1)), QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


def _shows(image: QImage, color: QColor) -> bool:
    pixels = memoryview(image.constBits()).cast("I")  # one 0xAARRGGBB number per pixel
    return sum(1 for pixel in pixels if pixel == color.rgba()) >= 64


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "packs" / "bonjour"
    _picture(folder / "images" / "dedans.png", CYAN)
    _picture(tmp_path / "dehors" / "marqueur.png", MAGENTA)
    return folder


def _view(qtbot: QtBot) -> MarkdownView:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_hostile_step_never_shows_a_file_outside_the_pack(qtbot: QtBot, pack: Path, tmp_path: Path) -> None:
    outside = tmp_path / "dehors" / "marqueur.png"
    (pack / "images" / "lien.png").symlink_to(outside)
    (pack / "images" / "dossier.png").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(pack / "images" / "tuyau.png")
    names = [
        "../../dehors/marqueur.png",
        outside.as_uri(),
        str(outside),
        "images/lien.png",
        "images/dossier.png",
        "images/tuyau.png",
        "images/%2e%2e/%2e%2e/%2e%2e/dehors/marqueur.png",
    ]
    markdown = "\n\n".join(
        [
            "Une phrase.",
            "![Dedans](images/dedans.png)",
            "![Référence][p]",
            "![Autre référence][q]",
            f"![Absolu]({outside})",
            "![Remonte](../../dehors/marqueur.png)",
            "![Lien](images/lien.png)",
            "![Dossier](images/dossier.png)",
            "![Tuyau](images/tuyau.png)",
            "![Encodé](images/%2e%2e/%2e%2e/%2e%2e/dehors/marqueur.png)",
            f'<img src="{outside.as_uri()}">',
            f'<table background="{outside.as_uri()}"><tr><td>cellule</td></tr></table>',
            "[p]: ../../dehors/marqueur.png",
            f"[q]: {outside.as_uri()}",
        ]
    )
    view = _view(qtbot)
    view.show_markdown(markdown, pack, 1.0)
    painted = _painted(view)
    assert _shows(painted, CYAN)  # the pack's own picture is there: the painting is real
    assert not _shows(painted, MAGENTA)
    document = view.document()
    for name in names:
        resource = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert resource is None or resource.width() <= 1, name
    assert "images/dedans.png" not in view.missing_images
    assert "../../dehors/marqueur.png" in view.missing_images
    assert "<img" in view.plain_text()  # raw HTML is shown as text, never interpreted
    assert "<table" in view.plain_text()


def test_a_picture_over_the_size_limit_is_not_loaded(qtbot: QtBot, pack: Path) -> None:
    big = pack / "images" / "enorme.png"
    with big.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(6 * 1024 * 1024)
    view = _view(qtbot)
    view.show_markdown("Texte.\n\n![Énorme](images/enorme.png)\n", pack, 1.0)
    assert view.missing_images == ["images/enorme.png"]


def test_200_kb_of_brackets_are_shown_as_text(qtbot: QtBot, pack: Path) -> None:
    markdown = "![" * 50_000 + "[" * 50_000
    view = _view(qtbot)
    view.show_markdown(markdown, pack, 1.0)
    assert view.missing_images == []
    assert view.plain_text().startswith("![![")


def test_good_pictures_still_show(qtbot: QtBot, pack: Path) -> None:
    view = _view(qtbot)
    view.show_markdown('Texte.\n\n![Dedans](images/dedans.png "Un titre")\n', pack, 1.0)
    assert view.missing_images == []
    assert _shows(_painted(view), CYAN)


def test_a_drawing_of_the_pack_cannot_pull_in_a_file_outside(
    qtbot: QtBot, pack: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "dehors" / "marqueur.png"
    (pack / "images" / "cheval.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        f'<image x="0" y="0" width="200" height="100" href="{outside}"/></svg>',
        encoding="utf-8",
    )
    view = _view(qtbot)
    view.show_markdown("Texte.\n\n![Un cheval de Troie](images/cheval.svg)\n", pack, 1.0)
    assert view.missing_images == ["images/cheval.svg"]
    assert not _shows(_painted(view), MAGENTA)


def test_a_picture_claiming_a_huge_height_is_shown_small(qtbot: QtBot, pack: Path) -> None:
    (pack / "images" / "fil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="9"/></svg>',
        encoding="utf-8",
    )
    thin = QImage(QSize(1, 20_000), QImage.Format.Format_ARGB32)
    thin.fill(CYAN)
    assert thin.save(str(pack / "images" / "fil.png"), "PNG")
    view = _view(qtbot)
    view.show_markdown("Texte.\n\n![Un fil](images/fil.svg)\n\n![Un autre](images/fil.png)\n", pack, 2.0)
    assert view.missing_images == []
    for name in ("images/fil.svg", "images/fil.png"):
        image = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert 1 <= image.height() <= 1920 * image.devicePixelRatio()


def _fan_out(levels: int, copies: int) -> str:
    """« Billion laughs » for SVG: each level copies the one below ``copies`` times (``<use>``)."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300">',
        '<defs><g id="l0"><rect width="1" height="1" fill="#ff00ff"/></g>',
    ]
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}" x="{n}"/>' for n in range(copies))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#l{levels}"/></svg>')
    return "\n".join(parts)


def test_a_drawing_that_would_copy_itself_forever_is_never_drawn(qtbot: QtBot, pack: Path) -> None:
    (pack / "images" / "bombe.svg").write_text(_fan_out(8, 10), encoding="utf-8")
    view = _view(qtbot)
    view.show_markdown(
        "Texte.\n\n![Une bombe](images/bombe.svg)\n\n![Un bon](images/dedans.png)\n", pack, 1.0
    )
    assert view.missing_images == ["images/bombe.svg"]
    painted = _painted(view)
    assert not _shows(painted, MAGENTA)
    assert _shows(painted, CYAN)


def test_a_drawing_shown_again_is_not_drawn_again(qtbot: QtBot, pack: Path) -> None:
    (pack / "images" / "carre.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<rect width="200" height="100" fill="#00ffff"/></svg>',
        encoding="utf-8",
    )
    view = _view(qtbot)
    kind, url = QTextDocument.ResourceType.ImageResource.value, QUrl("images/carre.svg")
    view.show_markdown("Texte.\n\n![Un carré](images/carre.svg)\n", pack, 1.0)
    first = view.document().resource(kind, url)
    view.show_markdown("Autre texte.\n\n![Le même](images/carre.svg)\n", pack, 1.0)
    again = view.document().resource(kind, url)
    assert view.missing_images == []
    assert _shows(_painted(view), CYAN)
    assert isinstance(first, QImage)
    assert isinstance(again, QImage)
    assert again.cacheKey() == first.cacheKey()  # the very same picture, not drawn twice
    view.show_markdown("Texte.\n\n![Plus grand](images/carre.svg)\n", pack, 2.0)
    bigger = view.document().resource(kind, url)
    assert isinstance(bigger, QImage)
    assert bigger.cacheKey() != first.cacheKey()
    assert bigger.width() > first.width()
