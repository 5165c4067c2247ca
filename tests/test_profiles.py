"""Report profiles end to end: the built-in files, the errors of a bad file, the choice by
content, user profiles forced (--profile) or added (--profiles), the ``profiles`` commands
and the documented schema (docs/profiles.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import LIANJIANG, ROOT
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.errors import ProfileError
from juesuan.model.report import TABLE_NAMES
from juesuan.pipeline import read_and_check
from juesuan.profiles import DATA, Profile, builtin, load_file
from juesuan.profiles import load as load_module
from juesuan.profiles.schema import SHAPES
from juesuan.read import read_path

REAL = ROOT / "tests" / "fixtures" / "real"
SHANGHAI_PDF = REAL / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf"
JIANGSU_PDF = REAL / "yusuan" / "jiangsu-cppcc-office-2018-budget-tables.pdf"
SHANGHAI_BUDGET_PDF = REAL / "yusuan" / "shanghai-putuo-finance-bureau-2025-budget.pdf"
DOC = ROOT / "docs" / "profiles.md"
JUESUAN = Path(sys.executable).parent / "juesuan"  # the installed entry point of this venv

BUILTIN_IDS = {"juesuan", "juesuan-guangdong-2023", "juesuan-shanghai-2024", "yusuan", "yusuan-jiangsu-2017", "yusuan-shanghai-2023"}

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def head(pid: str, extends: str = "juesuan", name: str = "") -> str:
    """The first lines of a test profile: [profile] on line 1, id 2, extends 3, name 4."""
    return f'[profile]\nid = "{pid}"\nextends = "{extends}"\nname = "{name or pid}"\n'


# A user profile: the Shanghai template with one more title alias for 表9.
USER_ALIAS = (
    head("juesuan-shanghai-user", "juesuan-shanghai-2024", "上海市部门决算（用户别名）")
    + """
