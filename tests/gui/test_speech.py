"""Read-aloud: what is read, and that no speech engine, even one that never answers, freezes the app."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from lbpmv_desktop import app as app_module
from lbpmv_desktop.ui import speech as speech_module
from lbpmv_desktop.ui.speech import Speech, how_to_get_a_voice
from tests.gui.test_merchant_flow import _complete_welcome

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]


class _Voice:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


class RecordingEngine(QObject):
    """Speaks at once and remembers what it was asked to say."""

    stateChanged = Signal(object)  # noqa: N815 (QTextToSpeech's name)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.said: list[str] = []
        self.rates: list[float] = []
        self.voice = ""

    def availableVoices(self) -> list[_Voice]:  # noqa: N802
        return [_Voice("Hortense"), _Voice("Paul")]

    def state(self) -> str:
        return "Ready"

    @Slot(str)
    def say(self, text: str) -> None:
        self.said.append(text)
        self.stateChanged.emit("Speaking")

    @Slot()
    def stop(self) -> None:
        self.stateChanged.emit("Ready")

    @Slot(float)
    def setRate(self, rate: float) -> None:  # noqa: N802
        self.rates.append(rate)

    @Slot(str)
    def setVoice(self, voice: str) -> None:  # noqa: N802
        self.voice = voice


class HangingEngine(RecordingEngine):
    """say() and stop() never return until the test opens the gate (as speech-dispatcher without sound)."""

    def __init__(self, gate: threading.Event, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.entered = threading.Event()

    @Slot(str)
    def say(self, text: str) -> None:
        self.entered.set()
        self.gate.wait()

    @Slot()
    def stop(self) -> None:
        self.gate.wait()


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Opened at teardown, so that every hanging engine lets its thread end."""
    event = threading.Event()
    yield event
    event.set()
    for thread, _worker in list(speech_module._RUNNING):
        assert thread.wait(10_000)
    speech_module._release_finished()


