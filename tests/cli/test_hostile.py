"""Hostile input through the real command line: what an attacker or a broken editor could write.

Each test writes a workspace in a fresh folder, runs `cxkit validate -f parsable` in-process and
checks the exact rule and line:col of what is reported, the exit code, and that nothing crashed
(no traceback, no "internal error"). A watchdog fails a test that hangs (an infinite loop is a bug
of its own): its budget is tens of times what a run takes, so it is no speed target; speed is
measured in benchmarks/. Positions are worked out by hand from the text each test writes; the
comments show the counting.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import Result, Run, write

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): \[(?P<severity>error|warning|info)\] "
    r"(?P<message>.+) \((?P<rule>[a-z-]+)\)$"
)

# The watchdog's budget: a run that takes this long has hung (they take about 0.5 s).
BUDGET = 20.0

Found = tuple[str, str, int, int]  # (file name, rule, line, column)


class TooSlow(BaseException):
    """Raised by the alarm; a BaseException so that cxkit's last-resort handler cannot eat it."""


@contextmanager
def deadline(seconds: float = BUDGET) -> Iterator[None]:
    """Fail instead of hanging when the code under test loops forever."""

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(f"cxkit did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def validate(cxkit: Run, folder: Path, seconds: float = BUDGET) -> Result:
    with deadline(seconds):
        result = cxkit("validate", folder, "--format", "parsable")
    assert "Traceback" not in result.out and "Traceback" not in result.err
    assert "internal error" not in result.err, result.err
    return result


def findings(result: Result) -> list[Found]:
    """Each stdout line as (file name, rule, line, col); every line must be a parsable finding."""
    found = []
    for line in result.out.splitlines():
        match = LINE.match(line)
        assert match, f"not a parsable finding: {line[:300]!r}"
        found.append(
            (
                Path(match["path"]).name,
                match["rule"],
                int(match["line"]),
                int(match["col"]),
            )
        )
    return found


def messages(result: Result, rule: str) -> list[str]:
    return [
        m["message"] for m in map(LINE.match, result.out.splitlines()) if m and m["rule"] == rule
    ]


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    folder.mkdir()
    return folder


# --- nesting -------------------------------------------------------------------------------------


def test_deep_flow_nesting_is_cut_off_fast(cxkit: Run, ws: Path) -> None:
    # 40,000 `[`: the root is level 1, the first `[` deeper than 100 levels is the 101st: col 101.
    write(ws, "deep.yaml", "[" * 40_000 + "]" * 40_000 + "\n")
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    assert findings(result) == [("deep.yaml", "yaml-syntax", 1, 101)]
    assert "nesting deeper than 100 levels" in messages(result, "yaml-syntax")[0]


def test_deep_flow_nesting_unclosed(cxkit: Run, ws: Path) -> None:
    write(ws, "deep.yaml", "[" * 40_000)
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    assert findings(result) == [("deep.yaml", "yaml-syntax", 1, 101)]


def test_deep_flow_mapping_nesting(cxkit: Run, ws: Path) -> None:
    # `{a: ` is 4 characters: the 101st `{` is at col 1 + 4 * 100 = 401.
    write(ws, "deep.yaml", "{a: " * 40_000 + "}" * 40_000 + "\n")
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    assert findings(result) == [("deep.yaml", "yaml-syntax", 1, 401)]


def test_deep_block_nesting(cxkit: Run, ws: Path) -> None:
    # `- - - ... x`: sequence k (from 0) starts at col 1 + 2k; the 101st (k = 100) at col 201.
    # The top level is a list as well, which is reported at 1:1.
    write(ws, "deep.yaml", "- " * 50_000 + "x\n")
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    assert ("deep.yaml", "yaml-syntax", 1, 201) in findings(result)
    assert set(findings(result)) <= {
        ("deep.yaml", "yaml-syntax", 1, 201),
        ("deep.yaml", "invalid-value", 1, 1),
    }
    assert any("nesting deeper than 100 levels" in m for m in messages(result, "yaml-syntax"))


def test_very_deep_block_nesting(cxkit: Run, ws: Path) -> None:
    # 1,000,000 levels (2 MB): deeper than the parser's own stack could hold.
    write(ws, "deep.yaml", "- " * 1_000_000 + "x\n")
    result = validate(cxkit, ws, seconds=15)
    assert result.code == 1
    assert ("deep.yaml", "yaml-syntax", 1, 201) in findings(result)
    assert {rule for _, rule, _, _ in findings(result)} <= {"yaml-syntax", "invalid-value"}


BASE = "owners:\n  - id: ana\n    name: Ana\n    kind: person\n"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('"' + "[" * 5000 + '"', id="double-quoted"),
        pytest.param('"a\\"' + "{" * 5000 + '"', id="double-quoted-escaped-quote"),
        pytest.param("'" + "it''s [" * 2000 + "'", id="single-quoted"),
        pytest.param("x" + "[" * 5000, id="plain-scalar"),
        pytest.param("|\n      " + "[" * 5000, id="literal-block"),
        pytest.param(">\n      it's " + "{" * 5000, id="folded-block"),
    ],
)
def test_brackets_in_text_are_not_nesting(cxkit: Run, ws: Path, value: str) -> None:
    # A valid file: brackets inside a text value nest nothing, however many there are.
    write(ws, "owners.yaml", BASE + f"    contact: {value}\n")
    result = validate(cxkit, ws)
    assert findings(result) == []
    assert result.code == 0


