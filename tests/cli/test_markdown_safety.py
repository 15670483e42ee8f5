"""Markdown pages of `cxkit render` show what names hold as text; Mermaid blocks keep every name
whole; `--offsets` is checked as the config's waves are.

A hostile workspace puts strings that Markdown, GitHub or Mermaid would read as syntax into every
name and text field of a workspace and a change file. Its pages are compared, token by token as
markdown-it-py reads them, with the pages of a twin whose fields hold plain words: any link,
emphasis, code, HTML or heading a name made would be a token the twin lacks.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import CHANGES, EXAMPLE, Result, Run, write

IVR = CHANGES / "ivr-callback.yaml"

HOSTILE = {
    "link": "[x](http://evil.example/a)",
    "image": "![i](http://evil.example/i.png)",
    "reference": "[ref]: http://evil.example",
    "emphasis": "*em* _em_ **strong** ~~gone~~",
    "code": "`code` ``two``",
    "fence": "```js",
    "tildes": "~~~",
    "html": "<b>bold</b> <!-- c --> &amp; &#64;",
    "mention": "@octocat @org/team",
    "issue": "#123",
    "autolink": "<http://evil.example> https://evil.example/x www.evil.example",
    "heading": "# heading",
    "list": "- item",
    "quote": "> quote",
    "pipe": "a | b",
    "backslash": "back\\slash\\",
    "mermaid": '%% a{b}c, d; e: f "g" --> h',
    "directive": "%%{init: {'theme':'forest'}}%% 50% off",
    "commas": "North, South, East",
}
KEYS = list(HOSTILE)


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def write_workspace(folder: Path, names: dict[str, str]) -> tuple[Path, Path]:
    """A workspace and a change file with `names` in every name and text field: an owner, a
    system and a touchpoint per name; journeys of one path and of two; notes and a review."""
    every = " ".join(names.values())
    owners = "owners:\n  - {id: lead, name: Lead, kind: person}\n" + "".join(
        f"  - {{id: o-{k}, name: {quoted(v)}, kind: team, contact: {quoted(v)}}}\n"
        for k, v in names.items()
    )
    personas = "personas:\n" + "".join(
        f"  - {{id: p-{k}, name: {quoted(v)}, description: {quoted(v)}, goals: [{quoted(v)}]}}\n"
        for k, v in list(names.items())[:3]
    )
    systems = "systems:\n" + "".join(
        f"  - {{id: s-{k}, name: {quoted(v)}, owner: o-{k}, description: {quoted(v)}}}\n"
        for k, v in names.items()
    )
    touchpoints = "touchpoints:\n" + "".join(
        f"  - {{id: t-{k}, name: {quoted(v)}, description: {quoted(v)}, channel: {quoted(v)},"
        f" owner: o-{k}, responsible: [o-{k}], consulted: [o-{k}], informed: [o-{k}],"
        f" systems: [s-{k}], emotion: {n % 5 + 1}, effort: {n * 2 % 5 + 1},"
        f" moment_of_truth: true, pain_points: [{quoted(v)}],"
        f" metrics: [{{name: {quoted(v)}, target: 5, actual: 3, unit: {quoted(v)}}}],"
        f" tags: [{quoted(v)}]}}\n"
        for n, (k, v) in enumerate(names.items())
    )
    touchpoints += f"  - {{id: t-nobody, name: {quoted(every)}, emotion: 2}}\n"
    journeys = "journeys:\n" + "".join(
        journey(number, names, every, paths) for number, paths in enumerate((True, False))
    )
    workspace = folder / "ws"
    write(workspace, "people.yaml", owners + personas + systems)
    write(workspace, "touchpoints.yaml", touchpoints)
    write(workspace, "journeys.yaml", journeys)
    teams = "".join(f"      o-{k}: {quoted(v)}\n" for k, v in names.items())
    change = f"""\
