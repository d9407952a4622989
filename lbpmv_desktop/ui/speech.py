"""Read-aloud through QtTextToSpeech, in a thread of its own so that no engine can freeze the app.

A speech engine may block: with speech-dispatcher and no working sound, ``stop()`` was seen to
never return, and creating the engine waits on the speech server (5 s when it starts, for ever
when it is stuck). So the engine is created, asked and driven in a dedicated thread; the GUI only
sends it queued requests (say, stop, configure) and hears back through signals (the voices found,
speaking or not). A thread alone is not enough: PySide keeps the GIL while Python calls into
QtTextToSpeech, so the worker never calls a method that may block from Python; it queues it on
the engine and the thread's event loop runs it in C++, without the GIL (see ``_queue``). A
watchdog notices a request left unanswered: read-aloud is then switched off with an
explanation, and the rest of the app goes on.

QtTextToSpeech needs extra system libraries on Linux (``libpulse``) and a voice: when either is
missing, ``Speech.available`` is False and ``Speech.problem()`` says how to get a voice. Tests
use the ``mock`` engine (``LBPMV_TTS_ENGINE=mock``) or give their own ``factory``.

Lifetime: Qt aborts the process ("QThread: Destroyed while thread is still running") when a
running QThread object is destroyed, and PySide destroys every Python-owned QObject at exit. The
speech thread therefore belongs to the GUI thread's own QThread object, which Qt never destroys
before the process ends; a thread that ends normally is then released. The engine belongs to the
speech thread's event dispatcher, so it is only ever deleted in that thread.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    Q_ARG,
    QAbstractEventDispatcher,
    QCoreApplication,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    # Called in the speech thread with the parent to give the engine; returns the engine or None
    # when there is none. The engine is a QTextToSpeech or a QObject with its interface: slots
    # say(str), stop(), setRate(float), setVoice(QVoice, or str: the name, when its voices are
    # plain Python objects with a name()), and state(), availableVoices(), stateChanged.
    EngineFactory = Callable[[QObject], Any]

log = logging.getLogger(__name__)

STALL_MS = 8000  # a request unanswered for this long: the engine is stuck
START_MS = 30_000  # loading the engine may take longer (speech-dispatcher starts its server)
SHUTDOWN_MS = 1500  # how long leaving the app waits for the engine to let go

# Speech threads not known to have finished, with their workers: a worker is only deleted once its
# thread is over (deleting it from the GUI thread while it runs would race its thread).
_RUNNING: list[tuple[QThread, _Worker]] = []


def _queue(target: QObject, method: str, *args: Any) -> None:
    """Call ``method`` of ``target`` from its thread's event loop, after what is already queued.

    The engine's own methods are always called this way, never from Python: PySide keeps the
    GIL during a call from Python into QtTextToSpeech, so an engine blocked in such a call (the
    speech-dispatcher client waiting for its server) would freeze every thread, the GUI's too.
    Called from the event loop, the engine's C++ code runs without the GIL.
    """
    QMetaObject.invokeMethod(target, method, Qt.ConnectionType.QueuedConnection, *args)


def qt_engine_factory(name: str = "") -> EngineFactory:
    """A factory for QtTextToSpeech's engine ``name`` (the platform's default when not installed).

    Loading an engine can block (speech-dispatcher starts its server), so the QTextToSpeech is
    created on the instant "mock" engine and told to load the wanted one from the event loop.
    """

    def create(parent: QObject) -> Any:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # missing system library: no read-aloud here
            log.info("text to speech unavailable: %s", error)
            return None
        engines = QTextToSpeech.availableEngines()
        if name == "mock":  # the tests' engine: it speaks in silence
            return QTextToSpeech("mock", parent) if "mock" in engines else None
        real = [engine for engine in engines if engine != "mock"]
        if not real:
            log.info("text to speech has no engine")
            return None
        # Without the mock plug-in, an unknown name loads nothing (with a warning in the log).
        tts = QTextToSpeech("mock" if "mock" in engines else "none", parent)
        wanted = name if name in real else ""  # "": the platform's own choice
        tts.setProperty(WANTED_PROPERTY, wanted)
        tts.setProperty(OTHERS_PROPERTY, ",".join(engine for engine in real if engine != wanted))
        _queue(tts, "setEngine", Q_ARG(str, wanted))
        return tts

    return create


WANTED_PROPERTY = "lbpmvWantedEngine"
OTHERS_PROPERTY = "lbpmvOtherEngines"  # tried in turn when the wanted one does not load


def _try_another(engine: Any) -> str | None:
    """Ask the engine to load the next engine to try, if any; its name."""
    others = str(engine.property(OTHERS_PROPERTY) or "") if hasattr(engine, "property") else ""
    if not others:
        return None
    name, _, rest = others.partition(",")
    engine.setProperty(OTHERS_PROPERTY, rest)
    engine.setProperty(WANTED_PROPERTY, name)
    _queue(engine, "setEngine", Q_ARG(str, name))
    return name


def _is_speaking(state: object) -> bool:
    return getattr(state, "name", state) == "Speaking"


def _usable(engine: Any) -> bool:
    """The engine loaded what was asked for and has a voice."""
    if getattr(engine.state(), "name", None) == "Error":
        return False
    wanted = engine.property(WANTED_PROPERTY) if hasattr(engine, "property") else None
    if wanted is not None and wanted != "mock" and engine.engine() in ("mock", "none", ""):
        log.info("text to speech engine %r could not be loaded", wanted or "(default)")
        return False
    return bool(engine.availableVoices())


def _language_locale(engine: Any) -> Any:
    """The engine's locale for the app's language (French, usually), or None."""
    if not hasattr(engine, "availableLocales"):  # an engine given by a test
        return None
    wanted = QLocale()
    locales = [locale for locale in engine.availableLocales() if locale.language() == wanted.language()]
    exact = [locale for locale in locales if locale.territory() == wanted.territory()]
    chosen = (exact or locales or [None])[0]
    return None if chosen is None or chosen == engine.locale() else chosen


class _Worker(QObject):
    """Lives in the speech thread: creates the engine there and passes it every request.

    Each request is queued on the engine (see ``_queue``), then its answer is queued behind it:
    an answer that never comes means the engine is stuck in that request.

    Signals:
        found(bool, list): the engine was looked for: usable or not, and its voices' names.
        speaking_changed(int, bool): the engine started or stopped speaking, after request n.
        answered(int): request n is done.
    """

    found = Signal(bool, list)
    speaking_changed = Signal(int, bool)
    answered = Signal(int)

    def __init__(self, factory: EngineFactory) -> None:
        super().__init__()
        self._factory = factory
        self._engine: Any = None
        self._voices: list[Any] = []
        self._request = 0
        # Requests that came while the engine was loading, run once it has: a voice chosen then
        # is found, and the app's language is set before the first sentence.
        self._waiting: list[Callable[[], None]] | None = []

    @Slot(int)
    def start(self, request: int) -> None:
        # The dispatcher is C++-owned and lives in this thread: the engine is never deleted from
        # another thread, even at exit while this thread is stuck in it.
        parent = QAbstractEventDispatcher.instance()
        try:
            engine = self._factory(parent if parent is not None else self)
        except Exception:  # a broken engine plugin: no read-aloud, the app goes on
            log.exception("text to speech could not start")
            engine = None
        self._engine = engine
        if engine is not None:
            engine.stateChanged.connect(self._on_state_changed)
        _queue(self, "check", Q_ARG(int, request))  # once the engine has loaded

    @Slot(int)
    def check(self, request: int) -> None:
        """The engine has loaded (or not): speak the app's language, then say what it offers."""
        engine = self._engine
        if engine is not None and not _usable(engine) and _try_another(engine) is not None:
            _queue(self, "check", Q_ARG(int, request))  # once that one has loaded
            return
        locale = _language_locale(engine) if engine is not None and _usable(engine) else None
        if locale is not None:
            _queue(engine, "setLocale", Q_ARG(QLocale, locale))
        _queue(self, "report", Q_ARG(int, request))

    @Slot(int)
    def report(self, request: int) -> None:
        engine = self._engine
        usable = engine is not None and _usable(engine)
        self._voices = list(engine.availableVoices()) if usable else []
        if engine is not None and not usable:
            self._engine = None
            engine.deleteLater()
        self.found.emit(usable, [voice.name() for voice in self._voices])
        self.answered.emit(request)
        waiting, self._waiting = self._waiting or [], None
        for request_now in waiting:
            request_now()

    def _wait(self, request: Callable[[], None]) -> bool:
        """Keep ``request`` for when the engine has loaded; False when it has already."""
        if self._waiting is None:
            return False
        self._waiting.append(request)
        return True

    @Slot(int, str)
    def say(self, request: int, text: str) -> None:
        if self._wait(functools.partial(self.say, request, text)):
            return
        self._request = request
        if self._engine is not None:
            _queue(self._engine, "say", Q_ARG(str, text))
        _queue(self, "answer", Q_ARG(int, request))

    @Slot(int)
    def stop(self, request: int) -> None:
        if self._wait(functools.partial(self.stop, request)):
            return
        self._request = request
        if self._engine is not None:
            _queue(self._engine, "stop")
        _queue(self, "answer", Q_ARG(int, request))

    @Slot(int, str, float)
    def configure(self, request: int, voice: str, rate: float) -> None:
        if self._wait(functools.partial(self.configure, request, voice, rate)):
            return
        if self._engine is not None:
            _queue(self._engine, "setRate", Q_ARG(float, rate))
            chosen = next((candidate for candidate in self._voices if candidate.name() == voice), None)
            if chosen is not None:
                # A QVoice; an engine whose voices are plain Python objects gets the voice's name.
                qt_voice = isinstance(chosen, shiboken6.Object)
                _queue(
                    self._engine, "setVoice", Q_ARG(type(chosen), chosen) if qt_voice else Q_ARG(str, voice)
                )
        _queue(self, "answer", Q_ARG(int, request))

    @Slot(int)
    def answer(self, request: int) -> None:
        self.answered.emit(request)

    @Slot()
    def close(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            _queue(engine, "stop")
            engine.deleteLater()  # from the event loop too, after the stop
        _queue(self, "finish")

    @Slot()
    def finish(self) -> None:
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()

    def _on_state_changed(self, state: object) -> None:
        self.speaking_changed.emit(self._request, _is_speaking(state))


def _release_finished() -> None:
    """Delete the speech threads that are over, and their workers, on the GUI thread."""
    for entry in [entry for entry in _RUNNING if entry[0].isFinished()]:
        _RUNNING.remove(entry)
        entry[0].setParent(None)  # back to Python, which deletes it with its last reference


def _ask_to_close(thread: QThread, worker: _Worker) -> None:
    """For a Speech deleted without shutdown(): its thread closes itself, in the background."""
    if shiboken6.isValid(thread) and shiboken6.isValid(worker) and not thread.isFinished():
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.QueuedConnection)


