"""cxkit reads YAML 1.2: files that libyaml (YAML 1.1, lax) accepts but YAML 1.2 forbids are
refused at the place they break it, as editors' language servers and other parsers refuse them.

Each case is one of the classes of error libyaml lets through (the yaml-test-suite's error cases
have more examples of each), written out in a workspace file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_hostile import findings, messages, validate
from tests.conftest import Run, write

OWNER = "owners:\n  - id: ana\n    name: Ana\n    kind: person\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            OWNER.replace("name: Ana", 'name: "Ana"# the lead'), (3, 16), id="comment-after-quoted"
        ),
        pytest.param(OWNER + "    tags: [a]#x\n", (5, 14), id="comment-after-flow"),
        pytest.param(OWNER + "    tags: [a, b, ]#x\n", (5, 19), id="comment-after-trailing-comma"),
        pytest.param(OWNER + "    tags: [-, -]\n", (5, 12), id="dash-alone-in-flow"),
        pytest.param(
            OWNER.replace("name: Ana", 'name: "Ana\nRossi"'), (4, 1), id="quoted-below-indent"
        ),
        pytest.param(OWNER + "    tags: [\n\ta]\n", (6, 2), id="tab-indenting-flow"),
        pytest.param("%YAML 1.1#...\n---\n" + OWNER, (1, 10), id="directive-then-comment"),
    ],
)
def test_what_yaml_1_2_forbids_is_refused_where_it_breaks(
    cxkit: Run, tmp_path: Path, text: str, where: tuple[int, int]
) -> None:
    ws = tmp_path / "journeys"
    write(ws, "broken.yaml", text)
    # Checking goes on: the other file's own problem is still reported.
    write(ws, "other.yaml", "systems:\n  - id: crm\n    name: CRM\n    owner: ghost\n")
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [
        ("broken.yaml", "yaml-syntax", *where),
        ("other.yaml", "ref-undefined", 4, 12),
    ]
    assert messages(result, "yaml-syntax")[0].startswith("not valid YAML 1.2: ")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(OWNER.replace("name: Ana", "name:\tAna"), id="tab-after-colon"),
        pytest.param(OWNER.replace("name: Ana", 'name: "Ana:\tRossi"'), id="tab-in-quotes"),
        pytest.param(OWNER.replace("name: Ana", "name: Ana # a comment"), id="spaced-comment"),
        pytest.param("%YAML 1.2\n---\n" + OWNER, id="yaml-1.2-directive"),
        pytest.param(
            "personas:\n  - id: sam\n    name: Sam\n    goals: [a, b, ]\n", id="trailing-comma"
        ),
    ],
)
def test_valid_yaml_1_2_is_accepted(cxkit: Run, tmp_path: Path, text: str) -> None:
    # `key:<TAB>value` is valid YAML 1.2 (separation is spaces or tabs), though yaml-rs refuses it.
    ws = tmp_path / "journeys"
    write(ws, "file.yaml", text)
    result = validate(cxkit, ws)
    assert findings(result) == []
    assert result.code == 0


def test_a_very_long_line_in_a_file_full_of_indicators_is_reported_not_parsed(
    cxkit: Run, tmp_path: Path
) -> None:
    # 60,000 `- ` items, then a 30,000-character line: too much for the YAML 1.2 parser to be
    # handed safely, so cxkit says so at that line instead of crashing or skipping the check.
    ws = tmp_path / "journeys"
    items = "".join(f"    - {i}\n" for i in range(60_000))
    text = OWNER + "    tags:\n" + items + "    contact: " + "x" * 30_000 + "\n"
    write(ws, "owners.yaml", text)
    result = validate(cxkit, ws, seconds=30)
    assert result.code == 1
    assert findings(result) == [("owners.yaml", "yaml-syntax", 60_006, 1)]
    assert "break the line" in messages(result, "yaml-syntax")[0]


def test_a_byte_order_mark_on_the_last_line_is_reported_inside_the_file(
    cxkit: Run, tmp_path: Path
) -> None:
    # Found by the property test: yaml-rs counted a line past the end of `-\n<BOM>`.
    ws = tmp_path / "journeys"
    (ws / "broken.yaml").parent.mkdir()
    (ws / "broken.yaml").write_bytes(b"-\n\xef\xbb\xbf")
    result = validate(cxkit, ws)
    assert result.code == 1
    assert findings(result) == [("broken.yaml", "yaml-syntax", 2, 2)]