change:
  id: c
  title: {quoted(every)}
  reason: technology
  purpose: {quoted(every)}
  owner: o-link
  release: 2026-12-15
  affects:
    touchpoints: [{", ".join(f"t-{k}" for k in KEYS[:6])}]
    systems: [s-html]
    channels: [{quoted(names["mention"])}]
    owners: []
  customer_message: {quoted(every)}
  notes:
    stakeholders: {quoted(every)}
    teams:
{teams}    informed: {quoted(every)}
    customers:
      p-link: {quoted(every)}
  review:
    date: 2027-01-15
    went_well: [{quoted(every)}]
    do_differently: [{quoted(every)}]
    engaged_late: [o-html]
"""
    return workspace, write(folder, "change.yaml", change)


def journey(number: int, names: dict[str, str], every: str, paths: bool) -> str:
    """A journey of four touchpoints a stage; with `paths`, its second stage has two paths."""
    text = f"""\
  - id: j{number}
    name: {quoted(every)}
    persona: p-{KEYS[number]}
    leader: lead
    goal: {quoted(every)}
    description: {quoted(every)}
    metrics:
      - {{name: {quoted(names["link"])}, target: 5, actual: 4, unit: {quoted(names["code"])}}}
      - {{name: {quoted(names["mention"])}, target: 50, better: lower}}
    tags: [{quoted(every)}]
    stages:
"""
    for start in range(0, len(KEYS), 4):
        chunk = [f"t-{k}" for k in KEYS[start : start + 4]]
        stage_name = names[KEYS[start]] + " " + names[KEYS[(start + 5) % len(KEYS)]]
        text += f"      - id: s{start}\n        name: {quoted(stage_name)}\n"
        if paths and start == 4:
            text += f"        paths:\n          a: [{', '.join(chunk[:2])}]\n"
            text += f"          b: [{', '.join(chunk[1:])}, t-nobody]\n"
        else:
            text += f"        touchpoints: [{', '.join(chunk)}]\n"
    return text


def render_all(cxkit: Run, folder: Path, names: dict[str, str]) -> Path:
    """The briefing pack and the maps of a workspace holding `names`, in Markdown."""
    workspace, change = write_workspace(folder, names)
    for args in ((change, "-o", folder / "out/briefing"), ("--maps", "-o", folder / "out/maps")):
        result = cxkit("render", *args, "-w", workspace, "-f", "markdown")
        assert result.code == 0, result.err
        assert "Traceback" not in result.err
    return folder / "out"


def pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.md")}


PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def tokens(markdown: str) -> list[Token]:
    """Every token of a page as GitHub-flavoured Markdown reads it, inline ones included."""
    found = []
    for token in PARSER.parse(markdown):
        found.append(token)
        found.extend(token.children or [])
    return found


def structure(markdown: str) -> Counter[tuple[str, str, str]]:
    """What a page is made of, its words aside: each kind of token, a link's target, a fence's
    language."""
    return Counter(
        (t.type, str(t.attrs.get("href", "")), t.info)
        for t in tokens(markdown)
        if t.type not in ("text", "inline", "softbreak")
    )


# What GitHub links in text (mentions, issue references, bare addresses), unless broken up.
GITHUB_LINKS = re.compile(r"(?<![A-Za-z0-9_])[@#][A-Za-z0-9]|(?i:https?|ftp)://|(?i:www)\.")


def both(cxkit: Run, tmp_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The Markdown pages of the hostile workspace, and of its plain twin."""
    hostile = pages(render_all(cxkit, tmp_path / "hostile", HOSTILE))
    plain = pages(render_all(cxkit, tmp_path / "plain", {k: f"Plain {k}" for k in HOSTILE}))
    assert set(hostile) == set(plain)
    return hostile, plain


def readable(markdown: str) -> str:
    """What a reader sees of a page's text, the word joiners that break up links aside."""
    shown = (t.content for t in tokens(markdown) if t.type in ("text", "code_inline"))
    return " ".join(shown).replace("\u2060", "")


