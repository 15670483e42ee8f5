"""`# cxkit: disable-line` and `# cxkit: disable-next-line`: every form, and what they report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxkit.source.yamlreader import read_yaml
from tests.conftest import Run, write

OWNERS = """\
owners:
  - {id: care, name: Care, kind: team, lead: ana}
  - {id: ana, name: Ana, kind: person, team: care}
journeys:
  - id: j
    name: Journey
    leader: ana
    metrics: [{name: nps}]
    stages:
      - {id: s, name: Stage, touchpoints: []}
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "ws", "owners.yaml", OWNERS)
    return tmp_path / "ws"


def check(cxkit: Run, ws: Path, text: str, *args: str) -> list[str]:
    """The parsable findings of tp.yaml, as `line:col rule`, after writing `text` to it."""
    write(ws, "tp.yaml", text)
    result = cxkit("validate", "ws", "-f", "parsable", *args, cwd=ws.parent)
    assert result.code in (0, 1), result.err
    return [
        f"{line.split(':')[1]}:{line.split(':')[2]} {line.rsplit('(', 1)[1].rstrip(')')}"
        for line in result.out.splitlines()
    ]


def messages(cxkit: Run, ws: Path) -> list[str]:
    result = cxkit("validate", "ws", "-f", "json", cwd=ws.parent)
    return [f"{f['line']}:{f['column']} {f['message']}" for f in json.loads(result.out)["findings"]]


def column(line: str, needle: str) -> int:
    """The 1-based column where `needle` starts in `line`."""
    return line.index(needle) + 1


# An orphan touchpoint with no owner and no metric: three findings on line 2, at its id.
ORPHAN = "touchpoints:\n  - {id: tp, name: T}"
THREE = ["2:10 touchpoint-orphan", "2:10 touchpoint-unmeasured", "2:10 touchpoint-unowned"]


def test_without_comments_there_are_three_findings(cxkit: Run, ws: Path) -> None:
    assert check(cxkit, ws, ORPHAN + "\n") == THREE


@pytest.mark.parametrize(
    ("comment", "left"),
    [
        ("# cxkit: disable-line touchpoint-orphan", THREE[1:]),
        ("# cxkit: disable-line touchpoint-orphan, touchpoint-unowned", [THREE[1]]),
        ("# cxkit: disable-line touchpoint-orphan,touchpoint-unowned", [THREE[1]]),
        ("# cxkit: disable-line touchpoint-orphan touchpoint-unowned", [THREE[1]]),
        ("#cxkit:disable-line touchpoint-orphan", THREE[1:]),
        ("# cxkit: disable-line", []),
        ("# cxkit: disable-line -- nobody owns it yet", []),
        ("# cxkit: disable-line touchpoint-orphan -- retired next month", THREE[1:]),
        ("# cxkit: disable-line touchpoint-orphan --", THREE[1:]),
    ],
)
def test_disable_line(cxkit: Run, ws: Path, comment: str, left: list[str]) -> None:
    assert check(cxkit, ws, f"{ORPHAN}  {comment}\n") == left


def test_disable_next_line(cxkit: Run, ws: Path) -> None:
    text = "touchpoints:\n  # cxkit: disable-next-line touchpoint-unowned\n  - {id: tp, name: T}\n"
    assert check(cxkit, ws, text) == [
        "3:10 touchpoint-orphan",
        "3:10 touchpoint-unmeasured",
    ]


def test_disable_next_line_of_every_rule_at_the_top_of_a_block(cxkit: Run, ws: Path) -> None:
    text = "touchpoints:\n# cxkit: disable-next-line\n  - id: tp\n    name: T\n"
    assert check(cxkit, ws, text) == []


def test_a_suppression_hides_only_its_own_line(cxkit: Run, ws: Path) -> None:
    text = (
        "touchpoints:\n"
        "  - {id: a, name: A}  # cxkit: disable-line touchpoint-orphan\n"
        "  - {id: b, name: B}\n"
    )
    found = check(cxkit, ws, text)
    assert "2:10 touchpoint-orphan" not in found
    assert "3:10 touchpoint-orphan" in found


