"""Property tests: whatever a workspace file holds, `cxkit validate` answers with findings.

Arbitrary text, arbitrary bytes, YAML-ish text built from the format's own keys and YAML's
indicators, and random edits of the example workspace are written as workspace files. Whatever
they are, the run must end with exit 0 or 1 (never 2, which is a crash or a usage error), every
stdout line must be a well-formed parsable finding with line and column from 1, and the exit code
must say whether there is an error.

Each example gets its own folder from `tempfile.TemporaryDirectory()` (function-scoped fixtures
are set up once per test, not once per example). The `cxkit` fixture is safe to share between
examples: it reads the captured output away before and after every run.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cxkit.checks.rules import RULES
from tests.conftest import EXAMPLE, Result, Run

PARSABLE = re.compile(r"^(.+):(\d+):(\d+): \[(error|warning|info)\] (.+) \(([a-z-]+)\)$")

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(cxkit: Run, files: dict[str, bytes]) -> Result:
    """Write `files` into a fresh workspace, validate it, and check the invariants."""
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        ws.mkdir()
        for name, data in files.items():
            (ws / name).write_bytes(data)
        result = cxkit("validate", "ws", "--format", "parsable", cwd=Path(tmp))
    assert "Traceback" not in result.out and "Traceback" not in result.err, result.err
    assert result.code in (0, 1), result.err
    # Standard error holds at most the coverage line (parsable's only line that is no finding).
    assert [line for line in result.err.splitlines() if not line.startswith("coverage: ")] == []
    severities = []
    for line in result.out.splitlines():
        match = PARSABLE.match(line)
        assert match, f"not a parsable finding: {line[:300]!r}"
        path, row, col, severity, _, rule = match.groups()
        assert path.removeprefix("ws/") in files, path
        assert int(row) >= 1 and int(col) >= 1, line[:300]
        assert rule in RULES, rule
        severities.append(severity)
    assert result.out == "" or result.out.endswith("\n")
    assert result.code == (1 if "error" in severities else 0)
    return result


# --- arbitrary input -----------------------------------------------------------------------------


@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text(cxkit: Run, text: str) -> None:
    check(cxkit, {"file.yaml": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(data=st.binary(max_size=400))
@example(data=b"\xff\xfeo\x00w\x00")
@example(data=b"\x00")
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xef\xbb\xbf\xef\xbb\xbf")
def test_any_bytes(cxkit: Run, data: bytes) -> None:
    check(cxkit, {"file.yaml": data})


# --- YAML-ish text from a grammar of fragments ---------------------------------------------------

KEYS = [
    "owners", "personas", "systems", "touchpoints", "journeys", "id", "name", "kind", "team",
    "lead", "active", "function", "contact", "description", "goals", "owner", "channel",
    "responsible", "consulted", "informed", "moment_of_truth", "emotion", "effort",
    "pain_points", "metrics", "target", "actual", "better", "unit", "tags", "persona", "leader",
    "goal", "stages", "ownr", "journey", "<<", "", "Owners", "? [a]",
]  # fmt: skip
VALUES = [
    "ana", "cx", "ops", "person", "team", "persn", "true", "false", "no", "yes", "on", "~",
    "null", "3", "0", "5", "7", "-1", "3.5", "1e3", ".inf", "-.inf", ".nan", "012", "0x1f",
    "1:20", "2026-12-15", "2026-02-30", "Billing", "higher", "lower", '""', "''", '"3"',
    "'it''s'", '"a\\x00b"', '"\\ud800"', "[]", "{}", "[ana, cx]", "{id: x}", "{id: x, name: X}",
    "[{name: csat, target: 1, actual: 2}]", "&a ana", "*a", "!!str x", "!include x.yaml",
    "!!python/object/apply:os.system [true]", "! x", "|", ">-", "9" * 40, "a" * 70, "é",
    "\U0001f600", "\u2028", "\x85", "\ufeff", "\t", "@x", "`x", "%x", "- x", "[[[", "]]}",
]  # fmt: skip
TOKENS = [
    "\n", "\n", "\n", " ", "  ", "    ", "- ", ": ", ":", ", ", "[", "]", "{", "}", "&a ", "&b ",
    "*a", "*b", "!", "!!", "!!str ", "!foo ", "#", " # note", '"', "'", "\t", "\r\n", "\r",
    "---\n", "...\n", "? ", "|\n", ">\n", "%YAML 1.2\n", "%TAG ! tag:x,2026:\n", "\\", "\x00",
    "\x07", "\ufeff", "\u2028", "\x85", "é", "\U0001f600",
]  # fmt: skip

indent = st.sampled_from(["", "  ", "    ", "      ", "        ", " ", "   ", "\t"])
key = st.sampled_from(KEYS)
value = st.one_of(st.sampled_from(VALUES), st.text(max_size=6))
line = st.one_of(
    st.tuples(
        indent, st.sampled_from(["", "- ", "- - "]), key, st.sampled_from([":", ": "]), value
    ).map("".join),
    st.tuples(indent, st.sampled_from(["- ", "  - "]), value).map("".join),
    st.tuples(indent, key, st.just(":")).map("".join),
    st.lists(st.sampled_from(TOKENS + KEYS + VALUES), max_size=8).map("".join),
)
document = st.lists(line, max_size=30).map(lambda lines: "\n".join(lines) + "\n")
token_soup = st.lists(st.sampled_from(TOKENS + KEYS + VALUES), max_size=80).map("".join)


@SETTINGS
@given(text=document)
@example(text="owners:\n  - id: ana\n    name: Ana\n    kind: person\n")
@example(text="owners:\n  - {id: x, id: x}\n")
@example(text="? [a]\n: b\n")
@example(text="journeys:\n- pay\n")  # a string where a journey mapping belongs
@example(text="touchpoints:\n  - {id: t, name: T, metrics: [csat]}\n")
def test_yaml_ish_lines(cxkit: Run, text: str) -> None:
    check(cxkit, {"file.yaml": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(text=token_soup)
def test_token_soup(cxkit: Run, text: str) -> None:
    check(cxkit, {"file.yaml": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(files=st.lists(document, min_size=2, max_size=3))
def test_several_yaml_ish_files(cxkit: Run, files: list[str]) -> None:
    check(
        cxkit,
        {f"f{i}.yaml": text.encode("utf-8", "surrogatepass") for i, text in enumerate(files)},
    )


# --- random edits of a real workspace ------------------------------------------------------------

EXAMPLE_FILES = {
    path.relative_to(EXAMPLE).as_posix().replace("/", "-"): path.read_text(encoding="utf-8")
    for path in sorted(EXAMPLE.rglob("*.yaml"))
}
edit = st.tuples(
    st.floats(min_value=0, max_value=1),  # where
    st.integers(min_value=0, max_value=40),  # how many characters to remove
    st.one_of(st.sampled_from(TOKENS + KEYS + VALUES), st.text(max_size=4)),  # what to insert
)


@SETTINGS
@given(
    target=st.sampled_from(sorted(EXAMPLE_FILES)),
    edits=st.lists(edit, min_size=1, max_size=4),
)
def test_edited_example_workspace(
    cxkit: Run, target: str, edits: list[tuple[float, int, str]]
) -> None:
    text = EXAMPLE_FILES[target]
    for where, remove, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + remove :]
    files = {name: body.encode() for name, body in EXAMPLE_FILES.items()}
    files[target] = text.encode("utf-8", "surrogatepass")
    check(cxkit, files)


# --- positions point into the file ---------------------------------------------------------------

BREAK = re.compile(r"\r\n|\r|\n")


@SETTINGS
@given(text=st.one_of(document, token_soup, st.text(max_size=300)))
@example(text='owners:\n  - id: ana\n    name: "Ana\u2028Rossi"\n    kind: persn\n')
@example(text="owners:\n  - {id: ana, name: Ana, kind: persn}\r\n")
def test_positions_point_into_the_file(cxkit: Run, text: str) -> None:
    """Every line:col names a place in the file as an editor shows it: lines end at LF, CRLF or
    CR (YAML 1.2's line breaks; U+0085, U+2028 and U+2029 are characters of a line), columns
    count characters, and the place just after the last character is allowed."""
    result = check(cxkit, {"file.yaml": text.encode("utf-8", "surrogatepass")})
    lines = BREAK.split(text.removeprefix("\ufeff"))
    for found in result.out.splitlines():
        match = PARSABLE.match(found)
        assert match
        row, col = int(match[2]), int(match[3])
        assert row <= len(lines), f"line {row} of {len(lines)}: {found[:300]}"
        assert col <= len(lines[row - 1]) + 1, (
            f"col {col} of {lines[row - 1][:100]!r}: {found[:300]}"
        )
