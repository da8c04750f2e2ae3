"""Charts: one description, two renderings.

A chart is described once in Python (`Chart`: a kind, category labels and named series). On a page it is drawn
by the vendored ECharts (static/vendor/echarts, no CDN; static/js/charts.js reads the option from a
`json_script` block, so the content security policy still forbids inline script). In a PDF — WeasyPrint runs no
JavaScript — the same description is drawn as SVG on the server (`Chart.svg()`), so a page and its print agree.

    chart = Chart(kind="bar", title=_("Grades"), labels=["A", "B", "C", "D"],
                  series=[Series(_("Sheets"), [3, 9, 4, 1])])
    {% load charts %}{% chart chart "grades" %} … {% chart_scripts %}      (page)
    {{ chart.svg }}                                                        (PDF template)
"""

from dataclasses import dataclass, field
from html import escape
from typing import Literal

from django.utils.safestring import mark_safe

PALETTE = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4"]


@dataclass
class Series:
    name: str
    values: list[float | int]
    kind: Literal["bar", "line"] | None = None  # None: the chart's kind (a line over bars, e.g. authorised headcount)


@dataclass
class Chart:
    kind: Literal["bar", "line", "pie", "hbar"]
    labels: list[str]
    series: list[Series]
    title: str = ""
    stacked: bool = False
    unit: str = ""
    height: int = 320
    extra: dict = field(default_factory=dict)  # merged into the ECharts option (rarely needed)

    def option(self) -> dict:
        """The ECharts option (plain JSON: labels and numbers, already translated)."""
        labels = [str(label) for label in self.labels]
        if self.kind == "pie":
            first = self.series[0] if self.series else Series("", [])
            option = {
                "tooltip": {"trigger": "item"},
                "legend": {"bottom": 0, "type": "scroll"},
                "series": [
                    {
                        "type": "pie",
                        "name": str(first.name),
                        "radius": ["35%", "65%"],
                        "data": [{"name": n, "value": v} for n, v in zip(labels, first.values, strict=False)],
                    }
                ],
            }
        else:
            horizontal = self.kind == "hbar"
            category = {"type": "category", "data": labels, "axisLabel": {"interval": 0, "hideOverlap": True}}
            value = {"type": "value", "name": str(self.unit) if self.unit else "", "minInterval": 1}
            option = {
                "tooltip": {"trigger": "axis"},
                "legend": {"bottom": 0, "type": "scroll"} if len(self.series) > 1 else {"show": False},
                "grid": {"left": 8, "right": 16, "top": 32, "bottom": 40, "containLabel": True},
                "xAxis": value if horizontal else category,
                "yAxis": category if horizontal else value,
                "series": [
                    {
                        "type": s.kind or ("bar" if self.kind in ("bar", "hbar") else "line"),
                        "name": str(s.name),
                        "data": list(s.values),
                        **({"stack": "total"} if self.stacked and (s.kind or self.kind) != "line" else {}),
                    }
                    for s in self.series
                ],
            }
        if self.title:
            option["title"] = {"text": str(self.title), "left": "center", "textStyle": {"fontSize": 14}}
        option["color"] = PALETTE
        option.update(self.extra)
        return option

    @property
    def empty(self) -> bool:
        return not any(any(v for v in s.values) for s in self.series)

    def svg(self, width: int = 640) -> str:
        """The chart as inline SVG for printed forms (bars, lines and pies; a legend when several series)."""
        # Every text in the SVG passes through html.escape (_text); the rest is numbers and fixed markup.
        return mark_safe(_pie_svg(self, width) if self.kind == "pie" else _axis_svg(self, width))  # noqa: S308


def _text(x, y, text, *, size=11, anchor="middle", weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}">{escape(str(text))}</text>'
    )


def _legend(chart: Chart, y: float, width: int) -> list[str]:
    if len(chart.series) < 2:
        return []
    parts, x = [], 10.0
    for i, s in enumerate(chart.series):
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        parts.append(_text(x + 14, y, s.name, anchor="start"))
        x += 24 + 12 * len(str(s.name))
    return parts