def test_a_suppression_in_another_file_hides_nothing_here(cxkit: Run, ws: Path) -> None:
    line = "  - {id: p, name: P}  # cxkit: disable-line"
    write(ws, "other.yaml", f"personas:\n{line}\n")
    found = check(cxkit, ws, ORPHAN + "\n")
    assert found == [f"2:{column(line, '#')} suppression-unused", *THREE]  # other.yaml first


def test_format_checks_can_be_suppressed(cxkit: Run, ws: Path) -> None:
    text = (
        "personas:\n  - id: p\n    name: P\n    name: Q  # cxkit: disable-line yaml-duplicate-key\n"
    )
    write(ws, "tp.yaml", text)
    result = cxkit("validate", "ws", cwd=ws.parent)
    assert result.code == 0, result.out
    assert "1 suppressed by comments" in result.out


def test_text_that_only_looks_like_a_comment_suppresses_nothing(cxkit: Run, ws: Path) -> None:
    text = (
        "touchpoints:\n"
        '  - {id: tp, name: "T # cxkit: disable-line"}\n'
        "    # a real comment about the next key\n"
        "personas:\n"
        "  - id: p\n"
        "    name: P\n"
        "    description: |\n"
        "      # cxkit: disable-next-line\n"
        "      Lives in a block of text.\n"
    )
    assert check(cxkit, ws, text) == THREE


def test_a_hash_inside_a_plain_value_is_not_a_comment(cxkit: Run, ws: Path) -> None:
    text = "touchpoints:\n  - {id: tp, name: T#cxkit:disable-line}\n"
    assert check(cxkit, ws, text) == THREE


# --- what suppressions report ---------------------------------------------------------------


def test_a_suppression_of_a_rule_not_reported_there_is_unused(cxkit: Run, ws: Path) -> None:
    line = "  - {id: p, name: P}  # cxkit: disable-line touchpoint-orphan, team-no-lead"
    first, second = column(line, "touchpoint-orphan"), column(line, "team-no-lead")
    assert check(cxkit, ws, f"personas:\n{line}\n") == [
        f"2:{first} suppression-unused",
        f"2:{second} suppression-unused",
    ]
    assert messages(cxkit, ws)[0] == (
        f"2:{first} 'touchpoint-orphan' is not reported on this line, so suppressing it hides"
        " nothing; remove it from the comment"
    )


def test_a_partly_used_suppression_reports_the_unused_rule_only(cxkit: Run, ws: Path) -> None:
    text = f"{ORPHAN}  # cxkit: disable-line touchpoint-orphan, team-no-lead"
    assert check(cxkit, ws, text + "\n") == [
        *THREE[1:],
        f"2:{column(text.splitlines()[1], 'team-no-lead')} suppression-unused",
    ]


def test_a_suppression_of_every_rule_that_hides_nothing_is_unused(cxkit: Run, ws: Path) -> None:
    text = "personas:\n  # cxkit: disable-next-line\n  - {id: p, name: P}\n"
    assert check(cxkit, ws, text) == ["2:3 suppression-unused"]
    assert messages(cxkit, ws) == [
        "2:3 this suppression hides nothing: no finding on the next line; remove it"
    ]


def test_a_suppression_of_a_rule_turned_off_says_so(cxkit: Run, ws: Path) -> None:
    write(ws.parent, ".cxkit.yaml", "rules: {touchpoint-orphan: off}\n")
    text = f"{ORPHAN}  # cxkit: disable-line touchpoint-orphan\n"
    at = column(text.splitlines()[1], "touchpoint-orphan")
    assert check(cxkit, ws, text) == [*THREE[1:], f"2:{at} suppression-unused"]
    assert messages(cxkit, ws)[-1] == (
        f"2:{at} 'touchpoint-orphan' is off in the config, so suppressing it hides nothing;"
        " remove it from the comment"
    )