def test_every_markdown_page_shows_names_as_text(cxkit: Run, tmp_path: Path) -> None:
    """No name makes a link, emphasis, code, HTML or heading (each page is made of the tokens of
    its plain twin's); none links or notifies anyone on GitHub (no @mention, issue reference or
    bare address in the text; Mermaid's own blocks are not Markdown text); and every name reads
    as written."""
    hostile, plain = both(cxkit, tmp_path)
    assert len(hostile) > 10  # the briefing's pages, every team's, the maps
    for name, page in hostile.items():
        assert structure(page) == structure(plain[name]), name
        text = [t.content for t in tokens(page) if t.type == "text"]
        assert [t for t in text if GITHUB_LINKS.search(t)] == [], name
    for name in ("maps/journeys/j0.md", "maps/journeys/j1.md", "briefing/raci.md"):
        shown = readable(hostile[name])
        assert [v for v in HOSTILE.values() if v not in shown] == [], name


# --- Mermaid -----------------------------------------------------------------------------------

OWNER = "Ops %% {North}, South; 50%: #1"
NAMES = {
    "directive": "%%{init: {'theme':'forest'}}%% 50% off",
    "comment": "Pay {now}, later %% not a comment",
    "syntax": 'a: b; c # d, "e" `f` <g> & --> end',
}
STAGE = "Start %% {here}, now"
TITLE = "Journey %% {x}, y"


def mermaid_workspace(folder: Path) -> Path:
    """Two journeys over the same touchpoints: one of a path (a Mermaid journey diagram) and
    one whose stage has two paths (a flowchart)."""
    items = ", ".join(
        f"{{id: t-{k}, name: {quoted(v)}, owner: ops, emotion: 2}}" for k, v in NAMES.items()
    )
    ids = [f"t-{k}" for k in NAMES]
    write(
        folder,
        "ws.yaml",
        f"""\
owners:
  - {{id: ops, name: {quoted(OWNER)}, kind: team}}
touchpoints: [{items}]
journeys:
  - id: line
    name: {quoted(TITLE)}
    stages:
      - {{id: s, name: {quoted(STAGE)}, touchpoints: [{", ".join(ids)}]}}
  - id: paths
    name: {quoted(TITLE)}
    stages:
      - id: s
        name: {quoted(STAGE)}
        paths: {{a: [{ids[0]}, {ids[1]}], b: [{ids[2]}]}}
""",
    )
    return folder


def mermaid_block(cxkit: Run, tmp_path: Path, journey: str) -> list[str]:
    workspace = mermaid_workspace(tmp_path / "ws")
    out = tmp_path / "maps"
    result = cxkit("render", "--maps", "-w", workspace, "-o", out, "-f", "markdown")
    assert result.code == 0, result.err
    page = (out / f"journeys/{journey}.md").read_text("utf-8")
    (block,) = [t for t in tokens(page) if t.type == "fence"]
    assert block.info == "mermaid"
    return block.content.splitlines()


def decoded(text: str) -> str:
    """Text as Mermaid reads it: each `#60;` the character numbered 60, `#quot;` a quote."""
    return re.sub(r"#(\d+|quot);", lambda m: '"' if m[1] == "quot" else chr(int(m[1])), text)


def lexed(line: str) -> str:
    """A line as Mermaid's lexer gets it: each character code already set aside (Mermaid puts a
    placeholder for it before parsing)."""
    return re.sub(r"#(\d+|quot);", "\u00b6", line)


# The lines of a journey diagram, with what Mermaid's lexer allows in each part: `#` and `%`
# start a comment anywhere, `;` ends a statement, `:` ends a task's name and its score.
TITLE_LINE = re.compile(r"  title ([^#%\n;]+)")
SECTION_LINE = re.compile(r"  section ([^#%:\n;]+)")
TASK_LINE = re.compile(r"    ([^#%:\n;]+): (\d): ([^#%:\n;]+)")


