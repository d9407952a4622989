"""« Imprimer l'aide-mémoire »: one A4 page per tutorial, from the player."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from lbpmv_desktop import cli
from lbpmv_desktop.core.tutorials.memo import memo_for
from lbpmv_desktop.core.tutorials.model import Step, Tutorial
from lbpmv_desktop.ui.tutorial import memo_pdf
from lbpmv_desktop.ui.tutorial.memo_pdf import write_memo_pdf
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

A4_POINTS = (595, 842)


def _pages(data: bytes) -> int:
    """The page count written in the PDF's page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def _document(path: Path) -> object:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def _longest_shipped() -> Tutorial:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.paths import tutorials_dir

    catalogue = load_catalogue(tutorials_dir())[0]

    def weight(tutorial: Tutorial) -> int:
        memo = memo_for(tutorial)
        return sum(len(s.title) + len(s.line or "") + 60 for s in memo.steps) + sum(
            len(item) + 40 for item in memo.checklist
        )

    return max(catalogue, key=weight)


def _heaviest_possible() -> Tutorial:
    """What the content rules allow at most on a memo, and more: 12 steps with a 90-character
    line each, 8 boxes of 80 characters, long titles, the password rule and the emergency line."""
    steps = tuple(
        Step(
            id=f"{n:02d}-etape",
            number=n,
            title=f"Étape {n} : préparer la photo pour Instagram (carré) et vérifier le résultat",
            minutes=5,
            markdown="Votre mot de passe ne se donne pas. Une arnaque ?",
            source=Path(f"{n:02d}-etape.md"),
            memo=("Près d'une fenêtre, flash éteint, prix 24,90 € bien lisible, fond uni. " * 2)[:90],
        )
        for n in range(1, 13)
    )
    return Tutorial(
        id="lourd",
        title="Mettre à jour ses horaires partout avant les fêtes, sur Google, Facebook et l'affiche",
        summary="Google, Facebook et l'affiche « horaires » : tout le monde voit les mêmes horaires. " * 2,
        theme="internet",
        level=2,
        order=1,
        prerequisites=(),
        version=1,
        steps=steps,
        folder=Path("lourd"),
        checklist=tuple(
            ("J'ai cliqué sur « Améliorer » et j'ai vérifié le résultat à l'écran " * 2)[:80]
            for _ in range(8)
        ),
    )


def test_the_longest_shipped_tutorial_fits_one_a4_page(qapp, tmp_path: Path) -> None:
    tutorial = _longest_shipped()
    target = tmp_path / "memo.pdf"
    write_memo_pdf(memo_for(tutorial, shop="Chaussons bébé 24,90 €"), target)
    data = target.read_bytes()
    assert _pages(data) == 1
    document = _document(target)
    assert document.pageCount() == 1  # type: ignore[attr-defined]
    size = document.pagePointSize(0)  # type: ignore[attr-defined]
    assert (round(size.width()), round(size.height())) == A4_POINTS
    text = document.getAllText(0).text()  # type: ignore[attr-defined]
    assert tutorial.steps[-1].title.split()[0] in text
    assert "Chaussons bébé 24,90 €" in text  # accents and the euro sign, as typed
    assert "Mes notes" in text


def _fit(memo: object, tmp_path: Path) -> memo_pdf.Fit:
    from PySide6.QtGui import QPainter, QPdfWriter

    writer = QPdfWriter(str(tmp_path / "mesure.pdf"))
    writer.setResolution(memo_pdf.RESOLUTION)
    painter = QPainter(writer)
    try:  # the A4 page less its margins, at 300 dpi
        return memo_pdf.fitted(memo, painter, 2150.0, 3177.0, "Noto Sans")  # type: ignore[arg-type]
    finally:
        painter.end()


def test_the_longest_shipped_tutorial_keeps_big_type_and_whole_lines(qapp, tmp_path: Path) -> None:
    fit = _fit(memo_for(_longest_shipped()), tmp_path)
    assert fit.size >= memo_pdf.MIN_COMPACT_POINTS >= 10
    assert not fit.short  # every line whole


def test_more_than_the_rules_allow_still_makes_one_page(qapp, tmp_path: Path) -> None:
    target = tmp_path / "lourd.pdf"
    write_memo_pdf(memo_for(_heaviest_possible(), shop="Chaussons bébé 24,90 €"), target)
    assert _pages(target.read_bytes()) == 1
    assert _document(target).pageCount() == 1  # type: ignore[attr-defined]


