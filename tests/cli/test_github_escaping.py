"""The github format escapes what the runner would misread: `%` (and CR and LF) in messages; also
`:` and `,` in properties. Parsed back as the runner parses it, every annotation says exactly what
the JSON format says. The JUnit format, parsed back, holds the same awkward text. Line breaks and
other control characters a key holds are written as escapes (`\\r\\n`) before any format sees
them, so no output can be broken or coloured by a file's contents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import Run, write

# A file name and a key holding everything that needs escaping. The key is an unknown
# top-level key, so it appears in the finding's message.
NAME = "50%,off:now.yaml"
KEY = r'"rate: 50%, then\r\nmore | %0A, %25 \x01"'
COMMAND = re.compile(r"^::(?P<command>\w+) (?P<properties>[^:]*)::(?P<data>.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse(line: str) -> dict[str, str]:
    """One workflow command, read the way the Actions runner reads it."""
    match = COMMAND.match(line)
    assert match, line
    properties = dict(pair.split("=", 1) for pair in match["properties"].split(","))
    return {
        "command": match["command"],
        **{name: unescape_property(value) for name, value in properties.items()},
        "message": unescape_data(match["data"]),
    }


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    write(tmp_path / "ws", NAME, f"{KEY}: 1\npersonas:\n  - {{id: p, name: P}}\n")
    write(tmp_path / "ws", "plain.yaml", "touchpoints:\n  - {id: t, name: T}\n")
    return tmp_path


def test_every_annotation_reads_back_as_the_json_finding(cxkit: Run, awkward: Path) -> None:
    result = cxkit("validate", "ws", "-f", "github", cwd=awkward)
    assert result.code == 1
    lines = result.out.splitlines()
    expected = json.loads(cxkit("validate", "ws", "-f", "json").out)["findings"]
    assert len(lines) == len(expected) + 1  # no message broke a line; then the summary
    assert lines[-1].startswith("cxkit: 2 files, 1 errors")
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, expected, strict=False):
        assert parse(line) == {
            "command": levels[finding["severity"]],
            "file": finding["path"],
            "line": str(finding["line"]),
            "col": str(finding["column"]),
            "title": finding["rule"],
            "message": finding["message"],
        }


def test_the_awkward_characters_are_escaped_not_dropped(cxkit: Run, awkward: Path) -> None:
    lines = cxkit("validate", "ws", "-f", "github", cwd=awkward).out.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert error.startswith("::error file=ws/50%25%2Coff%3Anow.yaml,line=1,col=1,title=")
    assert error.endswith(
        "::unknown top-level key 'rate: 50%25, then\\r\\nmore | %250A, %2525 \\x01'"
    )
    parsed = parse(error)
    assert parsed["file"] == f"ws/{NAME}"
    assert parsed["message"] == (
        "unknown top-level key 'rate: 50%, then\\r\\nmore | %0A, %25 \\x01'"
    )


def test_the_job_summary_keeps_one_row_per_finding(
    cxkit: Run, awkward: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = awkward / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cxkit("validate", "ws", "-f", "github", cwd=awkward)
    rows = [line for line in summary.read_text().splitlines() if line.startswith("| error")]
    # Each backslash is escaped, so that none escapes what follows it: `\\r` reads as `\r`.
    assert rows == [
        f"| error | `ws/{NAME}:1:1` | `unknown-field` |"
        " unknown top-level key 'rate: 50%, then\\\\r\\\\nmore \\| %0A, %25 \\\\x01' |"
    ]


def test_junit_parses_back_with_the_same_text(cxkit: Run, awkward: Path) -> None:
    result = cxkit("validate", "ws", "-f", "junit", cwd=awkward)
    suites = ET.fromstring(result.out)  # control characters would make this fail
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    assert set(cases) == {f"ws/{NAME}", "ws/plain.yaml"}
    failure = cases[f"ws/{NAME}"].find("failure")
    assert failure is not None and failure.text is not None
    assert (
        "unknown top-level key 'rate: 50%, then\\r\\nmore | %0A, %25 \\x01' (unknown-field)"
        in failure.text
    )
    assert cases["ws/plain.yaml"].find("failure") is None
    assert cases["ws/plain.yaml"].find("system-out") is not None