def test_mermaid_journey_keeps_names_and_owners_whole(cxkit: Run, tmp_path: Path) -> None:
    lines = mermaid_block(cxkit, tmp_path, "line")
    assert lines[0] == "journey"
    assert "%" not in "\n".join(lines)  # no comment, no `%%{init}%%` directive
    assert TITLE_LINE.fullmatch(lexed(lines[1])) and SECTION_LINE.fullmatch(lexed(lines[2]))
    assert decoded(lines[1]) == f"  title {TITLE}"
    assert decoded(lines[2]) == f"  section {STAGE}"
    tasks = lines[3:]
    assert all(TASK_LINE.fullmatch(lexed(line)) for line in tasks), tasks
    names = [decoded(line.split(": ")[0].strip()) for line in tasks]
    assert names == list(NAMES.values())
    for line in tasks:
        actors = line.split(": ")[2].split(",")  # Mermaid's own split of a task's actors
        assert [decoded(a) for a in actors] == [OWNER]


# A flowchart node or subgraph with its quoted label, which no `"` may end early.
LABELLED = re.compile(r'\s*(?:subgraph )?(\w+)\["([^"]*)"\](?::::\w+)?')


def test_mermaid_flowchart_keeps_names_and_owners_whole(cxkit: Run, tmp_path: Path) -> None:
    lines = mermaid_block(cxkit, tmp_path, "paths")
    assert lines[0] == "flowchart TD"
    assert "%" not in "\n".join(lines)
    labels = {m[1]: m[2] for line in lines if (m := LABELLED.fullmatch(line))}
    assert decoded(labels["stage1"]) == f"1. {STAGE}"
    steps = [decoded(v) for k, v in labels.items() if k.startswith("step")]
    assert steps == [f"{name}<br/>emotion 2/5 · {OWNER}" for name in NAMES.values()]
    assert all("`" not in label for label in labels.values())


# --- --offsets ---------------------------------------------------------------------------------


def offsets(cxkit: Run, tmp_path: Path, days: str) -> Result:
    out = tmp_path / "briefing"
    result = cxkit("render", IVR, "-w", EXAMPLE, "-o", out, "-f", "markdown", "--offsets", days)
    assert "Traceback" not in result.err
    if result.code != 0:
        assert not out.exists()
    return result


@pytest.mark.parametrize(
    ("days", "said"),
    [
        ("7,14,21,0", "stakeholders (7 days before) starts after teams (14 days before)"),
        ("21,14,0,7", "informed (0 days before) starts after customers (7 days before)"),
        ("21,7,14,0", "teams (7 days before) starts after informed (14 days before)"),
    ],
)
def test_offsets_out_of_order_are_a_usage_error(
    cxkit: Run, tmp_path: Path, days: str, said: str
) -> None:
    result = offsets(cxkit, tmp_path, days)
    assert result.code == 2
    assert "--offsets" in result.err and said in result.err


def test_offsets_say_what_the_config_says_of_the_same_waves(cxkit: Run, tmp_path: Path) -> None:
    """One check for both: the config's words for waves out of order are --offsets' words."""
    config = write(tmp_path, "cxkit.yaml", "render:\n  waves: {stakeholders: 7, teams: 14}\n")
    configured = cxkit("render", IVR, "-w", EXAMPLE, "-o", tmp_path / "out", "-c", config)
    assert configured.code == 2
    sentence = re.search(r"waves start in order, but [^\n]*\)", configured.err)
    assert sentence, configured.err
    given = offsets(cxkit, tmp_path, "7,14,7,0")
    assert given.code == 2 and sentence[0] in given.err


def test_a_negative_offset_names_its_wave(cxkit: Run, tmp_path: Path) -> None:
    result = offsets(cxkit, tmp_path, "21,14,7,-1")
    assert result.code == 2
    assert "--offsets" in result.err and "customers" in result.err


def test_offsets_in_order_with_waves_on_the_same_day_are_fine(cxkit: Run, tmp_path: Path) -> None:
    result = offsets(cxkit, tmp_path, "14,14,7,7")
    assert result.code == 0, result.err
    timeline = (tmp_path / "briefing/timeline.md").read_text("utf-8")
    assert "2026-12-01" in timeline and "2026-12-08" in timeline