class Speech(QObject):
    """One text-to-speech engine for the whole app; no call ever waits for the engine.

    The engine is looked for the first time it is needed (``available``, ``voices()``, ``say()``…):
    until the answer comes, ``available`` is False and ``checked`` is False.

    Args:
        engine: the QtTextToSpeech engine's name (default: ``LBPMV_TTS_ENGINE``, else the platform's).
        factory: creates the engine in the speech thread (tests give engines of their own).
        stall_ms: after this long without an answer, the engine is taken as stuck.
        start_ms: the same for loading the engine.

    Signals:
        speaking_changed(bool): reading started or stopped.
        availability_changed(bool): the engine was found usable, or not, or stopped answering.
    """

    speaking_changed = Signal(bool)
    availability_changed = Signal(bool)

    _start_requested = Signal(int)
    _say_requested = Signal(int, str)
    _stop_requested = Signal(int)
    _configure_requested = Signal(int, str, float)
    _close_requested = Signal()

    def __init__(
        self,
        engine: str | None = None,
        parent: QObject | None = None,
        *,
        factory: EngineFactory | None = None,
        stall_ms: int = STALL_MS,
        start_ms: int = START_MS,
    ) -> None:
        super().__init__(parent)
        name = engine if engine is not None else os.environ.get("LBPMV_TTS_ENGINE", "")
        self._factory = factory or qt_engine_factory(name)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._closed = False
        self._checked = False
        self._available = False
        self._stalled = False
        self._voices: list[str] = []
        self._speaking = False
        self._sent = 0  # requests sent, numbered from 1
        self._answered = 0  # the last request answered
        self._speech_request = 0  # the last say or stop: older speaking reports are stale
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._stall_ms = stall_ms
        self._start_ms = start_ms
        self._watchdog.timeout.connect(self._on_stalled)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- state ------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """A voice is ready (False while it is being looked for)."""
        self.start()
        return self._available and not self._stalled

    @property
    def checked(self) -> bool:
        """The engine has been looked for (or has stopped answering)."""
        return self._checked or self._stalled

    @property
    def stalled(self) -> bool:
        """The engine stopped answering: read-aloud is off until the app restarts."""
        return self._stalled

    @property
    def speaking(self) -> bool:
        return self._speaking

    def voices(self) -> list[str]:
        self.start()
        return list(self._voices) if self.available else []

    def problem(self) -> str:
        """Why there is no read-aloud, and what to do about it ("" when it works or is being looked for)."""
        if self._stalled:
            return QCoreApplication.translate(
                "Speech",
                "The computer's voice does not answer (check that the sound works). "
                "Read-aloud is off until the app is restarted.",
            )
        if not self._checked or self._available:
            return ""
        return how_to_get_a_voice()

    # -- requests ---------------------------------------------------------------------------
    def start(self) -> None:
        """Look for the engine, in the speech thread (done by the first request anyway)."""
        if self._thread is not None or self._closed:
            return
        _release_finished()
        thread = QThread()
        thread.setObjectName("speech")
        # Owned by the GUI thread's QThread object, which Qt never destroys: see the module's docstring.
        thread.setParent(QThread.currentThread())
        worker = _Worker(self._factory)
        worker.moveToThread(thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._start_requested.connect(worker.start, queued)
        self._say_requested.connect(worker.say, queued)
        self._stop_requested.connect(worker.stop, queued)
        self._configure_requested.connect(worker.configure, queued)
        self._close_requested.connect(worker.close, queued)
        worker.found.connect(self._on_found, queued)
        worker.speaking_changed.connect(self._on_worker_speaking, queued)
        worker.answered.connect(self._on_answered, queued)
        _RUNNING.append((thread, worker))
        # Deleted without shutdown() (by its parent, or by Python): the thread still ends.
        self.destroyed.connect(functools.partial(_ask_to_close, thread, worker))
        weakref.finalize(self, _ask_to_close, thread, worker)
        self._thread, self._worker = thread, worker
        thread.start()
        self._send(self._start_requested, allowance=self._start_ms)

    def configure(self, voice: str, rate: float) -> None:
        if self._usable():
            self._send(self._configure_requested, voice, float(rate))

    def say(self, text: str) -> None:
        if self._usable() and text.strip():
            self._speech_request = self._send(self._say_requested, text)

    def stop(self) -> None:
        """Stop reading: the button shows it at once, whatever the engine takes to obey."""
        if self._thread is None or self._closed or self._stalled:
            self._set_speaking(False)
            return
        self._speech_request = self._send(self._stop_requested)
        self._set_speaking(False)

    def shutdown(self, timeout_ms: int = SHUTDOWN_MS) -> bool:
        """Let the engine go and end its thread, waiting ``timeout_ms`` at most; True when it ended.

        A stuck thread is left behind (it is never destroyed while it runs), and the app quits anyway.
        """
        self._watchdog.stop()
        self._set_speaking(False)
        if self._closed or self._thread is None:
            self._closed = True
            return True
        self._closed = True
        thread = self._thread
        self._close_requested.emit()
        ended = thread.wait(timeout_ms)
        if ended:
            _release_finished()
        else:
            log.warning("the speech engine did not stop within %d ms; left behind", timeout_ms)
        return ended

    # -- internals --------------------------------------------------------------------------
    def _usable(self) -> bool:
        self.start()
        return not self._closed and not self._stalled and (self._available or not self._checked)

    def _send(self, signal: Any, *args: object, allowance: int | None = None) -> int:
        self._sent += 1
        signal.emit(self._sent, *args)
        if not self._watchdog.isActive():
            self._watchdog.start(allowance or self._stall_ms)
        return self._sent

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)

    def _on_found(self, available: bool, voices: list[str]) -> None:
        self._checked = True
        self._available = bool(available)
        self._voices = [str(name) for name in voices]
        if not self._stalled:
            self.availability_changed.emit(self._available)

    def _on_worker_speaking(self, request: int, speaking: bool) -> None:
        if request >= self._speech_request and not self._closed and not self._stalled:
            self._set_speaking(bool(speaking))

    def _on_answered(self, request: int) -> None:
        self._answered = max(self._answered, request)
        if self._answered >= self._sent:
            self._watchdog.stop()
        else:
            self._watchdog.start(self._stall_ms)  # it is moving: give the next request its own time

    def _on_stalled(self) -> None:
        if self._answered >= self._sent or self._closed:
            return
        log.warning("the speech engine does not answer; read-aloud is switched off")
        self._stalled = True
        self._set_speaking(False)
        self.availability_changed.emit(False)


def how_to_get_a_voice(platform: str = sys.platform) -> str:
    """In plain words, how to install a voice on this computer's system."""
    if platform == "win32":
        return QCoreApplication.translate(
            "Speech",
            "Read-aloud needs a voice on this computer. To add a French voice, open the Windows "
            "Settings › Time & language › Speech, choose “Add voices” and pick Français (France). "
            "Then restart the app.",
        )
    if platform == "darwin":
        return QCoreApplication.translate(
            "Speech",
            "Read-aloud needs a voice on this computer. Add a French voice in System Settings › "
            "Accessibility › Spoken Content, then restart the app.",
        )
    return QCoreApplication.translate(
        "Speech",
        "Read-aloud needs a voice on this computer. Install the “speech-dispatcher” and “espeak-ng” "
        "packages (in the software centre, look for “Speech synthesis”), then restart the app.",
    )
