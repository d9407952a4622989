"""Read-aloud through QtTextToSpeech, imported lazily and degrading gracefully.

QtTextToSpeech needs extra system libraries on Linux (``libpulse``) and a voice: when either is
missing, ``Speech.available`` is False and the screens hide the button with a short
explanation. Tests use the ``mock`` engine (``LBPMV_TTS_ENGINE=mock``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Speech(QObject):
    """One text-to-speech engine for the whole app.

    Signals:
        speaking_changed(bool): reading started or stopped.
    """

    speaking_changed = Signal(bool)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine if engine is not None else os.environ.get("LBPMV_TTS_ENGINE", "")
        self._tts: Any = None
        self._tried = False
        self._speaking = False

    def _engine(self) -> Any:
        if self._tried:
            return self._tts
        self._tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # missing system library: no read-aloud here
            log.info("text to speech unavailable: %s", error)
            return None
        engines = QTextToSpeech.availableEngines()
        name = self._engine_name if self._engine_name in engines else ""
        if not engines:
            return None
        tts = QTextToSpeech(name, self) if name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error or not tts.availableVoices():
            log.info("text to speech has no voice (engine %r)", tts.engine())
            tts.deleteLater()
            return None
        tts.stateChanged.connect(self._on_state_changed)
        self._tts = tts
        return tts

    @property
    def available(self) -> bool:
        return self._engine() is not None

    @property
    def speaking(self) -> bool:
        return self._speaking

    def voices(self) -> list[str]:
        tts = self._engine()
        return [voice.name() for voice in tts.availableVoices()] if tts else []

    def configure(self, voice: str, rate: float) -> None:
        tts = self._engine()
        if tts is None:
            return
        tts.setRate(rate)
        for candidate in tts.availableVoices():
            if candidate.name() == voice:
                tts.setVoice(candidate)
                break

    def say(self, text: str) -> None:
        tts = self._engine()
        if tts is not None and text.strip():
            tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def _on_state_changed(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speaking = state == QTextToSpeech.State.Speaking
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)