def test_brackets_in_comments_are_not_nesting(cxkit: Run, ws: Path) -> None:
    write(ws, "owners.yaml", BASE + "# " + "[" * 5000 + "\n")
    result = validate(cxkit, ws)
    assert findings(result) == []
    assert result.code == 0


# --- aliases -------------------------------------------------------------------------------------


def test_billion_laughs_is_not_expanded(cxkit: Run, ws: Path) -> None:
    # l0: &l0 [lol, ...]; l1: &l1 [*l0, *l0, ...] ... l9: 10 ** 10 strings if expanded.
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    write(ws, "lol.yaml", "\n".join(lines) + "\n")
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    found = findings(result)
    anchors = [f for f in found if f[1] == "yaml-anchor"]
    # `l0: &l0` -> `&` at col 5; `l1: &l1 [*l0, *l0` -> `[` at col 9, aliases at cols 10, 15, ...
    assert anchors[0] == ("lol.yaml", "yaml-anchor", 1, 5)
    assert ("lol.yaml", "yaml-anchor", 2, 10) in anchors
    assert ("lol.yaml", "yaml-anchor", 2, 15) in anchors
    assert len(anchors) == 10 + 9 * 10  # every anchor and every alias, each once
    assert {rule for _, rule, _, _ in found} <= {"yaml-anchor", "unknown-field"}


def test_alias_bomb_inside_a_section(cxkit: Run, ws: Path) -> None:
    text = "touchpoints:\n  - id: t\n    name: T\n    tags: &a [x, x, x, x, x, x, x, x]\n"
    for i in range(1, 30):
        text += f"    f{i}: &a{i} [" + ", ".join([f"*a{'' if i == 1 else i - 1}"] * 8) + "]\n"
    write(ws, "bomb.yaml", text)
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    found = findings(result)
    # `    tags: &a` -> `&` at col 11 on line 4; `    f1: &a1 [*a` -> first alias at col 14.
    assert ("bomb.yaml", "yaml-anchor", 4, 11) in found
    assert ("bomb.yaml", "yaml-anchor", 5, 14) in found
    assert len(result.out) < 100_000


# --- numbers -------------------------------------------------------------------------------------


def test_five_thousand_digit_numbers(cxkit: Run, ws: Path) -> None:
    write(
        ws,
        "big.yaml",
        "touchpoints:\n"
        "  - id: t\n"
        "    name: T\n"
        f"    emotion: {'9' * 5000}\n"  # value at col 14
        "    metrics:\n"
        "      - name: m\n"
        f"        target: {'1' * 5000}\n"  # value at col 17
        f"        actual: {'2' * 5000}.5\n",  # value at col 17
    )
    result = validate(cxkit, ws)
    assert result.code == 1
    invalid = [f for f in findings(result) if f[1] == "invalid-value"]
    assert invalid == [
        ("big.yaml", "invalid-value", 4, 14),
        ("big.yaml", "invalid-value", 7, 17),
        ("big.yaml", "invalid-value", 8, 17),
    ]
    assert all(len(line) < 1000 for line in result.out.splitlines())  # the digits are not echoed


# --- links ---------------------------------------------------------------------------------------


