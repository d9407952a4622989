"""Files from outside are refused before they are read when they are not plain, bounded files."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.cleantext import clean_text, has_hidden
from lbpmv_desktop.core.fileio import (
    UnsafeFile,
    check_regular,
    read_regular,
    read_regular_text,
    regular_files,
)

if TYPE_CHECKING:
    from pathlib import Path

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


@posix_only
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading the usual way would block
    with pytest.raises(UnsafeFile) as refused:
        read_regular(fifo, 1000)
    assert refused.value.reason == "not-regular"
    assert "fichier ordinaire" in refused.value.message
    with pytest.raises(UnsafeFile):
        check_regular(fifo, 1000)


@posix_only
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "progress.lbpmv"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnsafeFile) as refused:
        read_regular(link, 10**9)
    assert refused.value.reason == "not-regular"


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFile) as folder:
        read_regular(tmp_path, 1000)
    with pytest.raises(UnsafeFile) as missing:
        read_regular(tmp_path / "absent.txt", 1000)
    assert (folder.value.reason, missing.value.reason) == ("not-regular", "unreadable")


def test_sizes_are_bounded_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"x" * 2001)
    with pytest.raises(UnsafeFile) as refused:
        read_regular(big, 2000)
    assert refused.value.reason == "too-big"
    assert refused.value.size == 2001
    assert read_regular(big, 2001) == b"x" * 2001


def test_text_is_utf8_or_refused(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_bytes("\ufeffChaussons bébé 24,90 €".encode())
    bad.write_bytes(b"\xff\xfe\x00")
    assert read_regular_text(good, 100) == "Chaussons bébé 24,90 €"
    with pytest.raises(UnsafeFile):
        read_regular_text(bad, 100)


@posix_only
def test_a_folder_listing_skips_what_is_not_a_plain_file(tmp_path: Path) -> None:
    (tmp_path / "b.lbpmv").write_bytes(b"1")
    (tmp_path / "a.lbpmv").write_bytes(b"2")
    os.mkfifo(tmp_path / "fifo.lbpmv")
    (tmp_path / "zero.lbpmv").symlink_to("/dev/zero")
    (tmp_path / "link.lbpmv").symlink_to(tmp_path / "a.lbpmv")
    (tmp_path / "folder.lbpmv").mkdir()
    assert [p.name for p in regular_files(tmp_path)] == ["a.lbpmv", "b.lbpmv", "link.lbpmv"]
    assert regular_files(tmp_path / "absent") == []


def test_hidden_characters_are_removed_from_names() -> None:
    hostile = "Cordo\u202ennerie\x1b[31m\tMartin\u200b\u2066 (Léa)\u2069\r\n"
    assert has_hidden(hostile)
    cleaned = clean_text(hostile)
    assert cleaned == "Cordonnerie[31m Martin (Léa)"
    assert not has_hidden(cleaned)
    assert clean_text("Chaussons bébé 24,90 €") == "Chaussons bébé 24,90 €"
    assert clean_text("👩\u200d💼 Inès") == "👩\u200d💼 Inès"  # the joiner keeps the emoji whole


def test_multiline_text_keeps_its_paragraphs_and_limits_cut_cleanly() -> None:
    assert clean_text("Bonjour\r\n\r\n\r\n\r\nMerci\u202e !", multiline=True) == "Bonjour\n\nMerci !"
    assert clean_text("Merci beaucoup", limit=6) == "Merci"
    assert clean_text("ae\u0301", limit=2) == "aé"
