"""What cxkit writes can be trusted by what reads it: a pipe that closes early, a file name that
is not UTF-8, and names written to attack the medium a report is read in.

- A reader that leaves early (`cxkit ... | head -1`) ends nothing in an error: cxkit finishes
  quietly with its verdict. Run as a real program on a real pipe.
- A file name that is not UTF-8 gets a report in every format; SARIF `uri`s are URI references
  (RFC 3986) whatever the name holds.
- Names holding Markdown, HTML, mentions or terminal control sequences are shown as written and
  act on nothing: Markdown is parsed back (markdown-it-py, which rich brings) to check that they
  made no markup, and terminal output holds no control character but line breaks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import CHANGES, EXAMPLE, Run, write

# --- a reader that leaves early --------------------------------------------------------------

# Generous: a run takes about a second; this only keeps a hang from stalling the suite.
TIMEOUT = 120


def program(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "cxkit", *map(str, args)]


def quiet_environment() -> dict[str, str]:
    """The test's environment without what would change a command's format or config."""
    drop = {"GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CXKIT_CONFIG", "FORCE_COLOR"}
    return {name: value for name, value in os.environ.items() if name not in drop}


def read_one_line_and_leave(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """`cxkit ARGS | head -1`: read the first line, close the pipe, let cxkit finish."""
    with subprocess.Popen(
        args,
        cwd=cwd,
        env=quiet_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode("utf-8", "replace")
        code = process.wait(timeout=TIMEOUT)
    return code, first, err


def write_into_a_closed_pipe(args: list[str], cwd: Path) -> tuple[int, str]:
    """`cxkit ARGS` with stdout a pipe whose reader left before cxkit wrote a byte: every write
    fails, however small the output."""
    readable, writable = os.pipe()
    os.close(readable)
    try:
        done = subprocess.run(
            args,
            cwd=cwd,
            env=quiet_environment(),
            stdout=writable,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(writable)
    return done.returncode, done.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose report is far larger than a pipe holds, with one error (exit 1)."""
    folder = tmp_path_factory.mktemp("large")
    rows = "".join(f"  - {{id: t{i}, name: Touchpoint {i}}}\n" for i in range(4000))
    write(folder / "ws", "touchpoints.yaml", f"touchpoints:\n{rows}unknown: 1\n")
    return folder


@pytest.mark.parametrize("output_format", ["text", "parsable", "json", "github", "sarif", "junit"])
def test_validate_into_head_exits_quietly_with_its_verdict(large: Path, output_format: str) -> None:
    code, first, err = read_one_line_and_leave(
        program("validate", "ws", "-f", output_format), large
    )
    assert first.strip()
    assert err == ""
    assert code == 1  # the workspace has an error, however much of the report was read


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("versions")
    shutil.copytree(EXAMPLE, folder / "old")
    shutil.copytree(EXAMPLE, folder / "new")
    shutil.rmtree(folder / "new" / "moving")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["validate", EXAMPLE, "-f", "json"],
        ["impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE],  # text, through rich
        ["impact", CHANGES / "ivr-callback.yaml", "-w", EXAMPLE, "-f", "markdown"],
        ["diff", "old", "new"],
        ["diff", "old", "new", "-f", "json"],
        ["rules"],
        ["schema"],
        ["--version"],
    ],
    ids=lambda args: " ".join(str(a) if not isinstance(a, Path) else a.name for a in args),
)
def test_any_output_into_a_closed_pipe_exits_quietly_with_its_verdict(
    two_versions: Path, args: list[str | Path]
) -> None:
    code, err = write_into_a_closed_pipe(program(*args), two_versions)
    assert err == ""
    assert code == 0  # each command succeeds; the reader leaving does not change that


# --- a file name that is not UTF-8 -----------------------------------------------------------

NOT_UTF8 = b"bad\xffname.yaml"
REPORT = {"text": "txt", "parsable": "txt", "github": "txt", "json": "json", "sarif": "sarif"}
REPORT["junit"] = "xml"


def make_file(folder: Path, name: bytes, text: str) -> None:
    """A file whose name is the bytes `name`, made through a bytes path."""
    os.makedirs(os.fsencode(folder), exist_ok=True)
    with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
        handle.write(text.encode("utf-8"))


@pytest.fixture
def not_utf8(tmp_path: Path) -> Path:
    make_file(tmp_path / "ws", NOT_UTF8, "unknown: 1\n")
    return tmp_path


def named(report: str, output_format: str) -> str | bytes:
    """The file name as `report` (written in `output_format`) gives it."""
    if output_format == "json":
        (path,) = json.loads(report)["files"]
        return os.fsencode(path)  # the name's bytes, from the surrogate JSON holds
    if output_format == "sarif":
        (result,) = json.loads(report)["runs"][0]["results"]
        uri: str = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        return unquote_to_bytes(uri)
    if output_format == "junit":
        (case,) = ET.fromstring(report).iter("testcase")
        return str(case.get("name"))
    return report


