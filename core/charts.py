"""Horizontal bar charts drawn on the server as inline SVG: no scripts, and they print."""

from dataclasses import dataclass

WIDTH = 640
LABEL_RIGHT = 292  # labels end here, right-aligned
BAR_LEFT = 300
BAR_MAX = 280  # leaves room for the value after the longest bar
ROW = 32
BAR_HEIGHT = 20
TOP = 6
LABEL_CHARS = 36


@dataclass(frozen=True)
class Bar:
    """One bar: its label (shortened to fit), value and where it is drawn."""

    label: str
    short_label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    """A bar chart's geometry and its text alternative, rendered by includes/bar_chart.html."""

    id: str
    title: str
    bars: tuple
    width: int = WIDTH
    label_x: int = LABEL_RIGHT
    bar_x: int = BAR_LEFT
    bar_height: int = BAR_HEIGHT

    @property
    def height(self):
        return TOP * 2 + ROW * len(self.bars)


def shorten(label, limit=LABEL_CHARS):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(chart_id, caption, values):
    """A Chart of [(label, value)], or None when every value is zero (nothing to draw)."""
    values = list(values)
    biggest = max((value for _label, value in values), default=0)
    if biggest <= 0:
        return None
    bars = []
    for index, (label, value) in enumerate(values):
        y = TOP + index * ROW + (ROW - BAR_HEIGHT) // 2
        width = round(BAR_MAX * value / biggest)
        bars.append(
            Bar(
                label=label,
                short_label=shorten(label),
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 4,
                value_x=BAR_LEFT + width + 6,
            )
        )
    described = ", ".join(f"{label}: {value:,}" for label, value in values)
    return Chart(id=chart_id, title=f"Bar chart: {caption}. {described}.", bars=tuple(bars))
