"""Charts as inline SVG, drawn on the server (no JavaScript chart library)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

_PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030")


def bar_chart(title: str, items: Sequence[tuple[str, Decimal | None]], unit: str = "万元", width: int = 640) -> Markup:
    """Horizontal bars, one per item, the value as printed at the end of each bar."""
    label_width, bar_height, gap, top = 200, 20, 8, 28
    values = [v for _, v in items if v is not None]
    largest = max((abs(v) for v in values), default=Decimal(0)) or Decimal(1)
    span = width - label_width - 90
    height = top + len(items) * (bar_height + gap) + 4
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}（{escape(unit)}）</text>',
    ]
    for i, (name, value) in enumerate(items):
        y = top + i * (bar_height + gap)
        short = name if len(name) <= 14 else name[:13] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" class="chart-label"><title>{escape(name)}</title>{escape(short)}</text>'
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 15}" class="chart-value">未列示</text>')
            continue
        length = int(abs(value) / largest * span) if value else 0
        colour = _PALETTE[i % len(_PALETTE)]
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" fill="{colour}"><title>{escape(name)}：{value:,}{escape(unit)}</title></rect>'
        )
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 15}" class="chart-value">{value:,}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
