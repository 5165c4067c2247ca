"""Unruled tables (placeholder, replaced below)."""

def lines_to_grid(lines, profile):
    return None
