"""Charts as SVG drawn by code: composition of income and expenditure, and the
year-on-year changes. Pure functions of (label, Decimal) items; no chart library."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..model.change import money, percent
from .document import Chart

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#718096")
FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
WIDTH = 640


def _svg(title: str, height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{FONT}" font-size="12" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<text x="{WIDTH // 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def composition(title: str, items: list[tuple[str, Decimal]]) -> Chart | None:
    """One stacked bar of the parts' shares, and a legend with amounts and shares."""
    items = [(label, value) for label, value in items if value > 0]
    total = sum((v for _, v in items), Decimal(0))
    if not items or total <= 0:
        return None
    left, right, bar_y, bar_h = 20, WIDTH - 20, 34, 28
    span = right - left
    body: list[str] = []
    x = float(left)
    for i, (_, value) in enumerate(items):
        w = float(value / total) * span
        body.append(f'<rect x="{x:.1f}" y="{bar_y}" width="{max(w, 0.5):.1f}" height="{bar_h}" fill="{PALETTE[i % len(PALETTE)]}"/>')
        x += w
    legend_y = bar_y + bar_h + 22
    shown = []
    for i, (label, value) in enumerate(items):
        y = legend_y + i * 20
        share = f"{percent(value, total)}%"
        body.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(f'<text x="{left + 18}" y="{y}">{escape(label)}</text>')
        body.append(f'<text x="{right}" y="{y}" text-anchor="end">{escape(money(value))}　{share}</text>')
        shown.append((label, f"{money(value)}（{share}）"))
    height = legend_y + len(items) * 20
    return Chart(title, _svg(title, height, body), tuple(shown))


def changes(title: str, items: list[tuple[str, Decimal, Decimal]]) -> Chart | None:
    """Diverging bars of (this year − last year) per item, labelled with the change."""
    rows = [(label, now - before) for label, now, before in items if now != 0 or before != 0]
    if not rows:
        return None
    largest = max(abs(d) for _, d in rows) or Decimal(1)
    label_w, top, row_h = 200, 34, 24
    mid = label_w + (WIDTH - label_w) // 2
    half = (WIDTH - label_w) // 2 - 95
    body = [f'<line x1="{mid}" y1="{top - 4}" x2="{mid}" y2="{top + len(rows) * row_h}" stroke="#555" stroke-width="0.8"/>']
    shown = []
    for i, (label, delta) in enumerate(rows):
        y = top + i * row_h
        w = float(abs(delta) / largest) * half
        colour = "#2f855a" if delta > 0 else "#c53030"
        x = mid if delta >= 0 else mid - w
        text = ("+" if delta > 0 else "−" if delta < 0 else "") + money(abs(delta))
        body.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row_h - 8}" fill="{colour}"/>')
        tx, anchor = (mid + w + 4, "start") if delta >= 0 else (mid - w - 4, "end")
        body.append(f'<text x="{tx:.1f}" y="{y + 15}" text-anchor="{anchor}">{escape(text)}</text>')
        shown.append((label, text))
    return Chart(title, _svg(title, top + len(rows) * row_h + 8, body), tuple(shown))