[tables.T9]
titles = ["财政拨款“三公”经费支出决算表", "三公经费支出决算表", "“三公”经费支出情况表"]
"""
)


# --- the built-in profiles --------------------------------------------------------------------


def test_every_builtin_profile_loads_and_builds():
    profiles = builtin()
    assert set(profiles.ids()) == BUILTIN_IDS
    for path in sorted(DATA.glob("*.toml")):
        profile = load_file(path)  # each file on its own, with the others to extend
        assert Path(profile.source) == path
        assert profile.family in ("juesuan", "yusuan")
        assert profile.tables, path.name
        for spec in profile.tables.values():
            assert spec.shape in SHAPES and spec.titles and spec.name
            for layout in spec.layouts:  # every printed column of every layout has a role
                assert all(spec.column_role(tuple(p.split("/"))) for p in layout) or spec.shape == "generic"
    assert [p.id for p in profiles.all()] == sorted(BUILTIN_IDS - {"yusuan"})  # yusuan is abstract


def test_families_name_their_canonical_tables():
    profiles = builtin()
    for profile in profiles.all("juesuan"):
        assert {kind: spec.name for kind, spec in profile.tables.items()} == TABLE_NAMES
    for profile in [profiles.get("yusuan"), *profiles.all("yusuan")]:
        assert list(profile.tables) == [f"B{i}" for i in range(1, 14)]


def test_a_region_inherits_and_overrides_its_family():
    profiles = builtin()
    national, shanghai = profiles.get("juesuan"), profiles.get("juesuan-shanghai-2024")
    assert shanghai.extends == "juesuan" and shanghai.region == "上海市" and shanghai.years == (2023, 2025)
    # match.evidence is concatenated: the family's first, then the region's
    assert shanghai.evidence[: len(national.evidence)] == national.evidence
    assert "出现“上海市”" in [e.what for e in shanghai.evidence]
    # arrays are replaced: 表8 has the Shanghai layouts only
    assert shanghai.tables["T8"].layouts != national.tables["T8"].layouts
    assert shanghai.tables["T8"].layouts[0][0] == "年初结转和结余"
    # tables are merged key by key: the Shanghai 表9 terms are added, the national title list kept
    assert shanghai.tables["T9"].titles == national.tables["T9"].titles
    t9 = shanghai.tables["T9"]
    assert t9.column_role(("决算数", "公务用车购置及运行费", "小计")) == "final_vehicle"
    assert national.tables["T9"].column_role(("决算数", "公务用车购置及运行费", "小计")) == ""
    # tables the region does not write are the family's
    assert shanghai.tables["T1"] == national.tables["T1"]
    assert not profiles.get("yusuan-jiangsu-2017").abstract  # abstract is not inherited


# --- errors: file, line and field ---------------------------------------------------------------

# (case, profile text after the 4 head lines, line of the mistake, field named, words of the message)
MISTAKES = [
    ("unknown-key", '\n[tables.T1]\ntitel = ["收支总表"]\n', 7, "tables.T1.titel", "未知字段"),
    ("unknown-section", '\n[tabel]\nname = "x"\n', 6, "tabel", "未知的节"),
    ("wrong-type-years", "years = 2024\n", 5, "profile.years", "应为[起始年, 截止年]"),
    ("wrong-type-titles", '\n[tables.T2]\ntitles = "收入决算表"\n', 7, "tables.T2.titles", "应为字符串数组"),
    ("wrong-type-abstract", 'abstract = "yes"\n', 5, "profile.abstract", "true 或 false"),
    ("bad-shape", '\n[tables.T2]\nname = "收入决算表"\nshape = "round"\n', 8, "tables.T2.shape", "'round'"),
    ("bad-regex", '\n[match]\nevidence = [{ pattern = "表(\\\\d+", what = "表号" }]\n', 7, "match.evidence[0].pattern", "正则表达式有误"),
    (
        "evidence-weight",
        '\n[match]\nevidence = [{ text = "某省", weight = "high", what = "出现“某省”" }]\n',
        7,
        "match.evidence[0].weight",
        "应为整数",
    ),
    ("evidence-both", '\n[match]\nevidence = [{ text = "某省", pattern = "某省", what = "某省" }]\n', 7, "match.evidence[0]", "二者之一"),
    (
        "layout-without-role",
        '\n[tables.T3]\nlayouts = [["本年支出合计", "基本支出", "项目支出", "其他支出"]]\n',
        7,
        "tables.T3.layouts[0]",
        "“其他支出”在 columns 中没有对应的角色",
    ),
    ("column-role-not-string", '\n[tables.T3.columns]\n"其他支出" = 7\n', 7, "tables.T3.columns.其他支出", "栏目角色应为字符串"),
    (
        "split-shape",
        '\n[[tables.T4.splits]]\nafter = "opening_balance"\nside = "income"\n',
        6,
        "tables.T4.splits[0]",
        "{ after, side, rows }",
    ),
    ("bad-family", 'family = "caizheng"\n', 5, "profile.family", "'caizheng'"),
    ("bad-id", "", 2, "profile.id", "小写字母"),
    ("new-table-without-shape", '\n[tables.T10]\nname = "某表"\ntitles = ["某表"]\n', 6, "tables.T10", "缺少字段 shape"),
]


@pytest.mark.parametrize("case,body,line,field,says", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_names_file_line_and_field(tmp_path, case, body, line, field, says):
    pid = "Bad_ID" if case == "bad-id" else "juesuan-test"
    path = write(tmp_path, f"{case}.toml", head(pid) + body)
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}：字段 {field}："), message
    assert says in message
    assert "\n" not in message
    # the command says the same, on one line, and fails
    result = cli("profiles", "check", str(path))
    assert result.exit_code == 1
    assert result.stdout == message + "\n"


def test_extends_of_an_unknown_id(tmp_path):
    path = write(tmp_path, "orphan.toml", head("juesuan-orphan", "juesuan-mars-2099"))
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3：字段 profile.extends：") and "“juesuan-mars-2099”" in message
    assert "juesuan-shanghai-2024" in message  # the known ids are listed


def test_a_cycle_of_extends(tmp_path):
    write(tmp_path, "a.toml", head("cyc-a", "cyc-b"))
    b = write(tmp_path, "b.toml", "# b extends a\n" + head("cyc-b", "cyc-a"))  # its extends on line 4
    profiles = builtin()
    profiles.add_dir(tmp_path)
    with pytest.raises(ProfileError) as caught:
        profiles.get("cyc-a")
    message = str(caught.value)
    assert message.startswith(f"{b}:4：字段 profile.extends：继承关系成环：cyc-a → cyc-b → cyc-a"), message
    selfish = write(tmp_path, "self.toml", head("cyc-self", "cyc-self"))
    with pytest.raises(ProfileError, match=re.escape(f"{selfish}:3：字段 profile.extends：继承关系成环")):
        load_file(selfish)


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, "syntax.toml", '[profile]\nid = "juesuan-test"\nextends = "juesuan"\nname = "未闭合\n')
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}：TOML 语法错误") and "line 4" in message


def test_a_file_not_in_utf8(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(head("juesuan-gbk", name="某省部门决算").encode("gb18030"))
    with pytest.raises(ProfileError, match=re.escape(f"{path}:4：配置文件不是 UTF-8 编码")):  # the name on line 4
        load_file(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="配置文件不存在"):
        load_file(tmp_path / "nope.toml")


# Mistakes inside arrays, arrays of tables and inline tables are located at their own line.
LOCATE_BUGS = [
    (
        "element-of-a-multiline-array",
        '\n[match]\nevidence = [\n  { text = "某省", weight = 3, what = "出现“某省”" },\n  { pattern = "表(\\\\d+", what = "表号" },\n]\n',
        9,
        "match.evidence[1].pattern",
    ),
    (
        "second-array-of-tables-item",
        '\n[[match.evidence]]\npattern = "^表\\\\d+$"\nwhat = "表号"\n\n[[match.evidence]]\npattern = "表(\\\\d+"\nwhat = "坏表号"\n',
        11,
        "match.evidence[1].pattern",
    ),
    (
        "second-layout-of-a-multiline-array",
        '\n[tables.T3]\nlayouts = [\n  ["本年支出合计", "基本支出", "项目支出"],\n  ["本年支出合计", "基本支出", "其他支出"],\n]\n',
        9,
        "tables.T3.layouts[1]",
    ),
    (
        "field-after-an-array-without-trailing-comma",
        '\n[tables.T3]\nlayouts = [\n  ["本年支出合计", "基本支出", "项目支出"]\n]\nshape = "roundish"\n',
        10,
        "tables.T3.shape",
    ),
    ("unknown-section-under-a-dotted-header", '\n[tabels.T1]\nname = "x"\n', 6, "tabels"),
]


@pytest.mark.parametrize("case,body,line,field", LOCATE_BUGS, ids=[b[0] for b in LOCATE_BUGS])
def test_located_in_arrays_and_tables(tmp_path, case, body, line, field):
    path = write(tmp_path, f"{case}.toml", head("juesuan-test") + body)
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    assert str(caught.value).startswith(f"{path}:{line}：字段 {field}："), str(caught.value)


LOAD_BUGS = [
    ("typo-in-an-evidence-item", '\n[match]\nevidence = [{ text = "某省", wieght = 5, what = "出现“某省”" }]\n', 7, "match.evidence[0]"),
    ("evidence-text-not-a-string", '\n[match]\nevidence = [{ text = 5, what = "数" }]\n', 7, "match.evidence[0].text"),
    ("part-keyword-not-a-string", '\n[document]\nparts = [{ kind = "glossary", keywords = [1] }]\n', 7, "document.parts[0]"),
    (
        "split-rows-not-a-table",
        '\n[[tables.T4.splits]]\nafter = "opening_balance"\nside = "income"\nrows = "x"\n',
        9,
        "tables.T4.splits[0]",
    ),
]


@pytest.mark.parametrize("case,body,line,field", LOAD_BUGS, ids=[b[0] for b in LOAD_BUGS])
def test_validation_names_the_item(tmp_path, case, body, line, field):
    path = write(tmp_path, f"{case}.toml", head("juesuan-test") + body)
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    message = str(caught.value)
    assert re.match(rf"{re.escape(str(path))}:{line}：字段 {re.escape(field)}[.：]", message), message


def test_line_of_a_bad_byte(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(head("juesuan-gbk").encode() + 'region = "上海市"\n'.encode("gb18030"))  # not UTF-8 from line 5
    with pytest.raises(ProfileError) as caught:
        load_file(path)
    assert str(caught.value).startswith(f"{path}:5"), str(caught.value)


# --- the choice by content ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,chosen,family",
    [
        (LIANJIANG, "juesuan-guangdong-2023", "juesuan"),
        (SHANGHAI_PDF, "juesuan-shanghai-2024", "juesuan"),
        (JIANGSU_PDF, "yusuan-jiangsu-2017", "yusuan"),
        (SHANGHAI_BUDGET_PDF, "yusuan-shanghai-2023", "yusuan"),
    ],
    ids=["guangdong-text", "shanghai-final-pdf", "jiangsu-budget-pdf", "shanghai-budget-pdf"],
)
def test_the_profile_is_chosen_by_content(path, chosen, family):
    report = read_path(path)
    choice = report.profile
    assert choice.id == chosen and choice.family == family and not choice.forced
    profile = builtin().get(chosen)
    assert choice.name == profile.name
    # the score is the weight of the evidence found, and some of it is the region's own
    weights = {e.what: e.weight for e in profile.evidence}
    assert choice.score == sum(weights[what] for what in choice.evidence)
    parent = builtin().get(profile.extends)
    own = {e.what for e in profile.evidence} - {e.what for e in parent.evidence}
    assert own & set(choice.evidence)
    # the runner-up is of the same family and scored less
    rival, points = re.fullmatch(r"(.+)（(\d+)分）", choice.runner_up).groups()
    assert builtin().get(rival).family == family and int(points) < choice.score


def test_read_says_which_profile_and_why(tmp_path):
    result = cli("read", str(SHANGHAI_PDF), "-o", str(tmp_path / "model.json"))
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("配置：")]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("配置：juesuan-shanghai-2024（上海市部门决算（2024年度模板）），")
    assert "依据：" in line and "出现“上海市”" in line and "表题印作“一、…决算表”" in line
    assert re.search(r"；次选 juesuan（\d+分）$", line)
    # and the model carries the same choice
    document = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    choice = document["report"]["profile"]
    assert choice["id"] == "juesuan-shanghai-2024" and choice["forced"] is False
    assert choice["evidence"] and all(what in line for what in choice["evidence"])
    assert f"{choice['score']}分" in line and choice["runner_up"] in line


def test_read_json_on_stdout_holds_the_profile():
    result = cli("read", str(LIANJIANG), "--format", "json")
    assert result.exit_code == 0
    choice = json.loads(result.stdout)["report"]["profile"]
    assert choice["id"] == "juesuan-guangdong-2023" and choice["family"] == "juesuan"
    assert "配置：juesuan-guangdong-2023（广东省部门决算（2023—2024年度））" in result.stderr


# --- a user profile forced: --profile FILE --------------------------------------------------------


def test_a_user_profile_is_used_by_read_path(tmp_path):
    user = load_file(write(tmp_path, "user.toml", USER_ALIAS))
    assert user.tables["T9"].titles[-1] == "“三公”经费支出情况表"
    assert user.tables["T8"] == builtin().get("juesuan-shanghai-2024").tables["T8"]  # inherited from Shanghai
    report = read_path(SHANGHAI_PDF, profile=user)
    assert report.profile.id == "juesuan-shanghai-user" and report.profile.forced
    assert report.profile.name == "上海市部门决算（用户别名）" and report.profile.score == 0
    assert report.tables == read_path(SHANGHAI_PDF).tables  # every table read as with the built-in profile
    assert {t.kind for t in report.tables} == set(TABLE_NAMES)


def test_the_forced_profile_is_the_one_that_reads(tmp_path):
    """A profile that no longer knows 表2's printed title: 表2 is not found, so the forced
    profile, not the chosen one, drives the reader."""
    narrow = load_file(
        write(tmp_path, "narrow.toml", head("juesuan-narrow", "juesuan-shanghai-2024") + '\n[tables.T2]\ntitles = ["收入来源情况表"]\n')
    )
    report = read_path(SHANGHAI_PDF, profile=narrow)
    assert report.table("T2") is None
    assert any(n.code == "table-unknown" and "收入决算表" in n.message for n in report.unrecognized)


def _doc_example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_a_title_alias_finds_a_table_the_template_does_not_know(tmp_path):
    """The worked example of docs/profiles.md: 表2 printed as 部门收入情况表 is found only with it."""
    lines = LIANJIANG.read_text(encoding="utf-8").split("\n")
    assert lines[128] == "收入决算表"
    lines[128] = "部门收入情况表"
    renamed = tmp_path / "renamed.txt"
    renamed.write_text("\n".join(lines), encoding="utf-8")
    without = read_path(renamed)
    assert without.table("T2") is None
    assert any(n.code == "table-unknown" and "部门收入情况表" in n.message for n in without.unrecognized)
    example = load_file(write(tmp_path, "juesuan-shili-2024.toml", _doc_example()))
    assert example.id == "juesuan-shili-2024" and example.region == "示例省"
    assert example.tables["T3"].column_role(("其他支出",)) == "other"
    assert example.tables["T3"].column_role(("基本支出",)) == "basic"  # columns merged key by key
    with_alias = read_path(renamed, profile=example)
    assert with_alias.table("T2") is not None and with_alias.table("T2").title == "部门收入情况表"
    assert with_alias.table("T2").rows == read_path(LIANJIANG).table("T2").rows


def test_cli_read_with_profile_file(tmp_path):
    user = write(tmp_path, "user.toml", USER_ALIAS)
    forced = subprocess.run(
        [str(JUESUAN), "read", str(SHANGHAI_PDF), "--profile", str(user), "-f", "csv"], capture_output=True, text=True, timeout=120
    )
    assert forced.returncode == 0, forced.stderr
    assert "配置：juesuan-shanghai-user（上海市部门决算（用户别名））（由 --profile 指定）" in forced.stderr.splitlines()
    chosen = subprocess.run([str(JUESUAN), "read", str(SHANGHAI_PDF), "-f", "csv"], capture_output=True, text=True, timeout=120)
    assert forced.stdout == chosen.stdout and forced.stdout.count("\n") > 100
    by_id = cli("read", str(SHANGHAI_PDF), "--profile", "juesuan", "-f", "csv")
    assert "配置：juesuan（部门决算（全国2023—2024年度模板））（由 --profile 指定）" in by_id.stderr


def test_cli_check_with_profile_file(tmp_path):
    user = write(tmp_path, "user.toml", USER_ALIAS)
    result = cli("check", str(SHANGHAI_PDF), "--profile", str(user), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert f"{SHANGHAI_PDF}：配置：juesuan-shanghai-user" in result.stderr
    assert "summary" in json.loads(result.stdout)


def test_pipeline_threads_the_profile(tmp_path):
    user = load_file(write(tmp_path, "user.toml", USER_ALIAS))
    checked = read_and_check(SHANGHAI_PDF, profile=user)
    assert checked.report.profile.id == "juesuan-shanghai-user" and checked.report.profile.forced
    profiles = builtin()
    profiles.add_file(write(tmp_path, "win.toml", _PUTUO))
    assert read_and_check(SHANGHAI_PDF, profiles=profiles).report.profile.id == "juesuan-shanghai-putuo"


def test_checks_use_the_forced_user_profile(tmp_path):
    user = load_file(write(tmp_path, "user.toml", USER_ALIAS))  # the Shanghai template and one more alias
    forced, chosen = read_and_check(SHANGHAI_PDF, profile=user), read_and_check(SHANGHAI_PDF)
    assert forced.report.tables == chosen.report.tables
    assert [(f.rule, f.message) for f in forced.findings] == [(f.rule, f.message) for f in chosen.findings]


# --- user profiles added: --profiles DIR ----------------------------------------------------------

_PUTUO = (
    head("juesuan-shanghai-putuo", "juesuan-shanghai-2024", "上海市普陀区部门决算")
    + """
