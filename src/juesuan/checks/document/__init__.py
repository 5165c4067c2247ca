"""Document-level checks (JS8xx): identity and period, completeness, unfinished text.

``DOCUMENT_RULES`` uses the default settings; ``document_rules(settings)`` declares the
same rules with others (e.g. another threshold for reasons of changes).
"""

from __future__ import annotations

from ..rules import Rule
from .identity import EntityName, EntityScope, NarrativeUnit, TableUnits, YearMentions
from .sections import ChangeReasons, GlossaryTerms, ReasonBasis, RequiredParts, RequiredTopics, TablesOnly, UnitCount
from .settings import DEFAULT_REASON_THRESHOLD, DEFAULT_SETTINGS, DocumentSettings
from .wording import (
    ALTERNATIVE,
    ASCII_PUNCTUATION,
    EMPTY_REASON,
    LOST_YEAR,
    MIXED_BRACKETS,
    PERCENT_WITHOUT_SIGN,
    PLACEHOLDER,
    REPEATED_PUNCTUATION,
    UNIT_WITHOUT_YUAN,
    BalancedBrackets,
    TextPattern,
)

_TEXT = ("headings", "overview", "narrative", "glossary", "notes")
_ALL = "所有模板"
_BOTH = ("juesuan", "yusuan")  # rules of the text itself, for 决算 and 预算 alike


