"""Write small tutorial packs for tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="36"><rect width="64" height="36"/></svg>'


def write_step(
    folder: Path,
    name: str,
    title: str = "Une étape",
    minutes: int = 2,
    extra: str = "",
    body: str | None = None,
) -> Path:
    path = folder / name
    text = f'+++\ntitle = "{title}"\nminutes = {minutes}\n{extra}+++\n'
    text += body if body is not None else "Faites ceci.\n\n![Un dessin](images/dessin.svg)\n"
    path.write_text(text, encoding="utf-8")
    return path


def write_pack(
    root: Path,
    pack_id: str,
    *,
    steps: int = 4,
    prerequisites: tuple[str, ...] = (),
    theme: str = "photos",
    order: int = 10,
) -> Path:
    folder = root / pack_id
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "dessin.svg").write_text(SVG, encoding="utf-8")
    prereq = ", ".join(f'"{p}"' for p in prerequisites)
    (folder / "tutorial.toml").write_text(
        f'id = "{pack_id}"\ntitle = "Titre {pack_id}"\nsummary = "Résumé."\ntheme = "{theme}"\n'
        f"level = 1\norder = {order}\nprerequisites = [{prereq}]\nversion = 1\n",
        encoding="utf-8",
    )
    for number in range(1, steps + 1):
        write_step(folder, f"{number:02d}-etape-{number}.md", title=f"Étape {number}")
    return folder
