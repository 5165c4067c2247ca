"""juesuan check on the 28 real 预算 PDFs: every error and warning it reports, and nothing else.

Each expected finding was confirmed on the document (pdftotext of the page, and the rendered
page where layout matters): the template alternatives the Jiangsu NPC office left in, the
doubled full stop, the half-width brackets and the amounts without 元 of the Putuo reports, and
the Wanli 三公 table whose note calls it empty above its figures, the subject codes printed
wrong (Wanli 2024 “301 2”, the welfare home's “7 11 02”). Every budget identity
(checks/budget_rules.py) holds on every other table of the corpus. A report with no entry here
must raise no error or warning at all: a false finding on a correct report is the worst defect.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from test_checks_catalog_real import EXPECTED as CATALOG_EXPECTED

from juesuan.checks import check
from juesuan.read import read_path

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"
PDFS = sorted(p.name for p in YUSUAN.glob("*.pdf"))

_ALTERNATIVES = "情况说明中遗留了模板备选词“增加（减少）”“增长（减少）”，应只保留实际情况"
_ONE_ALTERNATIVE = "情况说明中遗留了模板备选词“增加（减少）”，应只保留实际情况"

# file → [(rule, page, message, start of the quote)]
EXPECTED: dict[str, list[tuple[str, int, str, str]]] = {
    "jiangsu-npc-office-2018-budget.pdf": [
        ("JS822", 19, _ALTERNATIVES, "（2）政府性基金收入预算0万元"),
        ("JS822", 19, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
        ("JS822", 20, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
        ("JS822", 20, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
        ("JS822", 28, _ONE_ALTERNATIVE, "（1）公务用车购置预算支出0万元"),
        ("JS822", 28, _ALTERNATIVES, "与上年相比增加（减少）0 万元"),
        (
            "JS822",
            29,
            "情况说明中遗留了模板备选词“增加（减少）”“增长（降低）”，应只保留实际情况",
            "2018年本部门国有资本经营预算收入为0万元",
        ),
        ("JS824", 25, "情况说明中标点重复或混用：“。。”", "主要原因是退休人员工资由社保部门统一发放"),
    ],
    "jiangsu-npc-office-2019-budget.pdf": [
        ("JS822", 9, _ALTERNATIVES, "（2）政府性基金收入预算0万元"),
        ("JS822", 9, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
        ("JS822", 9, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
        # 4．上年结转资金… runs from page 9 onto page 10 past the footer ─7─
        ("JS822", 9, _ALTERNATIVES, "与上年相比增加（减少）0万元，增长（减少）0%。"),
        ("JS822", 16, _ONE_ALTERNATIVE, "（1）公务用车购置预算支出0万元"),
        ("JS822", 16, _ONE_ALTERNATIVE, "（2）公务用车运行维护费预算支出183.6万元"),
        ("JS822", 16, _ALTERNATIVES, "与上年相比增加（减少）0万元"),
    ],
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf": [
        # p29 prints the 款 of 30102 and 30107 as 301 2 and 301 7 (catalog findings: tests/test_checks_catalog_real.py)
        (
            "JS605",
            0,
            "2024年部门一般公共预算基本支出部门预算经济分类预算表 3012 津贴补贴：3012 不是2024年部门预算支出经济分类的科目编码（应为 3 或 5 位）",
            "",
        ),
        (
            "JS605",
            0,
            "2024年部门一般公共预算基本支出部门预算经济分类预算表 3017 绩效工资：3017 不是2024年部门预算支出经济分类的科目编码（应为 3 或 5 位）",
            "",
        ),
        (
            "JS614",
            31,
            "部门“三公”经费和机关运行经费预算表 表注称“故本表为空表”，但「2024年“三公”经费预算数 合计」栏为 47.91，表中有数",
            "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。",
        ),
    ],
    "shanghai-putuo-finance-bureau-2025-budget.pdf": [
        # the next sentence breaks 100万 / 元（含） at the line end and is right
        ("JS828", 22, "情况说明中“100万”的金额单位缺少“元”", "单价100万（含）以上设备（不含车辆）0台（套）。"),
    ],
}
_COMMERCE = [
    ("JS825", 8, "情况说明中括号半角、全角混配：“（款)”", "11.“卫生健康支出（类）行政事业单位医疗（款)行政单位医疗"),
    ("JS825", 8, "情况说明中括号半角、全角混配：“（款)”", "12.“卫生健康支出（类）行政事业单位医疗（款)事业单位医疗"),
    ("JS825", 8, "情况说明中括号半角、全角混配：“（款)”", "13.“资源勘探工业信息等支出（类）支持中小企业发展和管理支出（款)"),
    ("JS825", 8, "情况说明中括号半角、全角混配：“（款)”", "14.“商业服务业等支出（类）其他商业服务业等支出（款)"),
    ("JS825", 8, "情况说明中括号半角、全角混配：“（类)”“（款)”", "15.“住房保障支出（类)住房改革支出（款)住房公积金"),
    ("JS825", 8, "情况说明中括号半角、全角混配：“（类)”“（款)”", "16.“住房保障支出（类)住房改革支出（款)购房补贴"),
    ("JS828", 23, "情况说明中“1720.00万”的金额单位缺少“元”（共2处）", "2025年度项目总预算1720.00万"),
    ("JS828", 24, "情况说明中“1170.00万”“870.00万”“70.00万”“180.00万”“50.00万”的金额单位缺少“元”（共6处）", "2025年度项目总预算1170.00万"),
    ("JS828", 25, "情况说明中“1410.00万”“340.00万”“120.00万”“800.00万”“70.00万”的金额单位缺少“元”（共6处）", "2025年度项目总预算1410.00万"),
    (
        "JS828",
        26,
        "情况说明中“2921.00万”“370.00万”“30.00万”“1106.00万”“1262.00万”“153.00万”的金额单位缺少“元”（共7处）",
        "2025年度项目总预算2921.00万",
    ),
]
EXPECTED["shanghai-putuo-commerce-commission-2025-budget.pdf"] = _COMMERCE
# the welfare home's renumbered 经济分类 and its pre-2019 类 name (adjudicated in tests/test_checks_catalog_real.py)
EXPECTED["shanghai-putuo-welfare-home-2024-budget-unit.pdf"] = [
    (rule, 0, message, "") for rule, message in CATALOG_EXPECTED["shanghai-putuo-welfare-home-2024-budget-unit.pdf"] if rule != "JS606"
]
EXPECTED["shanghai-putuo-commerce-commission-2025-budget-unit.pdf"] = _COMMERCE[:6]  # without the project pages


# 比上年增减额与幅度不符 (JS703), each recomputed by hand from the sentence (pdftotext of the page):
CHANGES: dict[str, list[tuple[str, int, str, str]]] = {
    "jiangsu-cppcc-office-2018-budget.pdf": [
        (
            "JS703",
            15,
            "情况说明称机关运行经费预算比上年预算数减少2233.13万元、下降66.69%；按本年数 1115.85万元推算上年预算数为 3348.98万元，下降幅度应为 66.68%",
            "江苏省政协办公厅2018年一般公共预算机关运行经",
        ),
    ],
    "jiangsu-npc-office-2018-budget.pdf": [
        (
            "JS703",
            21,
            "情况说明称单位预留机动经费预算比上年预算数增加1557.29万元、增长1312.56%；按本年数 1685.72万元推算上年预算数为 128.43万元，增长幅度应为 1212.56%",
            "与上年相比增加1557.29万元，增长1312.",
        ),
    ],
    "jiangsu-party-office-2017-budget.pdf": [
        (
            "JS703",
            8,
            "情况说明称党委办公厅（室）及相关机构事务（款）行政运行（项）支出比上年预算数增加101.48万元、增长1.66%；按本年数 6106.99万元推算上年预算数为 6005.51万元，增长幅度应为 1.69%",
            "党委办公厅（室）及相关机构事务（款）行政运行（项",
        ),
    ],
    "jiangsu-party-office-2019-budget-text.pdf": [
        (
            "JS703",
            8,
            "情况说明称住房保障（类）支出比上年预算数增加878.93万元、增长30%；按本年数 3894.09万元推算上年预算数为 3015.16万元，增长幅度应为 29%",
            "与上年相比增加878.93万元，增长30%",
        ),
        (
            "JS703",
            9,
            "情况说明称党委办公厅（室）及相关机构事务（款）行政运行（项）支出比上年预算数增加1297.83万元、增长16.07%；按本年数 9370.12万元推算上年预算数为 8072.29万元，增长幅度应为 16.08%（末位截尾，应四舍五入）",
            "党委办公厅（室）及相关机构事务（款）行政运行（项",
        ),
    ],
    "jiangsu-procuratorate-2017-budget.pdf": [
        (
            "JS703",
            22,
            "情况说明称机关运行经费预算比上年预算数增加3401.59万元、增长129.97%；按本年数 6032.55万元推算上年预算数为 2630.96万元，增长幅度应为 129.29%",
            "2017年本部门一般公共预算机关运行经费预算支出",
        ),
        (
            "JS703",
            19,
            "情况说明称公共安全（类）支出比上年预算数增加309.03万元、增长2.31%；按本年数 13656.34万元推算上年预算数为 13347.31万元，增长幅度应为 2.32%（末位截尾，应四舍五入）",
            "与上年相比增加 309.03万元，增长2.31 ",
        ),
    ],
    "jiangsu-procuratorate-2018-budget.pdf": [
        (
            "JS703",
            26,
            "情况说明称一般行政管理事务（项）支出比上年预算数增加21.8万元、增长0.06%；按本年数 3666万元推算上年预算数为 3644.2万元，增长幅度应为 0.60%",
            "一般行政管理事务（项）支出3,666万元，与上年",
        ),
        (
            "JS703",
            26,
            "情况说明称执行等检察监督支出（项）比上年预算数减少134万元、降幅0.66%；按本年数 1895万元推算上年预算数为 2029万元，降幅度应为 6.60%",
            "执行等检察监督支出（项）1,895万元，与上年相",
        ),
        (
            "JS703",
            24,
            "情况说明称社会保障和就业支出比上年预算数减少184.96万元、降幅9.1%；按本年数 1836.22万元推算上年预算数为 2021.18万元，降幅度应为 9.2%（末位截尾，应四舍五入）",
            "与上年相比减少 184.96万元，降幅 9.1 ",
        ),
        (
            "JS703",
            26,
            "情况说明称行政运行（项）支出比上年预算数增加2915.22万元、增长36.58%；按本年数 10883.36万元推算上年预算数为 7968.14万元，增长幅度应为 36.59%（末位截尾，应四舍五入）",
            "行政运行（项）支出 10,883.36万元，与上",
        ),
    ],
    "jiangsu-procuratorate-2019-budget.pdf": [
        (
            "JS703",
            29,
            "情况说明称住房改革支出（款）住房公积金（项）支出比上年预算数增加368.97万元、增加34.38%；按本年数 1442.74万元推算上年预算数为 1073.77万元，增加幅度应为 34.36%",
            "住房改革支出（款）住房公积金（项）支出1442.",
        ),
        (
            "JS703",
            25,
            "情况说明称一般公共预算收入预算比上年预算数增加2228.78万元、增长10.15%；按本年数 24169.74万元推算上年预算数为 21940.96万元，增长幅度应为 10.16%（末位截尾，应四舍五入）",
            "一般公共预算收入预算24,169.74万元，与上",
        ),
        (
            "JS703",
            27,
            "情况说明称财政拨款收支总预算比上年预算数增加2228.78万元、增长10.15%；按本年数 24169.74万元推算上年预算数为 21940.96万元，增长幅度应为 10.16%（末位截尾，应四舍五入）",
            "与上年相比，财政拨款收、支总计各增加2228.7",
        ),
        (
            "JS703",
            27,
            "情况说明称财政拨款支出预算比上年预算数增加2228.78万元、增长10.15%；按本年数 24169.74万元推算上年预算数为 21940.96万元，增长幅度应为 10.16%（末位截尾，应四舍五入）",
            "与上年相比，财政拨款支出增加2228.78万元，",
        ),
        (
            "JS703",
            27,
            "情况说明称检察（款）一般行政管理事务(项)支出比上年预算数减少1311.6万元、减少35.77%；按本年数 2354.4万元推算上年预算数为 3666.0万元，减少幅度应为 35.78%（末位截尾，应四舍五入）",
            "检察（款）一般行政管理事务(项)支出2354.4",
        ),
        (
            "JS703",
            29,
            "情况说明称一般公共预算财政拨款支出预算比上年预算数增加2228.78万元、增长10.15%；按本年数 24169.74万元推算上年预算数为 21940.96万元，增长幅度应为 10.16%（末位截尾，应四舍五入）",
            "省检察院2019年一般公共预算财政拨款支出预算2",
        ),
    ],
}
# the Shanghai item statements (pdftotext of the pages): an item's amount stated twice
# differently, a percent that its two amounts do not give (item 16's 60.54% is item 15's)
ITEMS: dict[str, list[tuple[str, int, str, str]]] = {
    "shanghai-putuo-wanli-subdistrict-2023-budget.pdf": [
        (
            "JS762",
            6,
            "情况说明“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”：2022年预算执行数 11.67万元，2023年预算安排 45.41万元，称增加314.82%，按两数计算应为 289.12%",
            "3.“一般公共服务支出（类）群众团体事务",
        ),
        (
            "JS761",
            7,
            "情况说明“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”先称 220.63万元，后称2023年预算安排 441.25万元，同一项目金额前后不一致",
            "16.“社会保障和就业支出（类）",
        ),
        (
            "JS762",
            7,
            "情况说明“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”：2022年预算执行数 132.59万元，2023年预算安排 441.25万元，称增加60.54%，按两数计算应为 232.79%"
            "；与上一项“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”的幅度相同，疑为照抄",
            "16.“社会保障和就业支出（类）",
        ),
    ],
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf": [
        # its 增加0.53% is of 350.35 (350.35 / 348.52): the 352.67 is the misprint
        (
            "JS761",
            9,
            "情况说明“住房保障支出（类）住房改革支出（款）住房公积金（项）”先称 350.35万元，后称2024年预算安排 352.67万元，同一项目金额前后不一致",
            "31.“住房保障支出（类）住房改革支出",
        ),
    ],
}
# shares that their amounts do not give (JS708; pdftotext of the pages): npc 2017 took the 三公
# shares of the table's 合计; the ±1 of the last digit (the shares made to add up to 100%) are warnings
SHARES: dict[str, list[tuple[str, int, str, str]]] = {
    "jiangsu-npc-office-2017-budget.pdf": [
        (
            "JS708",
            28,
            "情况说明称因公出国（境）费预算 222.5万元占“三公”经费的8.75%；按“三公”经费、会议费、培训费支出预算表 「“三公”经费/小计」栏 833.60计算应为 26.69%；8.75% 与按“三公”经费、会议费、培训费支出预算表 「合计」栏 2542.60 计算的占比相符，所称基数与计算口径不一致",
            "因公出国（境）费支出222.5万元，占“三公”经",
        ),
        (
            "JS708",
            28,
            "情况说明称公务用车购置及运行费预算 183.6万元占“三公”经费的7.22%；按“三公”经费、会议费、培训费支出预算表 「“三公”经费/小计」栏 833.60计算应为 22.02%；7.22% 与按“三公”经费、会议费、培训费支出预算表 「合计」栏 2542.60 计算的占比相符，所称基数与计算口径不一致",
            "公务用车购置及运行费支出183.6万元，占“三公",
        ),
        (
            "JS708",
            28,
            "情况说明称公务接待费预算 427.5万元占“三公”经费的16.81%；按“三公”经费、会议费、培训费支出预算表 「“三公”经费/小计」栏 833.60计算应为 51.28%；16.81% 与按“三公”经费、会议费、培训费支出预算表 「合计」栏 2542.60 计算的占比相符，所称基数与计算口径不一致",
            "公务接待费支出427.5万元，占“三公”经费的1",
        ),
    ],
    "jiangsu-npc-office-2018-budget.pdf": [
        (
            "JS708",
            22,
            "情况说明称单位预留机动经费 1685.72万元占支出预算总计的10.61%；按支出预算总计 15897.44万元计算应为 10.60%（末位相差1，应四舍五入）",
            "单位预留机动经费1685.72万元，占10.61",
        ),
    ],
    "jiangsu-procuratorate-2017-budget.pdf": [
        (
            "JS708",
            22,
            "情况说明称公务用车购置及运行费预算 317.8万元占“三公”经费的54.43%；按十一、 「“三公”经费/小计」栏 584.35计算应为 54.39%",
            "公务用车购置及运行费支出317.8万元，占“三公",
        ),
        (
            "JS708",
            22,
            "情况说明称公务接待费预算 156.55万元占“三公”经费的26.72%；按十一、 「“三公”经费/小计」栏 584.35计算应为 26.79%",
            "公务接待费支出156.55万元，占“三公”经费的",
        ),
    ],
    "jiangsu-procuratorate-2018-budget.pdf": [
        (
            "JS708",
            25,
            "情况说明称一般公共预算收入 21940.96万元占收入预算总计的99.94%；按收入预算总计 21955.35万元计算应为 99.93%（末位相差1，应四舍五入）",
            "一般公共预算收入 21,940.96 万元，占9",
        ),
        (
            "JS708",
            25,
            "情况说明称其他资金 14.39万元占收入预算总计的0.06%；按收入预算总计 21955.35万元计算应为 0.07%（末位相差1，应四舍五入）",
            "其他资金 14.39万元，占 0.06%",
        ),
        (
            "JS708",
            25,
            "情况说明称基本支出 13994.31万元占支出预算总计的63.75%；按支出预算总计 21955.35万元计算应为 63.74%（末位相差1，应四舍五入）",
            "基本支出 13,994.31万元，占 63.75",
        ),
        (
            "JS708",
            25,
            "情况说明称单位预留机动经费 2388.04万元占支出预算总计的10.87%；按支出预算总计 21955.35万元计算应为 10.88%（末位相差1，应四舍五入）",
            "单位预留机动经费 2,388.04万元，占 10",
        ),
        (
            "JS708",
            26,
            "情况说明称财政拨款支出预算 21940.96万元占本年支出合计的99.94%；按支出预算总计 21955.35万元计算应为 99.93%（末位相差1，应四舍五入）",
            "省检察院2018年财政拨款预算支出 21,940",
        ),
    ],
    "jiangsu-procuratorate-2019-budget.pdf": [
        (
            "JS708",
            26,
            "情况说明称基本支出 15844.04万元占支出预算总计的65.56%；按支出预算总计 24169.74万元计算应为 65.55%（末位相差1，应四舍五入）",
            "基本支出15,844.04万元，占65.56%",
        ),
    ],
}
# the Shanghai items against the 一般公共预算支出功能分类预算表 (in 元; pdftotext of the pages): the
# finance bureau's 887.36 for 87.36 and its 万元 figures cut off (warnings), the welfare home's 738.66
# for 696.48, names of another year or level (其它, 医疗卫生与计划生育支出, 卫生健康支出（款）)
ITEM_TABLES: dict[str, list[tuple[str, int, str, str]]] = {
    "shanghai-putuo-finance-bureau-2025-budget.pdf": [
        (
            "JS701",
            7,
            "情况说明称机关事业单位职业年金缴费支出 887.36万元，2025年部门一般公共预算支出功能分类预算表 2080506 机关事业单位职业年金缴费支出 为 87.3617，相差 799.9983",
            "“社会保障和就业支出（类）行政事业单位养老支出（",
        ),
        (
            "JS701",
            7,
            "情况说明称行政单位离退休 87.70万元，2025年部门一般公共预算支出功能分类预算表 2080501 行政单位离退休 为 87.708，相差 0.008（末位截尾，应四舍五入）",
            "“社会保障和就业支出（类）行政事业单位养老支出（",
        ),
        (
            "JS714",
            7,
            "情况说明所称“其它行政事业单位养老支出（项）”在2025年部门一般公共预算支出功能分类预算表 20805 行政事业单位养老支出 下没有这一科目；所述金额 0.96万元与2025年部门一般公共预算支出功能分类预算表 2080599 其他行政事业单位养老支出 相符，科目名称应为“其他行政事业单位养老支出”",
            "“社会保障和就业支出（类）行政事业单位养老支出（",
        ),
        (
            "JS701",
            8,
            "情况说明称行政单位医疗 78.21万元，2025年部门一般公共预算支出功能分类预算表 2101101 行政单位医疗 为 78.2164，相差 0.0064（末位截尾，应四舍五入）",
            "“卫生健康支出（类）行政事业单位医疗（款）行政单",
        ),
        (
            "JS701",
            8,
            "情况说明称住房公积金 204.91万元，2025年部门一般公共预算支出功能分类预算表 2210201 住房公积金 为 204.9197，相差 0.0097（末位截尾，应四舍五入）",
            "“住房保障支出（类）住房改革支出（款）住房公积金",
        ),
        (
            "JS701",
            8,
            "情况说明称购房补贴 268.77万元，2025年部门一般公共预算支出功能分类预算表 2210203 购房补贴 为 268.776，相差 0.006（末位截尾，应四舍五入）",
            "“住房保障支出（类）住房改革支出（款）购房补贴（",
        ),
    ],
    "shanghai-putuo-wanli-subdistrict-2025-budget.pdf": [
        (
            "JS714",
            7,
            "情况说明所称“卫生健康支出（款）”在2025年部门一般公共预算支出功能分类预算表 210 卫生健康支出 下没有这一科目；所述金额 20.00万元与2025年部门一般公共预算支出功能分类预算表 21007 计划生育事务 相符，科目名称应为“计划生育事务”",
            "“卫生健康支出（类）卫生健康支出（款）计划生育事",
        ),
    ],
    "shanghai-putuo-welfare-home-2024-budget-unit.pdf": [
        (
            "JS701",
            6,
            "情况说明称社会福利事业单位 738.66万元，2024年预算单位一般公共预算支出功能分类预算表 2081005 社会福利事业单位 为 696.4796，相差 42.1804",
            "“社会保障和就业支出（类）社会福利（款）社会福利",
        ),
        (
            "JS714",
            6,
            "情况说明所称“医疗卫生与计划生育支出（类）”在2024年预算单位一般公共预算支出功能分类预算表没有这一科目；其下所称“行政事业单位医疗”在2024年预算单位一般公共预算支出功能分类预算表中属于 210 卫生健康支出，科目名称应为“卫生健康支出”",
            "“医疗卫生与计划生育支出（类）行政事业单位医疗（",
        ),
    ],
}
for _name, _found in list(CHANGES.items()) + list(ITEMS.items()) + list(SHARES.items()) + list(ITEM_TABLES.items()):
    EXPECTED.setdefault(_name, []).extend(_found)
# severities: a percent cut off at its last digit is a warning, any other a wrong figure
_CUT_OFF = "（末位截尾，应四舍五入）"
_CHANGE = re.compile(r"比上年预算数(增加|减少)([\d.]+)万元、\w+?([\d.]+)%；按本年数 ([\d.]+)万元")


def test_the_change_percents_are_wrong_by_independent_arithmetic():
    for found in CHANGES.values():
        for _, _, message, _ in found:
            direction, change, printed, current = _CHANGE.search(message).groups()
            change, printed, current = Decimal(change), Decimal(printed), Decimal(current)
            previous = current - change if direction == "增加" else current + change
            exact = change / previous * 100
            quantum = Decimal(1).scaleb(printed.as_tuple().exponent)
            assert exact.quantize(quantum, rounding=ROUND_HALF_UP) != printed, message
            assert message.endswith(_CUT_OFF) == (exact.quantize(quantum, rounding=ROUND_DOWN) == printed), message


@pytest.fixture(scope="module", params=PDFS)
def checked(request):
    report = read_path(YUSUAN / request.param)
    return request.param, report, check(report)


def test_every_error_and_warning_is_a_real_one_and_found(checked):
    name, _, findings = checked
    got = sorted((f.rule, f.source.page if f.source else 0, f.message, f.quote) for f in findings if f.severity != "info")
    want = sorted(EXPECTED.get(name, []))
    assert len(got) == len(want), [g[:3] for g in got]
    for (rule, page, message, quote), expected in zip(got, want):
        assert (rule, page, message) == expected[:3]
        assert quote.startswith(expected[3]), (quote, expected[3])


def test_tables_only_files_say_so_once(checked):
    name, report, findings = checked
    codes = [f.rule for f in findings]
    if "tables" in name:
        assert codes.count("JS817") == 1 and "JS811" not in codes
    else:
        assert "JS817" not in codes


def test_parts_found_and_no_text_left_outside(checked):
    name, report, _ = checked
    outside = [n.text for n in report.unrecognized if n.code == "text-outside-parts"]
    if name.startswith("jiangsu-") and "tables" not in name:
        kinds = [part.kind for part in report.parts]
        assert kinds[:4] == ["overview", "tables", "narrative", "glossary"], kinds
        # the Jiangsu text files say where the tables are instead of printing them
        assert all("表附后" in text or "表样附后" in text for text in outside), outside
    elif name == "jiangsu-party-office-2018-budget-tables.pdf":
        assert outside == ["江苏省财政厅印制"]  # the cover, under its title 省级部门预算公开报表
    else:
        assert not outside


def test_appendix_forms_reported_once_with_their_pages():
    report = read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2023-budget.pdf")
    findings = check(report)
    assert not [f for f in findings if f.rule == "JS602"]
    forms = [f for f in findings if f.rule == "JS615"]
    assert [f.message for f in forms] == [
        "第31—35页的「财政项目支出绩效目标填报表」是附表，不是上海市部门预算（2023—2026年度）的标准表，已按通用格式读入，不核对勾稽关系"
    ]


def test_narrative_resumes_after_the_tables():
    report = read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2024-budget.pdf")
    assert [(p.kind, p.heading) for p in report.parts][-2:] == [("narrative", "其他相关情况说明"), ("narrative", "项目经费情况说明")]
    assert "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元。其中：" in [p.text for p in report.narrative]
    three = next(t for t in report.tables if t.title == "部门“三公”经费和机关运行经费预算表")
    assert three.notes == ("注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。",)


# Jiangsu item statements ('1．检察（款）行政运行（项）支出12,268.62万元' under '（一）公共安全（类）'):
# text file (and its tables file) → how many 项 the narrative states (counted on the pages with
# pdftotext -layout), and the 项 not compared with B7 because the text names them otherwise
# than the table does (none of these is compared, and none is reported).
JIANGSU_ITEMS: dict[str, tuple[int, set[str]]] = {
    "jiangsu-cppcc-office-2017-budget.pdf": (7, set()),
    "jiangsu-cppcc-office-2018-budget.pdf": (10, set()),
    "jiangsu-cppcc-office-2019-budget.pdf": (10, set()),
    "jiangsu-npc-office-2017-budget.pdf": (1, {"人大事务行政运行"}),  # '1.人大事务行政运行（项）', no 款 mark
    "jiangsu-npc-office-2018-budget.pdf": (9, {"其他人大事务"}),  # B7 2010199 其他人大事务支出
    "jiangsu-npc-office-2019-budget.pdf": (9, {"其他人大事务"}),
    "jiangsu-party-office-2017-budget.pdf": (5, set()),
    # B7 2080505/2080506 end in 支出
    "jiangsu-party-office-2018-budget-text.pdf": (7, {"机关事业单位基本养老保险缴费", "机关事业单位职业年金缴费"}),
    "jiangsu-party-office-2019-budget-text.pdf": (7, {"机关事业单位基本养老保险缴费", "机关事业单位职业年金缴费"}),
    "jiangsu-procuratorate-2017-budget.pdf": (1, set()),
    "jiangsu-procuratorate-2018-budget.pdf": (
        8,
        {"未归口管理行政单位离退休费", "机关事业单位基本养老保险缴费", "机关事业单位职业年金缴费"},
    ),
    "jiangsu-procuratorate-2019-budget.pdf": (10, {"机关事业单位基本养老保险费", "机关事业单位职业年金"}),
}


@pytest.mark.parametrize("name", sorted(JIANGSU_ITEMS))
def test_jiangsu_items_are_compared_with_b7(name):
    from juesuan.checks.context import Context
    from juesuan.read import read_paths

    tables = YUSUAN / name.replace("-text.pdf", ".pdf").replace(".pdf", "-tables.pdf")
    report = read_paths([YUSUAN / name, tables] if tables.exists() else [YUSUAN / name])
    analysis = Context(report).analysis
    stated, not_compared = JIANGSU_ITEMS[name]
    items = [(i, c) for i, c in enumerate(analysis.claims) if c.item]
    assert len({(c.item, c.amount) for _, c in items}) == stated
    rows = {r.key: r for r in report.table("B7").rows}
    missed = set()
    for i, claim in items:
        cells = [ref for ref in analysis.cells.get(i, []) if ref.table == "B7"]
        if not cells:
            missed.add(claim.item[2])
            continue
        # the row named, and its amount rounded to the precision the text prints (independent of the link)
        (ref,) = cells
        row = rows[ref.row]
        assert row.name.replace(" ", "") == claim.item[2] and len(row.code) == 7
        quantum = Decimal(1).scaleb(claim.amount.as_tuple().exponent)
        assert row.cells[0].amount.quantize(quantum, rounding=ROUND_HALF_UP) == claim.amount
    assert missed == not_compared