@pytest.mark.parametrize("output_format", list(REPORT))
def test_every_format_writes_its_report_for_a_name_that_is_not_utf8(
    cxkit: Run, not_utf8: Path, output_format: str
) -> None:
    target = not_utf8 / f"report.{REPORT[output_format]}"
    result = cxkit("validate", "ws", "-f", output_format, "-o", target, cwd=not_utf8)
    assert (result.code, result.err) == (1, "")
    report = target.read_bytes().decode("utf-8")  # strictly UTF-8, as every format is read
    name = named(report, output_format)
    if isinstance(name, bytes):
        assert name == b"ws/" + NOT_UTF8
    else:  # shown for people: the byte that is not UTF-8 as its escape
        assert "ws/bad\\xffname.yaml" in name
    # The same report on stdout, which (like a UTF-8 terminal's) takes nothing but UTF-8.
    assert cxkit("validate", "ws", "-f", output_format, cwd=not_utf8).out == report


def test_json_writes_a_name_that_is_not_utf8_as_its_surrogate_escape(
    cxkit: Run, not_utf8: Path
) -> None:
    report = cxkit("validate", "ws", "-f", "json", cwd=not_utf8).out
    assert '"ws/bad\\udcffname.yaml"' in report


def test_a_baseline_records_and_knows_a_name_that_is_not_utf8(cxkit: Run, not_utf8: Path) -> None:
    assert cxkit("validate", "ws", "--write-baseline", "known.json", cwd=not_utf8).code == 0
    (entry,) = json.loads((not_utf8 / "known.json").read_bytes().decode("utf-8"))["findings"]
    assert os.fsencode(entry["path"]) == b"ws/" + NOT_UTF8
    assert cxkit("validate", "ws", "--baseline", "known.json", cwd=not_utf8).code == 0


# RFC 3986 `path-noscheme`: segments of unreserved, sub-delims, `@` and percent-encodings, and
# no `:` in the first (it would read as a scheme). `?` and `#` would start a query or fragment.
_SEGMENT = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})"
URI_REFERENCE = re.compile(rf"^{_SEGMENT}+(?:/(?:{_SEGMENT}|:)*)*$")


