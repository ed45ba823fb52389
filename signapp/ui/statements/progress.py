"""Progress of a statement: counts by status, confirmations over time, and by country."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from sqlite_utils import Database

from signapp.core.progress import NO_COUNTRY, CollectionProgress, collection_progress
from signapp.core.tally import SignOnTally
from signapp.i18n import _, country_name, format_date, ngettext
from signapp.ui.palette import is_dark
from signapp.ui.statements.tally_words import tally_header, tally_sentence

COUNTRIES_SHOWN = 10
CHART_MINIMUM_HEIGHT = 300
COUNTRY_CHART_MINIMUM_HEIGHT = 420
COUNTRY_LABEL_LENGTH = 20  # "United Kingdom", "Papua New Guinea" fit beside a bar
TALLY_COLOURS = {
    "invited": QColor("#9fb3c8"),
    "pending": QColor("#f0b429"),
    "confirmed": QColor("#2f9e44"),
    "to_reconfirm": QColor("#e8590c"),
    "declined": QColor("#c92a2a"),
    "withdrawn": QColor("#868e96"),
}


def _msecs(day: date) -> float:
    return float(QDateTime(datetime.combine(day, time(12))).toMSecsSinceEpoch())


def _chart(title: str) -> QChart:
    chart = QChart()
    # The theme first: it sets every colour, the series' included. On a dark palette
    # the charts were white panels.
    if is_dark():
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(320, 240)
    return view


def _count_axis(highest: int) -> QValueAxis:
    """An axis of whole numbers from 0, with at most about six ticks."""
    rough = max(highest / 5, 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    axis = QValueAxis()
    axis.setRange(0, step * (math.ceil(highest / step) + 1) if highest else 1)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    return axis


def cumulative_chart(progress: CollectionProgress, today: date) -> QChart:
    """Cumulative confirmations by the date received, with the deadline as a red line."""
    chart = _chart(_("Confirmations over time"))
    curve = QLineSeries()
    curve.setName(_("Confirmed (cumulative)"))
    curve.setPointsVisible(True)
    points = progress.confirmations_over_time
    if points:
        # Start from nothing the day before the first confirmation, so one day draws a line.
        curve.append(_msecs(points[0][0] - timedelta(days=1)), 0)
    for day, total in points:
        curve.append(_msecs(day), total)
    chart.addSeries(curve)
    days = [day for day, _ in points] or [today]
    if points:
        days.append(points[0][0] - timedelta(days=1))
    if progress.deadline is not None:
        days.append(progress.deadline)
    first, last = min(days), max(days)
    if first == last:
        first = date.fromordinal(first.toordinal() - 1)
        last = date.fromordinal(last.toordinal() + 1)
    highest = max((total for _, total in points), default=0)
    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM")
    x_axis.setRange(
        QDateTime(datetime.combine(first, time(0))), QDateTime(datetime.combine(last, time(23)))
    )
    x_axis.setTickCount(min((last - first).days + 1, 8))
    y_axis = _count_axis(highest)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    curve.attachAxis(x_axis)
    curve.attachAxis(y_axis)
    if progress.deadline is not None:
        deadline = QLineSeries()
        deadline.setName(_("Deadline {deadline}").format(deadline=format_date(progress.deadline)))
        deadline.setPen(QPen(QColor("#c92a2a"), 2, Qt.PenStyle.DashLine))
        deadline.append(_msecs(progress.deadline), 0)
        deadline.append(_msecs(progress.deadline), y_axis.max())
        chart.addSeries(deadline)
        deadline.attachAxis(x_axis)
        deadline.attachAxis(y_axis)
    return chart


def progress_tally(progress: CollectionProgress) -> SignOnTally:
    return SignOnTally.from_counts(progress.by_status, progress.needs_reconfirmation)


def status_chart(progress: CollectionProgress) -> QChart:
    chart = _chart(_("Sign-ons by status"))
    # One stacked set per count, zero outside its own column: one full bar per count.
    series = QStackedBarSeries()
    counts = progress_tally(progress).items()
    categories = [tally_header(key) for key, _count in counts]
    for key, count in counts:
        bar = QBarSet(tally_header(key))
        bar.setColor(TALLY_COLOURS[key])
        bar.append([count if other == key else 0 for other, _count in counts])
        series.append(bar)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    chart.legend().setVisible(False)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories)
    x_axis.setTruncateLabels(False)
    y_axis = _count_axis(max(count for _key, count in counts))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    return chart


def _country_label(code: str) -> str:
    """Short enough to fit beside a bar: the common name, or the code for long names."""
    if code == NO_COUNTRY:
        return "none"
    name = country_name(code)
    return name if len(name) <= COUNTRY_LABEL_LENGTH else code


def country_chart(progress: CollectionProgress) -> QChart:
    """The countries with most confirmations, as stacked horizontal bars."""
    chart = _chart(_("By country (top {count})").format(count=COUNTRIES_SHOWN))
    shown = list(reversed(progress.by_country[:COUNTRIES_SHOWN]))
    confirmed = QBarSet(_("Confirmed"))
    confirmed.setColor(TALLY_COLOURS["confirmed"])
    other = QBarSet(_("Not (yet) confirmed"))
    other.setColor(TALLY_COLOURS["invited"])
    confirmed.append([counts.confirmed for counts in shown])
    other.append([counts.other for counts in shown])
    series = QHorizontalStackedBarSeries()
    series.append(confirmed)
    series.append(other)
    chart.addSeries(series)
    y_axis = QBarCategoryAxis()
    y_axis.append([_country_label(c.country) for c in shown])
    y_axis.setTruncateLabels(False)
    x_axis = _count_axis(max([c.confirmed + c.other for c in shown], default=0))
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return chart


class ProgressView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._statement_id: int | None = None
        self.progress: CollectionProgress | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.over_time = _chart_view()
        self.by_status = _chart_view()
        self.by_country = _chart_view()
        # Below this height the country names no longer fit: the charts scroll instead.
        self.by_country.setMinimumHeight(COUNTRY_CHART_MINIMUM_HEIGHT)
        self.by_status.setMinimumHeight(COUNTRY_CHART_MINIMUM_HEIGHT)
        self.over_time.setMinimumHeight(CHART_MINIMUM_HEIGHT)
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.over_time, 0, 0, 1, 2)
        grid.addWidget(self.by_status, 1, 0)
        grid.addWidget(self.by_country, 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(charts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

    def set_statement(self, statement_id: int | None) -> None:
        """Choose the statement; a hidden tab works its figures out when it is looked at
        (see ``StatementsView._refresh_current_tab``)."""
        self._statement_id = statement_id
        if self.isVisible():
            self.refresh()

    def refresh(self, today: date | None = None) -> None:
        if self._statement_id is None:
            self.progress = None
            self.summary.setText(_("Choose a statement."))
            return
        progress = collection_progress(self._db, self._statement_id)
        self.progress = progress
        lines = [tally_sentence(progress_tally(progress))]
        if progress.confirmed_without_date:
            undated = progress.confirmed_without_date
            lines.append(
                ngettext(
                    "{count:,} confirmation has no date and is not in the curve.",
                    "{count:,} confirmations have no date and are not in the curve.",
                    undated,
                ).format(count=undated)
            )
        if progress.deadline is not None:
            days_left = (progress.deadline - (today or date.today())).days
            lines.append(
                ngettext(
                    "Deadline {deadline} ({count:,} day left).",
                    "Deadline {deadline} ({count:,} days left).",
                    days_left,
                ).format(deadline=format_date(progress.deadline), count=days_left)
                if days_left >= 0
                else _("Deadline {deadline} has passed.").format(
                    deadline=format_date(progress.deadline)
                )
            )
        self.summary.setText(" ".join(lines))
        for view, chart in (
            (self.over_time, cumulative_chart(progress, today or date.today())),
            (self.by_status, status_chart(progress)),
            (self.by_country, country_chart(progress)),
        ):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