def _axis_svg(chart: Chart, width: int) -> str:
    height = chart.height
    top = 30 if chart.title else 12
    bottom = 48 if len(chart.series) > 1 else 28
    left, right = 44, 10
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(chart.labels), 1)
    if chart.stacked:
        # range(n): at least one slot, even for a chart without data (whose series are empty).
        totals = [
            sum(s.values[i] for s in chart.series if (s.kind or chart.kind) != "line" and i < len(s.values))
            for i in range(n)
        ]
        peak = max(totals + [v for s in chart.series if s.kind == "line" for v in s.values] + [0])
    else:
        peak = max([v for s in chart.series for v in s.values] + [0])
    peak = peak or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart-svg">'
    ]
    if chart.title:
        out.append(_text(width / 2, 18, chart.title, size=13, weight="bold"))
    for step in range(5):  # gridlines and their values
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(_text(left - 4, y + 4, f"{value:.0f}" if peak >= 4 else f"{value:.1f}", size=9, anchor="end"))
    slot = plot_w / n
    bars = [s for s in chart.series if (s.kind or chart.kind) in ("bar", "hbar")]
    lines = [s for s in chart.series if (s.kind or chart.kind) == "line"]
    bar_w = slot * 0.7 / (1 if chart.stacked else max(len(bars), 1))
    base = [0.0] * n
    for bi, s in enumerate(bars):
        colour = PALETTE[chart.series.index(s) % len(PALETTE)]
        for i, v in enumerate(s.values):
            h = plot_h * (v or 0) / peak
            x = left + slot * i + slot * 0.15 + (0 if chart.stacked else bar_w * bi)
            y = top + plot_h - h - (plot_h * base[i] / peak if chart.stacked else 0)
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
            if v and not chart.stacked:
                out.append(_text(x + bar_w / 2, y - 3, v, size=9))
            if chart.stacked:
                base[i] += v or 0
    for s in lines:
        colour = PALETTE[chart.series.index(s) % len(PALETTE)]
        points = " ".join(
            f"{left + slot * i + slot / 2:.1f},{top + plot_h - plot_h * (v or 0) / peak:.1f}"
            for i, v in enumerate(s.values)
        )
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for i, label in enumerate(chart.labels):
        out.append(_text(left + slot * i + slot / 2, top + plot_h + 14, label, size=9))
    out += _legend(chart, height - 8, width)
    out.append("</svg>")
    return "".join(out)


def _pie_svg(chart: Chart, width: int) -> str:
    import math

    height = chart.height
    values = list(chart.series[0].values) if chart.series else []
    total = sum(v or 0 for v in values) or 1
    cx, cy, r = width * 0.3, height / 2 + (8 if chart.title else 0), min(width * 0.25, height / 2 - 24)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart-svg">'
    ]
    if chart.title:
        out.append(_text(width / 2, 18, chart.title, size=13, weight="bold"))
    angle = -math.pi / 2
    for i, v in enumerate(values):
        share = (v or 0) / total
        colour = PALETTE[i % len(PALETTE)]
        if share >= 0.9999:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{colour}"/>')
        elif share > 0:
            end = angle + 2 * math.pi * share
            x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
            x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
            large = 1 if share > 0.5 else 0
            out.append(
                f'<path d="M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} A{r:.1f},{r:.1f} 0 {large} 1 {x2:.1f},{y2:.1f} Z" '
                f'fill="{colour}"/>'
            )
            angle = end
        ly = 40 + i * 18
        out.append(f'<rect x="{width * 0.62:.1f}" y="{ly - 10}" width="10" height="10" fill="{colour}"/>')
        out.append(_text(width * 0.62 + 16, ly, f"{chart.labels[i]}: {v} ({share:.0%})", anchor="start"))
    out.append("</svg>")
    return "".join(out)