def test_sarif_uris_are_percent_encoded_uri_references(cxkit: Run, tmp_path: Path) -> None:
    name = b"a b%c#d\ne\x1bf\xff:g.yaml"
    make_file(tmp_path / "ws" / "sub:folder", name, "unknown: 1\n")
    result = cxkit("validate", "ws", "-f", "sarif", cwd=tmp_path)
    assert result.code == 1
    (found,) = json.loads(result.out)["runs"][0]["results"]
    location = found["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {
        "uri": "ws/sub%3Afolder/a%20b%25c%23d%0Ae%1Bf%FF%3Ag.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert URI_REFERENCE.match(location["uri"])
    assert unquote_to_bytes(location["uri"]) == b"ws/sub:folder/" + name


def test_sarif_keeps_the_uris_of_plain_names(cxkit: Run, tmp_path: Path) -> None:
    write(tmp_path / "ws", "Billing_2024 (v1+draft)@team.yaml", "unknown: 1\n")
    (found,) = json.loads(cxkit("validate", "ws", "-f", "sarif", cwd=tmp_path).out)["runs"][0][
        "results"
    ]
    uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "ws/Billing_2024%20(v1+draft)@team.yaml"


# --- names that attack the medium ------------------------------------------------------------

HOSTILE = {
    "fence": "```",
    "fence-and-lines": "```\n# heading\n```",
    "html": "<img src=x onerror=alert(1)>",
    "link": "[x](http://evil)",
    "mention": "@org/team",
    "heading": "# heading",
    "emphasis": "*em*",
    "underscore": "_em_ snake_case",
    "ansi": "\x1b[31mred",
    "bell": "\x07bell",
    "return": "\rback",
    "rich-markup": "[/] [link=http://evil]click[/link]",
}
# Every control character but the line feed: none may reach a terminal from a name.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """A hostile name as a terminal report shows it: control characters as escapes."""
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


OWNERS = "owners:\n  - {id: lead, name: Lead, kind: person}\n" + "".join(
    f"  - {{id: o-{key}, name: {quoted(text)}, kind: team}}\n" for key, text in HOSTILE.items()
)


def touchpoints(names: dict[str, str]) -> str:
    return "touchpoints:\n" + "".join(
        f"  - {{id: t-{key}, name: {quoted(name)}, owner: o-{key}}}\n"
        for key, name in names.items()
    )


JOURNEY = f"""\
journeys:
  - id: j
    name: J
    leader: lead
    stages:
      - id: s
        name: S
        touchpoints: [{", ".join(f"t-{key}" for key in HOSTILE)}]
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """`old/` with plain names, `new/` with the hostile ones, and a change to them."""
    for side, names in (("old", dict.fromkeys(HOSTILE, "Plain")), ("new", HOSTILE)):
        write(tmp_path / side, "owners.yaml", OWNERS)
        write(tmp_path / side, "touchpoints.yaml", touchpoints(names))
        write(tmp_path / side, "journeys.yaml", JOURNEY)
    title = " ".join(HOSTILE.values())
    change = f"""\
change:
  id: c
  title: {quoted(title)}
  reason: technology
  purpose: {quoted(title)}
  owner: o-mention
  affects:
    touchpoints: [{", ".join(f"t-{key}" for key in HOSTILE)}]
"""
    write(tmp_path, "change.yaml", change)
    return tmp_path


def tokens(markdown: str) -> list[Token]:
    """Every token of `markdown` as GitHub-flavoured Markdown reads it, inline ones included."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found = []
    for token in parser.parse(markdown):
        found.append(token)
        found.extend(token.children or [])
    return found


# The headings cxkit writes (the impact of a change names it in its heading).
OUR_HEADINGS = (
    "Journey changes: ",
    "Journey `",
    "Risks",
    "Impact of `c`: ",
    "Where to start",
    "Touchpoints reached, changed ones first",
    "The ",  # "The 5 most exposed touchpoints": a count of cxkit's, never a name
    "Whom to engage",
    "Handed over (inactive owners)",
    "Communication plan",
    "Gaps to close before release",
    "Warnings",
    "cxkit validate",
)


def assert_nothing_became_markup(markdown: str) -> list[Token]:
    """No raw control character, HTML, link, image, emphasis, strikethrough, heading made of a
    name, or @mention; the tokens, for more checks."""
    assert not CONTROL.search(markdown)
    found = tokens(markdown)
    kinds = {token.type for token in found}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "em_open", "s_open"}
    headings = [found[i + 1].content for i, t in enumerate(found) if t.type == "heading_open"]
    assert [h for h in headings if not h.startswith(OUR_HEADINGS)] == []
    text = [token.content for token in found if token.type == "text"]
    assert not [t for t in text if re.search(r"(?<![A-Za-z0-9_])@[A-Za-z0-9]", t)]
    assert_tables_keep_their_columns(markdown)
    return found


def assert_tables_keep_their_columns(markdown: str) -> None:
    """Every row of each table has the cells of its header: no name added or split one. (A
    parser pads or cuts rows to the header, so the row's own `|`s are counted.)"""
    columns = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or count
        assert count == columns, line


def assert_every_name_is_shown(found: list[Token]) -> None:
    """What the names say is all there, read back from the Markdown as text."""
    readable = " ".join(t.content for t in found if t.type in ("text", "code_inline", "fence"))
    readable = readable.replace("\u2060", "")  # the word joiner that keeps @ from linking
    for text in HOSTILE.values():
        # In running text a line break (and a carriage return) is a space, as in any paragraph.
        assert shown(text) in readable or shown(" ".join(text.split())) in readable, text


def test_diff_markdown_keeps_every_name_inside_its_code_block(cxkit: Run, hostile: Path) -> None:
    result = cxkit("diff", "old", "new", "-f", "markdown", cwd=hostile)
    assert result.code == 0, result.err
    found = assert_nothing_became_markup(result.out)
    (block,) = [token for token in found if token.type == "fence"]
    assert block.info == "diff"
    lines = block.content.splitlines()
    # One line per renamed touchpoint, all inside the block: no name closed it.
    assert len(lines) == len(HOSTILE)
    assert all(line.startswith("~ touchpoint t-") for line in lines)
    assert_every_name_is_shown(found)


def test_impact_markdown_shows_names_as_written(cxkit: Run, hostile: Path) -> None:
    result = cxkit("impact", "change.yaml", "-w", "new", "-f", "markdown", cwd=hostile)
    assert result.code == 0, result.err
    found = assert_nothing_became_markup(result.out)
    assert_every_name_is_shown(found)
    engaged = [line for line in result.out.splitlines() if "accountable: t-" in line]
    assert len(engaged) == len(HOSTILE)  # each owner on a row of its own: no name broke one


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "old", "new"],
        ["diff", "old", "new", "--color"],
        ["impact", "change.yaml", "-w", "new"],
        ["impact", "change.yaml", "-w", "new", "--color"],
    ],
    ids=" ".join,
)
def test_terminal_output_shows_control_characters_as_escapes(
    cxkit: Run, hostile: Path, args: list[str]
) -> None:
    result = cxkit(*args, cwd=hostile)
    assert result.code == 0, result.err
    # Colour is cxkit's own `ESC [ ... m`: take it away, and no control character is left.
    assert not CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", result.out))
    for text in HOSTILE.values():
        assert shown(text).split("\\n")[0] in result.out, text