def test_symlink_to_a_file_outside_is_not_read(cxkit: Run, tmp_path: Path, ws: Path) -> None:
    outside = write(tmp_path / "elsewhere", "secret.yaml", "colour: secret\n")
    (ws / "link.yaml").symlink_to(outside)
    write(ws, "owners.yaml", BASE)
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("link.yaml", "file-unreadable", 1, 1)]
    assert "colour" not in result.out


def test_symlink_to_a_folder_outside_is_not_read(cxkit: Run, tmp_path: Path, ws: Path) -> None:
    write(tmp_path / "elsewhere", "secret.yaml", "colour: secret\n")
    (ws / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("linked", "file-unreadable", 1, 1)]
    assert "colour" not in result.out


def test_symlinked_folder_loop(cxkit: Run, ws: Path) -> None:
    # `  - {id: ana, name: Ana, kind: persn}` -> `persn` at col 32.
    write(ws, "sub/owners.yaml", "owners:\n  - {id: ana, name: Ana, kind: persn}\n")
    (ws / "sub" / "up").symlink_to("..", target_is_directory=True)
    (ws / "sub" / "here").symlink_to(".", target_is_directory=True)
    (ws / "sub" / "deeper").mkdir()
    (ws / "sub" / "deeper" / "top").symlink_to("../..", target_is_directory=True)
    result = validate(cxkit, ws, seconds=10)
    assert result.code == 1
    assert findings(result) == [("owners.yaml", "invalid-value", 2, 32)]  # read once


def test_dangling_symlink(cxkit: Run, ws: Path) -> None:
    (ws / "gone.yaml").symlink_to(ws / "nowhere.yaml")
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("gone.yaml", "file-unreadable", 1, 1)]


def test_fifo_named_yaml_does_not_hang(cxkit: Run, ws: Path) -> None:
    os.mkfifo(ws / "pipe.yaml")
    write(ws, "owners.yaml", BASE)
    result = validate(cxkit, ws, seconds=10)
    assert result.code in (0, 1)
    assert {rule for _, rule, _, _ in findings(result)} <= {"file-unreadable"}


# --- encodings -----------------------------------------------------------------------------------


def test_utf16_with_bom(cxkit: Run, ws: Path) -> None:
    write_bytes(ws, "utf16.yaml", (BASE + "    team: x\n").encode("utf-16"))  # BOM ff fe first
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("utf16.yaml", "file-encoding", 1, 1)]


def test_utf16_big_endian(cxkit: Run, ws: Path) -> None:
    write_bytes(ws, "utf16.yaml", b"\xfe\xff" + BASE.encode("utf-16-be"))
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("utf16.yaml", "file-encoding", 1, 1)]


def test_utf16_without_bom(cxkit: Run, ws: Path) -> None:
    # `o\0w\0...`: valid UTF-8 but for the NUL bytes; the first is the second byte.
    write_bytes(ws, "utf16.yaml", BASE.encode("utf-16-le"))
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("utf16.yaml", "file-encoding", 1, 2)]


def test_utf8_bom_is_valid(cxkit: Run, ws: Path) -> None:
    write_bytes(ws, "bom.yaml", b"\xef\xbb\xbf" + BASE.encode())
    result = validate(cxkit, ws)
    assert findings(result) == []
    assert result.code == 0


def test_utf8_bom_does_not_shift_columns(cxkit: Run, ws: Path) -> None:
    # owners: [{id: ana, name: Ana, kind: person, team: x}] -> `x` at col 51 (the BOM is no column)
    text = "owners: [{id: ana, name: Ana, kind: person, team: x}]\n"
    write_bytes(ws, "bom.yaml", b"\xef\xbb\xbf" + text.encode())
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("bom.yaml", "ref-undefined", 1, 51)]


def test_control_character(cxkit: Run, ws: Path) -> None:
    # A BEL is not allowed in YAML: reported where it is, `    name: A` + BEL -> col 12.
    write(ws, "bell.yaml", "owners:\n  - id: ana\n    name: A\x07na\n    kind: person\n")
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("bell.yaml", "yaml-syntax", 3, 12)]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_yaml_1_1_line_break_is_refused_where_it_stands(cxkit: Run, ws: Path, char: str) -> None:
    # libyaml (YAML 1.1) breaks the line at LS, PS and NEL and reads the name as "Ana Rossi";
    # YAML 1.2 readers keep the character. Tools disagree, so the file is refused where the
    # character stands: `    name: "Ana` is 14 characters, so 3:15.
    write(
        ws,
        "ls.yaml",
        f'owners:\n  - id: ana\n    name: "Ana{char}Rossi"\n    kind: person\n    team: ghost\n',
    )
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("ls.yaml", "yaml-syntax", 3, 15)]
    assert "YAML 1.2" in messages(result, "yaml-syntax")[0]


