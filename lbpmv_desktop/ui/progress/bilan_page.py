"""Mon bilan: what I have done, my help requests, my confidence over time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal

from lbpmv_desktop.ui import theme
from lbpmv_desktop.ui.progress.confidence_chart import ConfidenceChart
from lbpmv_desktop.ui.widgets.common import Card, ReflowRow, ScrollPage, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QLabel, QWidget

    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.settings import Settings


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y")


class BilanPage(ScrollPage):
    """A summary, refreshed from ``AppSession.status_changed``.

    Signals:
        send_requested: the merchant wants to send their progress to the animator.
    """

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self.body
        # The title and the button side by side when they fit, one under the other otherwise.
        title_row = FlowLayout(spacing=16)
        title_row.addWidget(make_label(self.tr("My progress"), "title"))
        self.send_button = wrap_button(self.tr("Send my progress to my animator…"), "primary")
        self.send_button.clicked.connect(self.send_requested.emit)
        title_row.addWidget(self.send_button)
        layout.addLayout(title_row)

        numbers = ReflowRow(spacing=12)
        numbers.row.setAlignment(Qt.AlignmentFlag(0))  # the three cards share the width
        self.steps_number = make_label("0", "big-number")
        self.tutorials_number = make_label("0", "big-number")
        self.minutes_number = make_label("0", "big-number")
        # A screen reader reads each number with what it counts (« 8 étapes faites »).
        self._captions: dict[QLabel, str] = {}
        for value, caption in (
            (self.steps_number, self.tr("steps done")),
            (self.tutorials_number, self.tr("tutorials finished")),
            (self.minutes_number, self.tr("minutes of learning")),
        ):
            card = Card()
            card.body.addWidget(value)
            card.body.addWidget(make_label(caption))
            self._captions[value] = caption
            numbers.row.addWidget(card, 1)
        layout.addWidget(numbers)

        done_card = Card()
        done_card.body.addWidget(make_label(self.tr("What I have done"), "subtitle"))
        self.done_list = make_label("")
        done_card.body.addWidget(self.done_list)
        layout.addWidget(done_card)

        help_card = Card()
        help_card.body.addWidget(make_label(self.tr("My help requests"), "subtitle"))
        self.help_list = make_label("")
        help_card.body.addWidget(self.help_list)
        layout.addWidget(help_card)

        chart_card = Card()
        chart_card.body.addWidget(make_label(self.tr("My confidence over time"), "subtitle"))
        chart_card.body.addWidget(
            make_label(
                self.tr("From 1 (not at all capable) to 5 (completely). ○ before a tutorial, ■ after."),
                "muted",
            )
        )
        self.chart = ConfidenceChart()
        self.chart.setAccessibleName(self.tr("Chart of my confidence over time"))
        chart_card.body.addWidget(self.chart)
        self.chart_text = make_label("", "muted")
        chart_card.body.addWidget(self.chart_text)
        layout.addWidget(chart_card)
        layout.addStretch(1)

    def show_status(self, status: Status, catalogue: Catalogue, settings: Settings) -> None:
        minutes = 0
        for tutorial_id, progress in status.tutorials.items():
            tutorial = catalogue.get(tutorial_id)
            if tutorial is not None:
                minutes += sum(s.minutes for s in tutorial.steps if s.id in progress.done)
        for label, value in (
            (self.steps_number, status.steps_done),
            (self.tutorials_number, status.tutorials_done),
            (self.minutes_number, minutes),
        ):
            label.setText(str(value))
            label.setAccessibleName(f"{value} {self._captions[label]}")

        lines = []
        for tutorial_id in status.path:
            progress = status.tutorials[tutorial_id]
            tutorial = catalogue.get(tutorial_id)
            if tutorial is None:
                continue
            if progress.finished:
                lines.append(
                    self.tr("✓ {title} — finished on {day}").format(
                        title=tutorial.title, day=_day(status.finished_at[tutorial_id])
                    )
                )
            elif progress.done_count:
                lines.append(
                    self.tr("… {title} — {done} of {total} steps done").format(
                        title=tutorial.title, done=progress.done_count, total=progress.total
                    )
                )
        if status.posters_made:
            lines.append(self.tr("✓ Posters made: {count}").format(count=status.posters_made))
        if status.photos_exported:
            lines.append(
                self.tr("✓ Photos prepared in the studio: {count}").format(count=status.photos_exported)
            )
        self.done_list.setText(
            "\n".join(lines) if lines else self.tr("Nothing yet: your first step is waiting for you!")
        )

        requests = []
        for request in status.help_requests:
            tutorial = catalogue.get(request.tutorial)
            step = tutorial.step(request.step) if tutorial else None
            where = f"{tutorial.title} › {step.title}" if tutorial and step else request.tutorial
            state = self.tr("answered") if request.answered else self.tr("waiting for your animator")
            comment = f" — «\u00a0{request.comment}\u00a0»" if request.comment else ""
            requests.append(f"{_day(request.at)} · {where}{comment} ({state})")
        self.help_list.setText("\n".join(requests) if requests else self.tr("No help request."))

        points = list(status.confidence)
        colours = theme.colours(settings)
        self.chart.set_points(points, colours.primary, colours.text)
        self.chart.setVisible(bool(points))
        described = []
        for point in points:
            tutorial = catalogue.get(point.tutorial)
            moment = self.tr("before") if point.moment == "start" else self.tr("after")
            described.append(
                self.tr("{day} · {title} ({moment}): {value} out of 5").format(
                    day=_day(point.at),
                    title=tutorial.title if tutorial else point.tutorial,
                    moment=moment,
                    value=point.value,
                )
            )
        self.chart_text.setText(
            "\n".join(described)
            if described
            else self.tr("You will rate your confidence at the start and end of each tutorial.")
        )