def test_diff_text_gives_each_change_one_line(cxkit: Run, hostile: Path) -> None:
    lines = cxkit("diff", "old", "new", cwd=hostile).out.splitlines()
    assert len([line for line in lines if line.startswith("  ~ touchpoint t-")]) == len(HOSTILE)
    assert "  ~ touchpoint t-fence-and-lines: name Plain → ```\\n# heading\\n```" in lines


def test_impact_text_shows_rich_markup_as_written(cxkit: Run, hostile: Path) -> None:
    result = cxkit("impact", "change.yaml", "-w", "new", cwd=hostile)
    assert (result.code, result.err) == (0, "")  # `[/]` closes nothing: it is not markup
    assert HOSTILE["rich-markup"] in result.out
    assert HOSTILE["link"] in result.out


def test_diff_errors_on_stderr_show_a_file_name_escaped(cxkit: Run, hostile: Path) -> None:
    write(hostile / "new", "bad\x1b[2Jname.yaml", "touchpoints: [\n")
    result = cxkit("diff", "old", "new", cwd=hostile)
    assert result.code == 0
    assert "bad\\x1b[2Jname.yaml:" in result.err
    assert not CONTROL.search(result.err)


def test_fatal_errors_show_a_path_escaped(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("validate", "no\x1b]0;title\x07where", cwd=tmp_path)
    assert result.code == 2
    assert "no\\x1b]0;title\\x07where" in result.err
    assert not CONTROL.search(result.err)


@pytest.fixture
def summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    return target


def test_the_github_job_summary_shows_keys_and_names_as_written(
    cxkit: Run, tmp_path: Path, summary: Path
) -> None:
    keys = "".join(f"{quoted(text)}: 1\n" for text in HOSTILE.values())
    write(tmp_path / "ws", "`tick` |pipe| <b>.yaml", keys)
    result = cxkit("validate", "ws", "-f", "github", cwd=tmp_path)
    assert result.code == 1
    markdown = summary.read_text(encoding="utf-8")
    found = assert_nothing_became_markup(markdown)
    assert_every_name_is_shown(found)
    rows = [line for line in markdown.splitlines() if line.startswith("| error")]
    assert len(rows) == len(HOSTILE)
    code = {t.content.replace("\\|", "|") for t in found if t.type == "code_inline"}
    assert "ws/`tick` |pipe| <b>.yaml:1:1" in code


def structure(markdown: str) -> list[str]:
    """The kinds of Markdown block and inline element, in order, without their text."""
    return [t.type for t in tokens(markdown) if t.type not in ("text", "softbreak", "inline")]


def test_rendered_markdown_pages_show_names_as_written(cxkit: Run, hostile: Path) -> None:
    # The briefing and the maps, rendered once from plain names and once from hostile ones:
    # escaped, the hostile names make pages of exactly the same structure (no emphasis, heading,
    # list or table cell of their own), and no link out, image,
    # HTML, emphasis, @mention or control character of their own.
    plain = (hostile / "change.yaml").read_text().replace("title: ", "title: Plain #", 1)
    write(hostile, "plain.yaml", plain.replace("purpose: ", "purpose: Plain #", 1))
    for side, change in (("old", "plain.yaml"), ("new", "change.yaml")):
        for args in ([change], ["--maps"]):
            out = hostile / "out" / side / args[0]
            result = cxkit("render", *args, "-w", side, "-o", out, "-f", "markdown", cwd=hostile)
            assert result.code == 0, result.err
    pages = sorted(p.relative_to(hostile / "out/new") for p in (hostile / "out/new").rglob("*.md"))
    assert len(pages) >= 8
    for page in pages:
        new = (hostile / "out/new" / page).read_text(encoding="utf-8")
        old = hostile / "out/old" / str(page).replace("change.yaml", "plain.yaml")
        assert not CONTROL.search(new), page
        found = tokens(new)
        assert not {t.type for t in found} & {"html_inline", "html_block", "image"}
        links = [t.attrs["href"] for t in found if t.type == "link_open"]
        assert all(not str(href).startswith(("http", "//")) for href in links), (page, links)
        text = [t.content for t in found if t.type == "text"]
        assert not [t for t in text if re.search(r"(?<![A-Za-z0-9_])@[A-Za-z0-9]", t)], page
        if old.exists():
            assert structure(new) == structure(old.read_text(encoding="utf-8")), page