def test_a_short_tutorial_prints_larger_in_one_column(qapp, tmp_path: Path) -> None:
    tutorial = _heaviest_possible()
    steps = tuple(
        replace(step, title=f"Étape {step.number}", memo="Flash éteint.") for step in tutorial.steps[:4]
    )
    small = replace(tutorial, steps=steps, checklist=("J'ai fini",), summary="Court.", title="Court")
    fit = _fit(memo_for(small), tmp_path)
    assert fit == memo_pdf.Fit(memo_pdf.MAX_POINTS, columns=1)
    assert fit.size > _fit(memo_for(tutorial), tmp_path).size


def test_the_pdf_carries_the_apps_name_for_the_command_lines_guard(qapp, tmp_path: Path) -> None:
    target = tmp_path / "memo.pdf"
    write_memo_pdf(memo_for(_heaviest_possible()), target)
    head = target.read_bytes()[:4096]
    assert cli._ours_pdf(head)
    assert (
        _document(target)
        .metaData(  # type: ignore[attr-defined]
            __import__("PySide6.QtPdf", fromlist=["QPdfDocument"]).QPdfDocument.MetaDataField.Title
        )
        .startswith("Le Bon Pour Ma Ville")
    )


def test_a_refused_place_leaves_nothing_behind(qapp, tmp_path: Path) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(OSError, match="un-fichier"):
        write_memo_pdf(memo_for(_heaviest_possible()), blocker / "memo.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["un-fichier"]


# -- from the player -------------------------------------------------------------------------
def _player(qtbot: QtBot, start_app):
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    tutorial = _longest_shipped()
    window.open_tutorial(tutorial.id, tutorial.steps[0].id)
    qtbot.waitUntil(lambda: window.current_page() == "tutorial")
    return window, window.tutorial, tutorial


def test_imprimer_asks_where_writes_in_the_background_and_offers_to_open(
    qtbot: QtBot, start_app, dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui.tutorial import tutorial_page

    opened: list[Path] = []
    monkeypatch.setattr(tutorial_page, "open_file", lambda path: opened.append(path) or True)
    window, page, tutorial = _player(qtbot, start_app)
    assert page.memo_button.text() == "Imprimer l'aide-mémoire"
    assert not page.memo_open.isVisible()
    dialogs.save_path = str(tmp_path / "mon aide-mémoire")  # the extension is added

    page.memo_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.memo_button, Qt.Key.Key_Space)

    target = tmp_path / "mon aide-mémoire.pdf"
    qtbot.waitUntil(page.memo_open.isVisible, timeout=20_000)
    assert str(target) in page.memo_note.text()
    assert page.memo_note.text().startswith("✓ Aide-mémoire enregistré")
    assert _pages(target.read_bytes()) == 1
    text = _document(target).getAllText(0).text()  # type: ignore[attr-defined]
    assert "Les Petits Pas" in text  # the shop's name, from the welcome
    assert tutorial.title.split()[0] in text

    qtbot.mouseClick(page.memo_open, Qt.MouseButton.LeftButton)
    assert opened == [target]
    wait_idle(qtbot, window)


def test_cancelling_the_question_writes_nothing(qtbot: QtBot, start_app, dialogs, tmp_path: Path) -> None:
    window, page, _tutorial = _player(qtbot, start_app)
    dialogs.save_path = None
    qtbot.mouseClick(page.memo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert not page.memo_note.isVisible()
    assert not page.memo_open.isVisible()


def test_a_place_that_refuses_says_so_in_one_sentence(
    qtbot: QtBot, start_app, dialogs, tmp_path: Path
) -> None:
    window, page, _tutorial = _player(qtbot, start_app)
    (tmp_path / "choix").mkdir()
    blocker = tmp_path / "choix" / "un-fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    dialogs.save_path = str(blocker / "memo.pdf")
    qtbot.mouseClick(page.memo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "n'a pas été enregistré" in page.memo_note.text(), timeout=20_000)
    assert page.memo_note.text() == (
        "L'aide-mémoire n'a pas été enregistré : choisissez un autre endroit (par exemple « Documents »), "
        "puis réessayez."
    )
    assert page.memo_note.property("role") == "banner"
    assert not page.memo_open.isVisible()
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["un-fichier"]
    wait_idle(qtbot, window)