@pytest.mark.parametrize(
    ("comment", "where", "message"),
    [
        (
            "# cxkit: disable-line touchpoint-orpan",
            "touchpoint-orpan",
            "unknown rule 'touchpoint-orpan' (did you mean 'touchpoint-orphan'?) in the"
            " suppression",
        ),
        (
            "# cxkit: disable-lines touchpoint-orphan",
            "#",
            "unknown cxkit directive 'disable-lines' (did you mean 'disable-line'?); the"
            " directives are disable-line, disable-next-line",
        ),
        ("# cxkit:", "#", "a cxkit comment needs a directive: disable-line, disable-next-line"),
        (
            "# cxkit: disable-line suppression-unused",
            "suppression-unused",
            "'suppression-unused' cannot be suppressed by a comment; turn it off in .cxkit.yaml",
        ),
    ],
)
def test_a_comment_cxkit_cannot_understand_is_invalid(
    cxkit: Run, ws: Path, comment: str, where: str, message: str
) -> None:
    text = f"{ORPHAN}  {comment}"
    at = f"2:{column(text.splitlines()[1], where)}"
    assert check(cxkit, ws, text + "\n") == [*THREE, f"{at} suppression-invalid"]
    assert messages(cxkit, ws)[-1] == f"{at} {message}"


def test_an_unknown_rule_does_not_turn_into_a_suppression_of_everything(
    cxkit: Run, ws: Path
) -> None:
    found = check(cxkit, ws, f"{ORPHAN}  # cxkit: disable-line tochpoint-orphan\n")
    assert found[:3] == THREE


def test_a_valid_rule_beside_an_unknown_one_still_suppresses(cxkit: Run, ws: Path) -> None:
    text = f"{ORPHAN}  # cxkit: disable-line bogus, touchpoint-orphan"
    found = check(cxkit, ws, text + "\n")
    assert found == [*THREE[1:], f"2:{column(text.splitlines()[1], 'bogus')} suppression-invalid"]


def test_suppression_findings_are_warnings_that_the_config_can_change(cxkit: Run, ws: Path) -> None:
    text = "personas:\n  - {id: p, name: P}  # cxkit: disable-line team-no-lead\n"
    write(ws, "tp.yaml", text)
    assert cxkit("validate", "ws", cwd=ws.parent).code == 0
    write(ws.parent, ".cxkit.yaml", "rules: {suppression-unused: error}\n")
    assert cxkit("validate", "ws", cwd=ws.parent).code == 1
    write(ws.parent, ".cxkit.yaml", "rules: {suppression-unused: off}\n")
    assert check(cxkit, ws, text) == []


def test_suppressed_findings_are_counted_in_every_summary(cxkit: Run, ws: Path) -> None:
    write(ws, "tp.yaml", f"{ORPHAN}  # cxkit: disable-line\n")
    text = cxkit("validate", "ws", cwd=ws.parent)
    assert "; 3 suppressed by comments" in text.out
    summary = json.loads(cxkit("validate", "ws", "-f", "json", cwd=ws.parent).out)["summary"]
    assert summary["suppressed"] == 3
    github = cxkit("validate", "ws", "-f", "github", cwd=ws.parent)
    assert github.out.endswith("0 info; 3 suppressed by comments\n")


def test_a_suppression_cannot_hide_a_syntax_error(cxkit: Run, ws: Path) -> None:
    """A file that cannot be read has every finding it would have behind its syntax error: a
    comment on one line must not hide them all (tests/cli/test_trust_inputs.py has more)."""
    text = "personas:\n  - {id: p, name: P\nfoo: [  # cxkit: disable-line yaml-syntax\n"
    found = check(cxkit, ws, text)
    assert [f.split()[1] for f in found] == ["yaml-syntax"]


def test_files_without_cxkit_comments_keep_none() -> None:
    plain = read_yaml("a.yaml", b"# just a comment\npersonas: []  # cx kit\n")
    assert plain.comments == []
    marked = read_yaml("b.yaml", b"personas: []  # cxkit: disable-line\n")
    assert [(c.line, c.column, c.text) for c in marked.comments] == [
        (1, 15, "# cxkit: disable-line")
    ]
