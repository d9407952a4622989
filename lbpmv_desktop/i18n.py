"""Compile the Qt Linguist translations (``.ts`` → ``.qm``) with the project's own tooling.

Compiled files are never committed: they are built from ``resources/translations/*.ts`` by
``lrelease`` (shipped with PySide6) when missing or older than their source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lbpmv_desktop.paths import resources_dir

LANGUAGES = ("fr",)


def _lrelease() -> str | None:
    import importlib.util
    import shutil

    spec = importlib.util.find_spec("PySide6")
    if spec and spec.origin:
        candidate = Path(spec.origin).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def source(language: str) -> Path:
    return resources_dir() / "translations" / f"lbpmv_{language}.ts"


def compiled(language: str, fallback_dir: Path | None = None) -> Path | None:
    """The ``.qm`` for ``language``, compiled now if it is missing or stale.

    It is written next to the ``.ts`` when that folder is writable, else into ``fallback_dir``.
    A stale one is still returned when it cannot be compiled again (no compiler: the installed
    app); None when there is neither a compiled file nor a compiler.
    """
    ts = source(language)
    candidates = [ts.with_suffix(".qm")]
    if fallback_dir is not None:
        candidates.append(fallback_dir / ts.with_suffix(".qm").name)
    for qm in candidates:
        if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
            return qm
    # Older than its source (a copy may not keep the times: the installed app ships both), but
    # better than English when there is nothing to compile with.
    existing = next((qm for qm in candidates if qm.is_file()), None)
    if not ts.is_file():
        return existing
    tool = _lrelease()
    if tool is None:
        return existing
    import subprocess

    for qm in candidates:
        try:
            qm.parent.mkdir(parents=True, exist_ok=True)
            partial = qm.with_name(qm.name + ".part")
            subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(partial)], check=True, capture_output=True, timeout=60
            )
            partial.replace(qm)
            return qm
        except (OSError, subprocess.SubprocessError):
            continue
    return existing


def build_all() -> list[Path]:
    """Compile every language (used by the test suite and the installer build)."""
    return [qm for qm in (compiled(lang) for lang in LANGUAGES) if qm is not None]


def _lupdate() -> str | None:
    import shutil

    tool = _lrelease()
    if tool is None:
        return None
    candidate = Path(tool).with_name(Path(tool).name.replace("lrelease", "lupdate"))
    return str(candidate) if candidate.is_file() else shutil.which("pyside6-lupdate")


def update_sources() -> list[Path]:
    """Refresh the ``.ts`` files from the ``tr()`` strings of the code (for translators)."""
    tool = _lupdate()
    if tool is None:
        raise RuntimeError("lupdate not found (install PySide6-Essentials)")
    import subprocess

    package = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in package.rglob("*.py") if "core" not in p.relative_to(package).parts)
    updated = []
    for language in LANGUAGES:
        ts = source(language)
        subprocess.run(
            [tool, "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)], check=True
        )
        updated.append(ts)
    return updated


if __name__ == "__main__":
    # python -m lbpmv_desktop.i18n update   refresh the .ts files from the code
    # python -m lbpmv_desktop.i18n build    compile the .qm files
    action = sys.argv[1] if len(sys.argv) > 1 else "build"
    done = update_sources() if action == "update" else build_all()
    sys.stdout.write("".join(f"{path}\n" for path in done))