# --- garbage and broken syntax -------------------------------------------------------------------


def test_one_megabyte_line_of_garbage(cxkit: Run, ws: Path) -> None:
    # `owners: [` is 9 characters, then 200,000 times `lol, ` (5 each): the `@`, which cannot
    # start a token, is at col 10 + 5 * 200,000 = 1,000,010.
    garbage = "owners: [" + "lol, " * 200_000 + "@junk" + "]]}{x&*!|>" * 5_000
    assert len(garbage) > 1_000_000
    write(ws, "garbage.yaml", garbage)
    result = validate(cxkit, ws, seconds=15)
    assert result.code == 1
    assert findings(result) == [("garbage.yaml", "yaml-syntax", 1, 1_000_010)]


def test_one_megabyte_scalar(cxkit: Run, ws: Path) -> None:
    write(ws, "long.yaml", "owners: " + "a" * 1_000_000 + "\n")
    result = validate(cxkit, ws, seconds=15)
    assert result.code == 1
    assert findings(result) == [("long.yaml", "invalid-value", 1, 9)]


def test_file_too_large(cxkit: Run, ws: Path) -> None:
    write_bytes(ws, "huge.yaml", b"# " + b"x" * (65 * 1024 * 1024) + b"\n")
    result = validate(cxkit, ws, seconds=30)
    assert result.code == 1
    assert findings(result) == [("huge.yaml", "file-unreadable", 1, 1)]


def test_unclosed_quote(cxkit: Run, ws: Path) -> None:
    # The quoted scalar that never ends starts at line 2, col 9 (`  - id: "`); the file has three
    # lines, so a position after its end would point at nothing.
    write(ws, "quote.yaml", 'owners:\n  - id: "ana\n    name: Ana\n')
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("quote.yaml", "yaml-syntax", 2, 9)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("? [a]\n: b\n", id="list"),
        pytest.param("? {a: 1}\n: b\n", id="mapping"),
        pytest.param("? - a\n: b\n", id="block-list"),
    ],
)
def test_key_that_is_a_collection(cxkit: Run, ws: Path, text: str) -> None:
    write(ws, "key.yaml", text)  # `? ` then the key at col 3
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("key.yaml", "yaml-syntax", 1, 3)]


def test_key_that_is_a_list_inside_an_entity(cxkit: Run, ws: Path) -> None:
    write(ws, "key.yaml", BASE + "    ? [team]\n    : cx\n")  # line 5, `[` at col 7
    result = validate(cxkit, ws)
    assert result.code == 1
    assert ("key.yaml", "yaml-syntax", 5, 7) in findings(result)


# --- line endings --------------------------------------------------------------------------------


def test_windows_line_endings_are_valid(cxkit: Run, ws: Path) -> None:
    text = (
        "owners:\r\n"
        "  - id: ana\r\n"
        "    name: Ana\r\n"
        "    kind: person\r\n"
        "    team: cx\r\n"  # resolves only if the \r is not part of the value
        "  - {id: cx, name: CX, kind: team, lead: ana}\r\n"
    )
    write_bytes(ws, "crlf.yaml", text.encode())
    result = validate(cxkit, ws)
    assert findings(result) == []
    assert result.code == 0


def test_windows_line_endings_positions(cxkit: Run, ws: Path) -> None:
    write_bytes(ws, "crlf.yaml", (BASE + "    team: ghost\n").replace("\n", "\r\n").encode())
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("crlf.yaml", "ref-undefined", 5, 11)]


# --- the workspace folder itself -----------------------------------------------------------------


def test_missing_workspace_folder(cxkit: Run, tmp_path: Path) -> None:
    result = cxkit("validate", tmp_path / "nope", "--format", "parsable")
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("cxkit: error:")
    assert "Traceback" not in result.err


def test_file_instead_of_folder(cxkit: Run, ws: Path) -> None:
    path = write(ws, "owners.yaml", BASE)
    result = cxkit("validate", path, "--format", "parsable")
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("cxkit: error:")
    assert "Traceback" not in result.err