region = "上海市普陀区"

[match]
evidence = [{ text = "普陀区", weight = 5, what = "出现“普陀区”" }]
"""
)


def test_profiles_dir_adds_a_profile_that_wins_by_evidence(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write(folder, "putuo.toml", _PUTUO)
    profiles = builtin()
    assert profiles.add_dir(folder) == ["juesuan-shanghai-putuo"]
    base = read_path(SHANGHAI_PDF).profile
    report = read_path(SHANGHAI_PDF, profiles=profiles)
    assert report.profile.id == "juesuan-shanghai-putuo" and not report.profile.forced
    assert report.profile.score == base.score + 5 and report.profile.evidence == base.evidence + ("出现“普陀区”",)
    assert report.profile.runner_up == f"juesuan-shanghai-2024（{base.score}分）"
    # by content, not by being added: a Guangdong report still chooses the Guangdong profile
    assert read_path(LIANJIANG, profiles=profiles).profile.id == "juesuan-guangdong-2023"
    # and the command line does the same
    result = cli("read", str(SHANGHAI_PDF), "--profiles", str(folder), "-f", "csv")
    assert result.exit_code == 0
    assert "配置：juesuan-shanghai-putuo（上海市普陀区部门决算），" in result.stderr
    assert "次选 juesuan-shanghai-2024" in result.stderr
    checked = cli("check", str(SHANGHAI_PDF), str(LIANJIANG), "--profiles", str(folder), "--format", "json")
    assert f"{SHANGHAI_PDF}：配置：juesuan-shanghai-putuo" in checked.stderr
    assert f"{LIANJIANG}：配置：juesuan-guangdong-2023" in checked.stderr


def test_a_forced_file_may_extend_a_profile_of_the_dir(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write(folder, "putuo.toml", _PUTUO)
    child = write(tmp_path, "child.toml", head("juesuan-putuo-child", "juesuan-shanghai-putuo"))
    alone = cli("read", str(SHANGHAI_PDF), "--profile", str(child))
    assert alone.exit_code == 2 and "找不到被继承的配置“juesuan-shanghai-putuo”" in alone.stderr
    both = cli("read", str(SHANGHAI_PDF), "--profile", str(child), "--profiles", str(folder), "-f", "csv")
    assert both.exit_code == 0 and "配置：juesuan-putuo-child（juesuan-putuo-child）（由 --profile 指定）" in both.stderr


def _one_error_line(result, *words: str) -> None:
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    for word in words:
        assert word in lines[0]


def test_profile_option_errors_are_one_chinese_line(tmp_path):
    _one_error_line(cli("read", str(LIANJIANG), "--profile", "juesuan-mars-2099"), "没有名为“juesuan-mars-2099”的配置")
    bad = write(tmp_path, "bad.toml", head("juesuan-bad") + '\n[tables.T2]\nshape = "round"\n')
    _one_error_line(cli("read", str(LIANJIANG), "--profile", str(bad)), f"{bad}:7：字段 tables.T2.shape")
    _one_error_line(cli("read", str(LIANJIANG), "--profile", str(tmp_path / "missing.toml")), "配置文件不存在")
    _one_error_line(cli("read", str(LIANJIANG), "--profiles", str(tmp_path / "nowhere")), "不是目录")
    empty = tmp_path / "empty"
    empty.mkdir()
    _one_error_line(cli("read", str(LIANJIANG), "--profiles", str(empty)), "没有 .toml 配置文件")
    folder = tmp_path / "broken"
    folder.mkdir()
    write(folder, "broken.toml", head("juesuan-broken") + "years = [2025, 2023]\n")
    _one_error_line(cli("read", str(LIANJIANG), "--profiles", str(folder)), "broken.toml:5：字段 profile.years")
    # check stops before any report: one line, not one per file
    _one_error_line(cli("check", str(LIANJIANG), str(SHANGHAI_PDF), "--profile", "nope"), "没有名为“nope”的配置")
    _one_error_line(cli("claims", str(LIANJIANG), "--profile", "nope"), "没有名为“nope”的配置")


def test_profile_errors_from_the_installed_command(tmp_path):
    bad = write(tmp_path, "bad.toml", head("juesuan-bad") + "region = 5\n")
    result = subprocess.run([str(JUESUAN), "check", str(LIANJIANG), "--profile", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"错误：{bad}:5：字段 profile.region：应为字符串，实为 5"


# --- juesuan profiles list / show / check --------------------------------------------------------


def test_profiles_list(tmp_path):
    result = cli("profiles", "list")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert set(rows) == BUILTIN_IDS
    assert result.stdout.splitlines()[0].split() == ["id", "类别", "名称", "地区", "年度", "继承", "说明"]
    assert re.search(
        r"juesuan-shanghai-2024\s+juesuan\s+上海市部门决算（2024年度模板）\s+上海市\s+2023—2025\s+juesuan$", rows["juesuan-shanghai-2024"]
    )
    assert "抽象" in rows["yusuan"] and "抽象" not in rows["yusuan-jiangsu-2017"]
    folder = tmp_path / "profiles"
    folder.mkdir()
    putuo = write(folder, "putuo.toml", _PUTUO)
    listed = json.loads(cli("profiles", "list", "--profiles", str(folder), "--format", "json").stdout)
    by_id = {item["id"]: item for item in listed}
    assert set(by_id) == BUILTIN_IDS | {"juesuan-shanghai-putuo"}
    assert by_id["juesuan-shanghai-putuo"] == {
        "id": "juesuan-shanghai-putuo",
        "family": "juesuan",
        "name": "上海市普陀区部门决算",
        "region": "上海市普陀区",
        "years": [2023, 2025],
        "extends": "juesuan-shanghai-2024",
        "abstract": False,
        "source": str(putuo),
    }
    text = cli("profiles", "list", "--profiles", str(folder)).stdout
    assert f"来自 {putuo}" in text


@pytest.mark.parametrize("pid", sorted(BUILTIN_IDS))
def test_profiles_show_is_the_merged_profile_and_loads_back(tmp_path, pid):
    result = cli("profiles", "show", pid)
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    original = builtin().get(pid)
    assert set(data["tables"]) == set(original.tables)
    for kind, table in data["tables"].items():
        assert {"name", "titles", "shape"} <= set(table)
        assert table["shape"] == original.tables[kind].shape
        assert [tuple(layout) for layout in table.get("layouts", [])] == list(original.tables[kind].layouts)
    # the output is a profile file: loaded on its own (no extends) it is the same profile
    again = load_file(write(tmp_path, f"{pid}.toml", result.stdout))
    assert again.extends == ""
    for name in (
        "id",
        "family",
        "name",
        "region",
        "years",
        "abstract",
        "tables",
        "parts",
        "contents",
        "no_activity",
        "forms",
        "notes",
        "units",
        "code_labels",
        "name_labels",
        "number_labels",
        "column_number_labels",
        "totals",
        "of_which",
        "other_titles",
        "title_endings",
        "topics",
        "glossary",
    ):
        assert getattr(again, name, None) == getattr(original, name, None), name
    assert [(e.what, e.weight, e.text, e.pattern and e.pattern.pattern) for e in again.evidence] == [
        (e.what, e.weight, e.text, e.pattern and e.pattern.pattern) for e in original.evidence
    ]
    # JSON is the same data
    as_json = cli("profiles", "show", pid, "--format", "json")
    assert json.loads(as_json.stdout) == data


def test_profiles_show_a_user_file_merged(tmp_path):
    user = write(tmp_path, "user.toml", USER_ALIAS)
    result = cli("profiles", "show", str(user))
    assert result.exit_code == 0
    assert "# 合并自：juesuan-shanghai-user ← juesuan-shanghai-2024 ← juesuan" in result.stdout
    data = tomllib.loads(result.stdout)
    assert data["profile"]["id"] == "juesuan-shanghai-user" and "extends" not in data["profile"]
    assert data["tables"]["T9"]["titles"][-1] == "“三公”经费支出情况表"
    assert data["tables"]["T8"]["layouts"][0][0] == "年初结转和结余"  # from juesuan-shanghai-2024
    assert data["tables"]["T1"]["rows"]["income"]["本年收入合计"] == "income_total"  # from juesuan
    assert [e["what"] for e in data["match"]["evidence"]][-3:] == ["出现“上海市”", "表题印作“一、…决算表”", "空表注明“故本表无数据”"]
    _one_error_line(cli("profiles", "show", "juesuan-mars-2099"), "没有名为“juesuan-mars-2099”的配置")


def test_profiles_check(tmp_path):
    good = write(tmp_path, "good.toml", USER_ALIAS)
    child = write(tmp_path, "child.toml", head("juesuan-user-child", "juesuan-shanghai-user"))  # extends a file given with it
    bad = write(tmp_path, "bad.toml", head("juesuan-bad") + '\n[tables.T1]\ntitel = ["x"]\n')
    twin = write(tmp_path, "twin.toml", USER_ALIAS)
    result = cli("profiles", "check", str(good), str(child), str(bad), str(twin))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{good}：通过",
        f"{child}：通过",
        f"{bad}:7：字段 tables.T1.titel：未知字段（可用：{'、'.join(load_module._TABLE)}）",
        f"{twin}：配置 id“juesuan-shanghai-user”与 {good} 重复",
    ]
    passing = cli("profiles", "check", str(good), str(child))
    assert passing.exit_code == 0 and passing.stdout.splitlines() == [f"{good}：通过", f"{child}：通过"]
    builtins = cli("profiles", "check", *map(str, sorted(DATA.glob("*.toml"))))
    assert builtins.exit_code == 0 and builtins.stdout.count("：通过\n") == len(BUILTIN_IDS)
    # a cycle between two files given together fails both
    a = write(tmp_path, "a.toml", head("cyc-a", "cyc-b"))
    b = write(tmp_path, "b.toml", head("cyc-b", "cyc-a"))
    cycle = cli("profiles", "check", str(a), str(b))
    assert cycle.exit_code == 1 and all("继承关系成环" in line for line in cycle.stdout.splitlines())
    assert cycle.stdout.splitlines()[0].startswith(f"{a}：")


# --- the documented schema ----------------------------------------------------------------------


def test_the_doc_documents_every_field_the_loader_accepts():
    doc = DOC.read_text(encoding="utf-8")
    for section in load_module._TOP:
        header = "`[tables.ID]`" if section == "tables" else f"`[{section}]`"
        assert f"### {header}" in doc, section
    sections = {
        "_PROFILE": "[profile]",
        "_DOCUMENT": "[document]",
        "_LABELS": "[labels]",
        "_ROWS": "[rows]",
        "_TABLE": "[tables.ID]",
        "_OTHER": "[other_tables]",
    }
    for name, section in sections.items():
        start = doc.index(f"### `{section}`")
        end = doc.index("\n### ", start + 1)
        for field in getattr(load_module, name):
            assert f"| `{field}` |" in doc[start:end], f"{section} {field}"
    for field in load_module._TOP["match"]:
        assert f"| `{field}` |" in doc
    for shape in SHAPES:
        assert f"- `{shape}` —" in doc
    for kind, name in TABLE_NAMES.items():
        assert f"| {kind} | {name} |" in doc
    for i in range(1, 14):
        assert f"| B{i} |" in doc
    narrative = doc[doc.index("### `[narrative]`") :]
    from juesuan.profiles.narrative import _FIELDS as narrative_fields

    for field in narrative_fields:
        assert f"| `{field}` |" in narrative, f"[narrative] {field}"


def test_the_doc_example_passes_check(tmp_path):
    path = write(tmp_path, "juesuan-shili-2024.toml", _doc_example())
    result = cli("profiles", "check", str(path))
    assert result.exit_code == 0 and result.stdout == f"{path}：通过\n"
    profile = load_file(path)
    assert isinstance(profile, Profile) and profile.extends == "juesuan"
    assert [e.what for e in profile.evidence][-2:] == ["出现“示例省”", "表号印作“附表1”…"]
