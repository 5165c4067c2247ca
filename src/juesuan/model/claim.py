"""Claims: the figures the narrative (情况说明) states, as typed records.

A claim is what one statement of the text says about one quantity: its amount, its
change against a base, a completion rate, a share, or a count. Claims are derived
from a Report (``juesuan.claims.extract``); they are not part of the Report, so
its canonical JSON does not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .prose import FALL
from .report import Source

# amount: a quantity with its amount; change: against a base (上年决算数, 年初预算数);
# completion: executed against a budget; share: 占Z%; count: 车辆, 团组, 人次, 项目个数;
# figure: any other number of the text, kept so that coverage is visible.
CLAIM_KINDS: tuple[str, ...] = ("amount", "change", "completion", "share", "count", "figure")


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # one of CLAIM_KINDS
    quantity: str  # id from the profile's phrase table (narrative.quantities); '' when not understood
    subject: str  # the words naming the quantity, as printed
    section: str  # narrative section id ('income', 'sangong', …; 'overview' for 概况)
    amount: Decimal | None = None  # the stated current amount, count, or executed amount
    unit: str = ""  # '万元' | '元' | '亿元' | '%' | '辆' | '个' | …
    base: str = ""  # '上年决算数' | '年初预算数' | '全年预算' | '预算' (change and completion)
    reference: Decimal | None = None  # the base amount printed (completion: the budget)
    change: Decimal | None = None  # the change as printed (a magnitude; its sign is the direction)
    direction: str = ""  # the word before the change amount: 增加 | 减少
    trend: str = ""  # the word before the percent: 增长 | 下降
    percent: Decimal | None = None  # None when printed as '--' or absent
    flat: bool = False  # 与上年决算数持平
    base_zero: bool = False  # --（基数为0，不可比）
    share_of: str = ""  # the quantity id a share is taken of ('' when not understood)
    share_of_text: str = ""  # what the text says it is a share of, as printed
    base_year: int | None = None  # the year a change is compared with, when named ('比2023年度')
    relation: str = ""  # a completion's wording of 决算 against 预算: '持平' | '小于' | '大于'
    item: tuple[str, ...] = ()  # the subject as 类/款/项 names ('社会保障和就业支出', '行政事业单位养老支出', …)
    quote: str = ""  # the statement as printed, lines joined
    source: Source | None = None  # page and line where the statement begins
    part: str = "narrative"  # 'narrative' | 'overview'
    paragraph: int = 0  # index in Report.narrative (or Report.overview)
    start: int = 0  # character span of the statement in the paragraph text
    end: int = 0

    @property
    def signed_change(self) -> Decimal | None:
        """The change with its sign: negative for 减少/下降, zero for 持平."""
        if self.flat:
            return Decimal(0)
        if self.change is None:
            return None
        word = self.direction or self.trend
        return -self.change if word in FALL else self.change