def document_rules(settings: DocumentSettings = DEFAULT_SETTINGS) -> tuple[Rule, ...]:
    threshold = settings.reason_threshold
    return (
        EntityName(
            "JS801",
            "error",
            "部门（单位）名称前后一致",
            "概况标题、各表表头、情况说明中的部门（单位）名称相同（“本级”写法除外）",
            (),
            "document",
            _ALL,
            families=_BOTH,
        ),
        EntityScope(
            "JS802",
            "warning",
            "决算范围（部门 / 本级）写法一致",
            "各表表头的“部门/单位”及“（本级）”一致；部门决算不写作本级",
            (),
            "document",
            _ALL,
            families=_BOTH,
        ),
        YearMentions(
            "JS803",
            "error",
            "标题和固定表述中的年度是本报告年度",
            "标题及“××年度总收入”“截至××年12月31日”等处的年份 = 报告年度（预算中截至日为上年年末）",
            (),
            "document",
            _ALL,
            fixed=True,
            families=_BOTH,
        ),
        YearMentions(
            "JS804",
            "warning",
            "正文中的其他年度是比较或引用",
            "情况说明中其他“××年度”前后有“与/比/较…相比”，或在书名号、引号内",
            (),
            "document",
            _ALL,
            fixed=False,
            families=_BOTH,
        ),
        NarrativeUnit(
            "JS805", "error", "情况说明的金额单位与决算表一致", "情况说明复述表中数时单位与表相同，或已按单位正确换算", (), "document", _ALL
        ),
        TableUnits("JS806", "warning", "各表金额单位相同", "各表表头“单位：”相同", (), "document", _ALL),
        RequiredParts(
            "JS811", "error", "四个部分齐全", "概况、决算表、情况说明、名词解释各有一部分", (), "completeness", _ALL, families=_BOTH
        ),
        TablesOnly(
            "JS817",
            "info",
            "只有表格的文件",
            "没有任何文字、只有表格的文件（另文公开的报表）只说一次，不报告缺少部分",
            (),
            "completeness",
            _ALL,
            families=_BOTH,
        ),
        RequiredTopics(
            "JS812",
            "error",
            "情况说明涵盖模板要求的事项",
            "情况说明说明报告配置所列各事项（全国模板：收入支出总体情况、财政拨款收支、“三公”经费、机关运行经费、政府采购、国有资产占用、绩效评价）",
            (),
            "completeness",
            _ALL,
            families=_BOTH,
        ),
        ChangeReasons(
            "JS813",
            "warning",
            f"变动超过{threshold}%的说明原因",
            f"“比上年/年初预算增减…%”且 |变动| > {threshold}% ⇒ 其后有“主要变动情况：…”或“主要原因：…”",
            (),
            "completeness",
            _ALL,
            settings=settings,
        ),
        ReasonBasis(
            "JS814",
            "warning",
            "变动原因与比较口径一致",
            "与年初预算数比较时，原因不写“与上年决算数持平”（反之亦然）",
            (),
            "completeness",
            _ALL,
        ),
        UnitCount(
            "JS815", "warning", "决算单位构成的单位数前后一致", "“单位共N个，包括本级和下属M个” ⇒ N = M + 1", (), "completeness", _ALL
        ),
        GlossaryTerms(
            "JS816",
            "warning",
            "名词解释涵盖报告使用的术语",
            "报告用到的模板术语（报告配置所列）∈ 名词解释，且有解释内容",
            (),
            "completeness",
            _ALL,
            families=_BOTH,
        ),
        TextPattern(
            "JS821",
            "error",
            "没有未填写的占位符",
            "正文中没有 XX、××、【…】、待填写 等占位符",
            (),
            "wording",
            _ALL,
            pattern=PLACEHOLDER,
            message="{where}中有未填写的占位符“{match}”",
            families=_BOTH,
        ),
        TextPattern(
            "JS822",
            "error",
            "没有遗留的模板备选词",
            "正文中没有“增加（减少）”“下降（增长）”“大于（小于）”等备选写法",
            (),
            "wording",
            _ALL,
            pattern=ALTERNATIVE,
            message="{where}中遗留了模板备选词“{match}”，应只保留实际情况",
            families=_BOTH,
        ),
        TextPattern(
            "JS823",
            "warning",
            "百分比带“%”",
            "“增长/下降/占…的”后的比率带 %",
            (),
            "wording",
            _ALL,
            pattern=PERCENT_WITHOUT_SIGN,
            message="{where}中“{match}”的百分比缺少“%”",
            families=_BOTH,
        ),
        TextPattern(
            "JS824",
            "warning",
            "没有重复或混用的标点",
            "不出现“：：”“、、”“。。”“，。”等连续标点",
            (),
            "wording",
            _ALL,
            pattern=REPEATED_PUNCTUATION,
            message="{where}中标点重复或混用：“{match}”",
            families=_BOTH,
        ),
        TextPattern(
            "JS825",
            "warning",
            "括号成对一致",
            "半角“(”与全角“）”不混配（反之亦然）",
            (),
            "wording",
            _ALL,
            pattern=MIXED_BRACKETS,
            message="{where}中括号半角、全角混配：“{match}”",
            scopes=_TEXT + ("rows",),
            families=_BOTH,
        ),
        TextPattern(
            "JS826",
            "warning",
            "原因说明没有空缺",
            "“主要原因：”“主要变动情况：”后有内容",
            (),
            "wording",
            _ALL,
            pattern=EMPTY_REASON,
            message="{where}中“{match}”后没有写明内容",
            families=_BOTH,
        ),
        TextPattern(
            "JS828",
            "warning",
            "金额单位写全",
            "“××万”后不缺“元”",
            (),
            "wording",
            _ALL,
            pattern=UNIT_WITHOUT_YUAN,
            message="{where}中“{match}”的金额单位缺少“元”",
            scopes=("overview", "narrative"),
            families=_BOTH,
        ),
        TextPattern(
            "JS829",
            "warning",
            "“上一年度”不漏字",
            "不写作“上一度”",
            (),
            "wording",
            _ALL,
            pattern=LOST_YEAR,
            message="{where}中“{match}”应为“上一年度”",
            scopes=("overview", "narrative"),
            families=_BOTH,
        ),
        BalancedBrackets("JS830", "warning", "括号成对", "每段中的左括号都有对应的右括号", (), "wording", _ALL, families=_BOTH),
        TextPattern(
            "JS827",
            "info",
            "中文正文使用全角标点",
            "汉字之间不用半角 , ; :",
            (),
            "wording",
            _ALL,
            pattern=ASCII_PUNCTUATION,
            message="{where}中汉字之间使用了半角标点“{match}”",
            families=_BOTH,
        ),
    )


DOCUMENT_RULES: tuple[Rule, ...] = document_rules()

__all__ = [
    "DEFAULT_REASON_THRESHOLD",
    "DEFAULT_SETTINGS",
    "DOCUMENT_RULES",
    "DocumentSettings",
    "TextPattern",
    "document_rules",
]
