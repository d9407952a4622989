"""Every screen and state, at every supported screen size and text size: nothing cut, overlapping or
outside the window, and every control named for a screen reader; on the smallest screen with the
largest text and on a common laptop, every control also focused visibly and reached by Tab in
reading order.

The same walk is ``lbpmv --self-test --screen-size WxH --text-size N``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.selftest import check_screens

if TYPE_CHECKING:
    from pathlib import Path

SCREENS = [(1024, 768), (1366, 768), (1280, 800), (1920, 1080)]
TEXT_SIZES = [100, 150, 200]
# The focus and Tab checks depend little on size: run where they are most at risk, and commonest.
KEYBOARD = {((1024, 768), 200), ((1366, 768), 100)}
# Every one of the ~190 steps on the smallest screen with the largest text (where a step's words and
# pictures are most at risk); one step of each kind per tutorial elsewhere.
EVERY_STEP = {((1024, 768), 200)}


@pytest.mark.slow
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("screen", SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_screen_fits_and_is_usable(tmp_path: Path, screen: tuple[int, int], text_size: int) -> None:
    problems, controller = check_screens(
        tmp_path,
        screen_size=screen,
        text_size=text_size,
        keyboard=(screen, text_size) in KEYBOARD,
        every_step=(screen, text_size) in EVERY_STEP,
    )
    assert problems == [], "\n".join(problems)
    assert len(controller.session.catalogue.path()) >= 10, "the tutorials were not all walked"
