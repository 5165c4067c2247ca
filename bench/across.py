"""CPU time of the checks across years (``juesuan check --previous``) on the Jiangsu
budget series, against reading the two reports they compare (the work a reviewer's
tool has to do anyway).

For each pair (this year, last year) of the four departments: the read of both reports,
then ``checks.across.check_previous`` alone; best of N. The ratio says what the
comparison adds to reading: a comparison that costs more than a read would be the thing
to make faster.

Usage: python bench/across.py [REPEAT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from timing import best_cpu

from juesuan.checks.across import check_previous
from juesuan.read import read_path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real" / "yusuan"


def text_file(department: str, year: int) -> Path:
    for suffix in ("-budget.pdf", "-budget-text.pdf"):
        path = FIXTURES / f"jiangsu-{department}-{year}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(department, year)


def main(repeat: int) -> None:
    total_read = total_check = 0.0
    print(f"{'pair':34} {'read both (ms)':>15} {'--previous (ms)':>16} {'ratio':>7}")
    for department in ("procuratorate", "npc-office", "cppcc-office", "party-office"):
        for year in (2018, 2019):
            current, previous = text_file(department, year), text_file(department, year - 1)
            read = best_cpu(lambda: (read_path(current), read_path(previous)), repeat)
            now, last = read_path(current), read_path(previous)
            compare = best_cpu(lambda: check_previous(now, last, previous.name), repeat)
            total_read += read
            total_check += compare
            print(
                f"{department + ' ' + str(year) + '/' + str(year - 1):34} {read * 1000:15.1f} {compare * 1000:16.2f} {compare / read:7.3f}"
            )
    print(f"{'all 8 pairs':34} {total_read * 1000:15.1f} {total_check * 1000:16.2f} {total_check / total_read:7.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