@pytest.fixture
def app_engine(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """The app started next uses this engine factory (and these Speech options)."""

    def use(factory: Callable[[QObject], object], **options: object) -> None:
        monkeypatch.setattr(
            app_module, "Speech", lambda parent=None: Speech(parent=parent, factory=factory, **options)
        )

    return use


def _open_first_tutorial(qtbot: QtBot, controller) -> object:
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "tutorial"
    return window.tutorial


def _tts_importable() -> bool:
    try:
        from PySide6 import QtTextToSpeech  # noqa: F401
    except ImportError:  # Linux without libpulse0: read-aloud explains how to get a voice, tested below
        return False
    return True


@pytest.mark.skipif(not _tts_importable(), reason="QtTextToSpeech needs libpulse0 (.ci/run installs it)")
def test_read_aloud_with_the_mock_engine(qtbot: QtBot, start_app) -> None:
    controller = start_app()
    page = _open_first_tutorial(qtbot, controller)
    qtbot.waitUntil(page.read_button.isEnabled, timeout=10_000)
    assert page.read_button.isVisible()
    assert not page.speech_note.isVisible()
    with qtbot.waitSignal(controller.speech.speaking_changed, timeout=5000) as blocker:
        qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert page.read_button.accessibleName() == page.tr("Stop reading")
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert not controller.speech.speaking  # at once, whatever the engine takes
    assert page.read_button.accessibleName() == page.tr("Read aloud")
    close_and_check(controller)


def close_and_check(controller) -> None:
    assert controller.speech.shutdown()


def test_read_aloud_says_the_step_as_shown_with_its_button(qtbot: QtBot, start_app, app_engine) -> None:
    engines: list[RecordingEngine] = []

    def factory(parent: QObject) -> RecordingEngine:
        engines.append(RecordingEngine(parent))
        return engines[-1]

    app_engine(factory)
    controller = start_app()
    page = _open_first_tutorial(qtbot, controller)
    assert page.open_tutorial("retoucher-photo", "ouvrir-une-photo", ask_confidence=False)
    qtbot.waitUntil(page.read_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(controller.speech.speaking_changed, timeout=5000):
        qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    said = engines[0].said[-1].split("\n")
    assert said[0] == page.step_title.text() + "."
    assert said[-1] == page.tr("Button: {label}").format(label="Ouvrir le studio photo") + "."
    assert any(line.startswith("1. ") for line in said)
    assert any(line.startswith(page.tr("Picture: {description}").format(description="")) for line in said)
    assert engines[0].rates == [controller.session.settings.speech_rate]
    assert controller.speech.speaking
    controller.window.show_page("settings")  # leaving the tutorial stops the reading
    assert not controller.speech.speaking
    settings_page = controller.window.settings
    qtbot.waitUntil(lambda: settings_page.voice_combo.count() == 3)
    assert settings_page.voice_combo.itemText(1) == "Hortense"
    assert settings_page.try_voice.isEnabled()
    settings_page.voice_combo.setCurrentIndex(2)
    settings_page.voice_combo.activated.emit(2)
    assert controller.session.settings.voice == "Paul"
    qtbot.mouseClick(settings_page.try_voice, Qt.MouseButton.LeftButton)
    hello = settings_page.tr("Hello! I will read the tutorials to you.")
    qtbot.waitUntil(lambda: engines[0].said[-1] == hello, timeout=5000)
    assert engines[0].voice == "Paul"
    close_and_check(controller)


def test_an_engine_that_never_answers_does_not_freeze_the_app(
    qtbot: QtBot, start_app, app_engine, gate: threading.Event
) -> None:
    engines: list[HangingEngine] = []

    def factory(parent: QObject) -> HangingEngine:
        engines.append(HangingEngine(gate, parent))
        return engines[-1]

    app_engine(factory, stall_ms=300)
    controller = start_app()
    page = _open_first_tutorial(qtbot, controller)
    speech = controller.speech
    qtbot.waitUntil(page.read_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(engines), timeout=10_000)  # made in the speech thread, maybe later
    assert engines[0].entered.wait(10)  # the engine is now stuck in say(), in its thread
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=5000):  # the GUI thread still runs its event loop
        timer.start(10)
    speech.stop()  # returns at once, though the engine cannot even be told
    assert not speech.speaking
    assert page.read_button.text() == page.tr("Read aloud")
    with qtbot.waitSignal(speech.availability_changed, timeout=10_000) as blocker:
        pass  # the watchdog notices the request left unanswered
    assert blocker.args == [False]
    assert speech.stalled
    assert not page.read_button.isEnabled()
    assert page.speech_note.isVisible()
    assert page.speech_note.text() == speech.problem() != ""
    qtbot.mouseClick(page.home_button, Qt.MouseButton.LeftButton)  # leaving the tutorial
    assert controller.window.current_page() == "home"
    assert not speech.shutdown(timeout_ms=50)  # bounded: the stuck thread is left behind
    assert not engines[0].gate.is_set()


def test_an_engine_that_never_starts_is_reported_without_blocking(
    qtbot: QtBot, gate: threading.Event
) -> None:
    started = threading.Event()

    def factory(_parent: QObject) -> None:
        started.set()
        gate.wait()

    speech = Speech(factory=factory, stall_ms=200, start_ms=200)
    assert not speech.available  # asked: the answer comes later, from the speech thread
    assert not speech.checked
    assert speech.problem() == ""
    speech.say("Bonjour")
    speech.stop()
    assert started.wait(10)
    with qtbot.waitSignal(speech.availability_changed, timeout=10_000) as blocker:
        pass
    assert blocker.args == [False]
    assert speech.checked
    assert not speech.available
    assert speech.problem() != ""
    assert not speech.shutdown(timeout_ms=50)


def test_a_request_made_while_the_voice_loads_waits_for_it(qtbot: QtBot) -> None:
    engines: list[RecordingEngine] = []

    def factory(parent: QObject) -> RecordingEngine:
        engines.append(RecordingEngine(parent))
        return engines[-1]

    speech = Speech(factory=factory)
    assert not speech.checked
    speech.configure("Paul", 0.3)  # before the engine is even created
    with qtbot.waitSignal(speech.speaking_changed, timeout=5000) as blocker:
        speech.say("Bonjour")
    assert blocker.args == [True]
    assert speech.checked
    assert engines[0].said == ["Bonjour"]
    assert engines[0].voice == "Paul"
    assert engines[0].rates == [0.3]
    assert speech.shutdown()


def test_no_voice_explains_how_to_get_one(qtbot: QtBot, start_app, app_engine) -> None:
    app_engine(lambda _parent: None)
    controller = start_app()
    page = _open_first_tutorial(qtbot, controller)
    qtbot.waitUntil(lambda: controller.speech.checked, timeout=10_000)
    assert page.read_button.isVisible()  # the button does not vanish: it is greyed, with why beside it
    assert not page.read_button.isEnabled()
    assert page.speech_note.isVisible()
    assert page.speech_note.text() == how_to_get_a_voice()
    assert page.read_button.accessibleDescription() == how_to_get_a_voice()
    controller.window.show_page("settings")
    settings_page = controller.window.settings
    qtbot.waitUntil(settings_page.no_voice.isVisible)
    assert settings_page.no_voice.text() == how_to_get_a_voice()
    assert settings_page.try_voice.isVisible()
    assert not settings_page.try_voice.isEnabled()
    assert controller.speech.shutdown()


@pytest.mark.parametrize(
    ("platform", "words"),
    [
        ("win32", ("Paramètres", "Heure et langue", "Voix", "français")),
        ("linux", ("speech-dispatcher", "espeak-ng", "Synthèse vocale")),
    ],
)
def test_how_to_get_a_voice_in_french(qtbot: QtBot, start_app, platform: str, words: tuple[str, ...]) -> None:
    start_app()  # installs the French translation
    text = how_to_get_a_voice(platform)
    for word in words:
        assert word in text


def test_a_stuck_engine_does_not_abort_the_app_when_it_quits(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import threading
        from PySide6.QtCore import QObject, QTimer, Signal, Slot
        from PySide6.QtWidgets import QApplication
        from lbpmv_desktop.ui.speech import Speech

        class Voice:
            def name(self):
                return "Hortense"

        class Stuck(QObject):
            stateChanged = Signal(object)
            def state(self):
                return "Ready"
            def availableVoices(self):
                return [Voice()]
            @Slot(str)
            def say(self, text):
                threading.Event().wait()  # for ever
            @Slot()
            def stop(self):
                threading.Event().wait()

        app = QApplication([])
        speech = Speech(factory=lambda parent: Stuck(parent))
        speech.say("Bonjour")
        QTimer.singleShot(300, speech.stop)
        QTimer.singleShot(600, app.quit)  # aboutToQuit: shutdown waits a bounded time
        code = app.exec()
        print("quit", code, flush=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "QThread: Destroyed while thread" not in done.stderr
    assert done.stdout.strip() == "quit 0"
    assert done.returncode == 0, done.stderr


STUCK_SERVER = """
import os, socket, sys, tempfile, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from lbpmv_desktop.ui.speech import Speech

path = os.path.join(tempfile.mkdtemp(), "speechd.sock")
os.environ["SPEECHD_ADDRESS"] = "unix_socket:" + path
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen()
clients = []
def accept():  # a speech-dispatcher that takes the connection and never answers
    while True:
        clients.append(server.accept()[0])
threading.Thread(target=accept, daemon=True).start()

app = QApplication([])
speech = Speech("speechd", start_ms=500)
ticks = []
timer = QTimer()
timer.timeout.connect(lambda: ticks.append(1))
timer.start(20)
def found(available):
    print("available" if available else ("stalled" if speech.stalled else "none"), flush=True)
    speech.say("Bonjour")
    speech.stop()
    QTimer.singleShot(200, app.quit)  # aboutToQuit: a bounded shutdown
speech.availability_changed.connect(found)
speech.start()
app.exec()
print("ticks", len(ticks) > 5, flush=True)
"""


def test_a_speech_dispatcher_that_never_answers_does_not_freeze_or_abort(tmp_path: Path) -> None:
    """The real speech-dispatcher engine, talking to a server that takes the connection and is silent."""
    if not _tts_importable():
        pytest.skip("QtTextToSpeech needs libpulse0")
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("no speech-dispatcher plug-in")
    done = subprocess.run(
        [sys.executable, "-c", STUCK_SERVER],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.split()
    if lines[:1] == ["none"]:
        pytest.skip("libspeechd is not installed: the plug-in does not load")
    assert done.stdout.split("\n")[:2] == ["stalled", "ticks True"], done.stderr
    assert "QThread: Destroyed while thread" not in done.stderr
    assert done.returncode == 0, done.stderr
