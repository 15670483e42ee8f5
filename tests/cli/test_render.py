"""`cxkit render` end to end: the briefing pack, journey maps, HTML and Mermaid output, hostile
input, the safe writer and user templates.

Every test runs the real CLI in-process on real files: the example workspace in journeys/ with
the change files in changes/, or small workspaces written into tmp_path. What a page should say
is worked out independently where it can be: from the workspace's YAML files, from the change
file, or from `cxkit impact -f json`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
import pytest
import yaml

from tests.conftest import CHANGES, EXAMPLE, ROOT, Result, Run, write

IVR = CHANGES / "ivr-callback.yaml"
BILLING = CHANGES / "new-billing-platform.yaml"
MANIFEST = ".cxkit-render.json"
PAGES = ("index", "timeline", "stakeholders", "informed", "customers", "raci")
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

# A workspace whose names try to break out of HTML and Mermaid. Path of journey `pay`:
#   start [pay-now (ops, emotion 4), xss (no owner, emotion 2)] -> finish [receipt (care)]
#   -> empty []
HOSTILE = """\
owners:
  - {id: ops, name: "Ops: North, South", kind: team}
  - {id: care, name: Care Team, kind: team}
journeys:
  - id: pay
    name: '"><img src=x onerror=alert(1)>'
    stages:
      - id: start
        name: "Start: here; #1"
        touchpoints:
          - {id: pay-now, name: "Pay: now #1; today", owner: ops, responsible: [care], emotion: 4}
          - {id: xss, name: "<script>alert(1)</script>", emotion: 2, responsible: [care]}
      - id: finish
        name: Finish
        touchpoints:
          - {id: receipt, name: Receipt, owner: care}
      - id: empty
        name: Nothing here yet
        touchpoints: []
"""
HOSTILE_CHANGE = """\
change:
  id: hostile
  title: 'Fix <b>pay</b> & "more"'
  reason: technology
  purpose: "<script>alert(2)</script>"
  owner: ops
  release: 2026-05-01
  affects: {touchpoints: [xss], systems: [], channels: [], owners: []}
  customer_message: "<img src=x onerror=alert(3)>"
"""

# Malformed ids that look like paths (an id-malformed error; the workspace still loads and each
# entity keeps the id as written).
TRAVERSAL = """\
owners:
  - {id: ../../t, name: Escaping Team, kind: team}
  - {id: ops, name: Ops, kind: team}
journeys:
  - id: ../../x
    name: Traversal
    stages:
      - id: one
        name: One
        touchpoints:
          - {id: a, name: A, owner: ops, responsible: [../../t], emotion: 3}
          - {id: b, name: B, owner: ops}
"""
TRAVERSAL_CHANGE = """\
change:
  id: escape
  title: Escape
  reason: technology
  purpose: Try to leave the output folder.
  owner: ops
  release: 2026-01-10
  affects: {touchpoints: [a], systems: [], channels: [], owners: []}
"""

# Valid ids whose file names could collide: `index` (the maps index is index.html), and `pay`
# and `pay-` (a trailing '-' is allowed in an id).
COLLIDING = """\
owners:
  - {id: ops, name: Ops, kind: team}
journeys:
  - id: index
    name: Named index
    stages:
      - {id: one, name: One, touchpoints: [{id: a, name: A, owner: ops}]}
  - id: pay
    name: Pay plain
    stages:
      - {id: one, name: One, touchpoints: [a]}
  - id: pay-
    name: Pay dash
    stages:
      - {id: one, name: One, touchpoints: [a]}
"""
COLLIDING_CHANGE = """\
change:
  id: collide
  title: Collide
  reason: technology
  purpose: Touch a touchpoint on every journey.
  owner: ops
  release: 2026-01-10
  affects: {touchpoints: [a], systems: [], channels: [], owners: []}
"""


# --- running -------------------------------------------------------------------------------


def render(cxkit: Run, *args: str | Path) -> Result:
    """`cxkit render ...`; whatever the outcome, never a traceback nor an internal error."""
    result = cxkit("render", *args)
    assert "Traceback" not in result.out + result.err, result.err
    assert "internal error" not in result.err, result.err
    return result


def impact(cxkit: Run, change: Path, workspace: Path = EXAMPLE) -> dict[str, Any]:
    result = cxkit("impact", change, "-w", workspace, "-f", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def files(folder: Path) -> set[str]:
    """Every file below `folder`, as a relative POSIX path (hidden ones included)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """The hostile workspace and its change file (kept outside the workspace)."""
    workspace = tmp_path / "ws"
    write(workspace, "hostile.yaml", HOSTILE)
    return workspace, write(tmp_path, "hostile-change.yaml", HOSTILE_CHANGE)


def example_pack(cxkit: Run, out: Path, *extra: str | Path) -> Result:
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, *extra)
    assert result.code == 0, result.err
    return result


def example_maps(cxkit: Run, out: Path, *extra: str | Path) -> Result:
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, *extra)
    assert result.code == 0, result.err
    return result


# --- the workspace, read independently of cxkit --------------------------------------------


def lanes_of(stage: dict[str, Any]) -> dict[str, list[Any]]:
    """A stage's items by path as written: its `paths`, or its `touchpoints` as one path ''."""
    if "paths" in stage:
        return dict(stage["paths"])
    return {"": stage.get("touchpoints") or []}


def read_workspace(folder: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Touchpoint definitions by id (shared and inline), and the journeys as written."""
    touchpoints: dict[str, dict[str, Any]] = {}
    journeys: list[dict[str, Any]] = []
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for t in data.get("touchpoints") or []:
            touchpoints[t["id"]] = t
        for j in data.get("journeys") or []:
            journeys.append(j)
            for stage in j["stages"]:
                for items in lanes_of(stage).values():
                    for t in items:
                        if isinstance(t, dict):
                            touchpoints[t["id"]] = t
    return touchpoints, journeys


def path_of(journey: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each stage's name and the ids of its touchpoints, in the customer's order (in a stage
    with paths, path after path)."""
    return [
        (
            stage["name"],
            [
                t if isinstance(t, str) else t["id"]
                for items in lanes_of(stage).values()
                for t in items
            ],
        )
        for stage in journey["stages"]
    ]


def owner_names(folder: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for o in data.get("owners") or []:
            names[o["id"]] = o["name"]
    return names


def owner_successors(folder: Path) -> dict[str, str]:
    """Owner id -> successor, for the owners that name one."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for o in data.get("owners") or []:
            if o.get("successor"):
                found[o["id"]] = o["successor"]
    return found


def change_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))["change"]
    return data


# --- HTML ----------------------------------------------------------------------------------


def parse_html(path: Path) -> Element:
    """A normal html5lib parse (HTML elements un-namespaced; SVG ones keep their namespace)."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    root: Element = parser.parse(path.read_text(encoding="utf-8"))
    assert not parser.errors, f"{path}: parse errors {parser.errors[:5]}"
    return root


def find(root: Element, tag: str) -> list[Element]:
    return [e for e in root.iter() if e.tag == tag]


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def classes(element: Element) -> list[str]:
    return (element.get("class") or "").split()


def by_class(root: Element, tag: str, name: str) -> list[Element]:
    return [e for e in find(root, tag) if name in classes(e)]


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|https?:", re.IGNORECASE)
LINKING = ("src", "href", "srcset", "action", "formaction", "data", "poster", XLINK_HREF)


def check_self_contained(page: Path) -> Element:
    """A page that parses, has a title and inline styles, loads nothing from anywhere, and whose
    relative links lead to files that exist inside the output folder."""
    root = parse_html(page)
    titles = find(root, "title")  # HTML <title> only: SVG ones are namespaced
    assert len(titles) == 1 and text(titles[0]), f"{page}: no <title>"
    styles = find(root, "style")
    assert styles and any(text(s) for s in styles), f"{page}: no inline <style>"
    assert not [e for e in find(root, "script") + find(root, SVG + "script") if e.get("src")]
    for link in find(root, "link"):
        assert "stylesheet" not in (link.get("rel") or "").lower(), f"{page}: external CSS"
        assert not link.get("href"), f"{page}: <link href={link.get('href')}>"
    for style in styles:
        css = "".join(style.itertext())
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in LINKING:
            value = element.get(name)
            if value is None:
                continue
            assert not EXTERNAL.search(value), f"{page}: {element.tag} {name}={value!r}"
            if name == "href" and not value.startswith(("#", "mailto:")):
                target = (page.parent / value.split("#")[0]).resolve()
                assert target.is_file(), f"{page}: link to a missing file {value!r}"
    return root


def html_pages(folder: Path) -> list[Path]:
    pages = sorted(folder.rglob("*.html"))
    assert pages
    return pages


# --- Markdown and Mermaid ------------------------------------------------------------------

MERMAID_BLOCK = re.compile(r"^```mermaid\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# Text in a Mermaid journey: no ':', '#', ';' or line break, except Mermaid's entity codes
# (`#58;`), which is how cxkit escapes those three characters.
MTEXT = r"(?:[^:#;\n]|#\d+;)+"
TITLE_LINE = re.compile(rf"^\s+title {MTEXT}$")
SECTION_LINE = re.compile(rf"^\s+section {MTEXT}$")
TASK_LINE = re.compile(rf"^\s+{MTEXT}: [1-5]: {MTEXT}$")


def mermaid_bodies(page: Path) -> list[str]:
    """The text of each ```mermaid block of a Markdown page."""
    return list(MERMAID_BLOCK.findall(page.read_text(encoding="utf-8")))


def mermaid_blocks(page: Path) -> list[list[str]]:
    """Each ```mermaid block of a Markdown page, checked against the journey grammar."""
    blocks = []
    for body in mermaid_bodies(page):
        lines = [line for line in body.splitlines() if line.strip()]
        assert lines[0] == "journey", f"{page}: {lines[:1]}"
        assert TITLE_LINE.match(lines[1]), f"{page}: bad title line {lines[1]!r}"
        assert len(lines) > 2 and SECTION_LINE.match(lines[2]), f"{page}: no section first"
        for line in lines[2:]:
            assert SECTION_LINE.match(line) or TASK_LINE.match(line), f"{page}: {line!r}"
        blocks.append(lines)
    return blocks


def sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(section text, [task lines]) of a checked Mermaid block."""
    out: list[tuple[str, list[str]]] = []
    for line in lines[2:]:
        if SECTION_LINE.match(line):
            out.append((line.strip().removeprefix("section "), []))
        else:
            out[-1][1].append(line.strip())
    return out


def md_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, splitting on unescaped pipes."""
    inner = row.strip()
    assert inner.startswith("|") and inner.endswith("|"), row
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner[1:-1])]


def md_tables(page: Path) -> list[list[list[str]]]:
    """Every Markdown table (header, delimiter, rows) of a page, as lists of cells. A table is a
    run of consecutive lines starting with '|'; each must have a header and a delimiter row and
    the same number of cells in every row, or Markdown renderers show it as plain text."""
    tables: list[list[list[str]]] = []
    block: list[str] = []
    for line in [*page.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            rows = [md_cells(r) for r in block]
            assert len(rows) >= 2, f"{page}: a table row on its own: {block[0]!r}"
            assert all(re.fullmatch(r":?-{3,}:?", c) for c in rows[1]), (
                f"{page}: no delimiter row under {block[0]!r}"
            )
            assert {len(r) for r in rows} == {len(rows[0])}, f"{page}: ragged table {block}"
            tables.append(rows)
            block = []
    return tables


def md_section(page: Path, heading: str) -> str:
    """The text of a `## heading` section of a Markdown page."""
    body = page.read_text(encoding="utf-8")
    start = body.index(f"## {heading}\n")
    end = body.find("\n## ", start + 1)
    return body[start : end if end != -1 else len(body)]


# === the briefing pack ======================================================================


def expected_pack(doc: dict[str, Any], ext: str) -> set[str]:
    wave_two = next(w for w in doc["waves"] if w["number"] == 2)
    return (
        {f"{page}.{ext}" for page in PAGES}
        | {f"teams/{who['id']}.{ext}" for who in wave_two["audience"]}
        | {f"journeys/{j['id']}.{ext}" for j in doc["journeys"]}
    )


def test_briefing_pack_writes_every_page_in_both_formats(cxkit: Run, tmp_path: Path) -> None:
    doc = impact(cxkit, IVR)
    out = tmp_path / "briefing"
    result = example_pack(cxkit, out)
    expected = expected_pack(doc, "html") | expected_pack(doc, "md")
    # the example: 6 teams and people in wave 2 and 3 journeys, so 6 + 6 + 3 pages in each format
    assert len(expected) == 2 * (6 + 6 + 3)
    assert files(out) == expected | {MANIFEST}
    assert f"wrote {len(expected)} files" in result.out
    # the manifest records every file with the hash of what was written
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == expected
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize(
    ("fmt", "ext", "other"), [("html", "html", ".md"), ("markdown", "md", ".html")]
)
def test_format_option_writes_only_that_format(
    cxkit: Run, tmp_path: Path, fmt: str, ext: str, other: str
) -> None:
    doc = impact(cxkit, IVR)
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "-f", fmt)
    assert files(out) == expected_pack(doc, ext) | {MANIFEST}
    assert not [f for f in files(out) if f.endswith(other)]


def test_overview_states_the_change_in_markdown(cxkit: Run, tmp_path: Path) -> None:
    doc = impact(cxkit, IVR)
    change = change_of(IVR)
    decider = owner_names(EXAMPLE)[change["owner"]]
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "-f", "markdown")
    index = out / "index.md"
    body = index.read_text(encoding="utf-8")
    assert body.startswith(f"# {change['title']}\n")
    assert (
        f"Change `{change['id']}` · reason: {change['reason']} · release: {change['release']}"
        f" · decided by {decider}"
    ) in body
    assert " ".join(change["purpose"].split()) in body
    t = doc["totals"]
    stages = sum(j["stages_total"] for j in doc["journeys"])
    # the same figures as the HTML's facts, "3 of 14 stages" in both (issue 20)
    assert (
        f"**Scope:** {t['journeys']} journeys, {t['stages_changed']} of {stages} stages change,"
        f" {t['touchpoints_direct']} touchpoints change, {t['touchpoints_downstream']} right"
        f" after them, {t['moments_of_truth']} moments of truth."
    ) in body
    # where to start: the journeys in the order `cxkit impact` ranks them, each linked
    start = md_section(index, "Where to start")
    rows = re.findall(r"^\| (\d+) \| \[(.+?)\]\((journeys/.+?\.md)\) \|", start, re.MULTILINE)
    assert [(int(n), name) for n, name, _ in rows] == [
        (i, j["name"]) for i, j in enumerate(doc["journeys"], 1)
    ]
    assert all((out / link).is_file() for _, _, link in rows)
    # gaps: the example's change leaves none
    assert doc["gaps"] == []
    assert "None: every affected touchpoint and journey has an active owner and leader." in (
        md_section(index, "Gaps to close before release")
    )


def test_overview_states_the_change_in_html(cxkit: Run, tmp_path: Path) -> None:
    doc = impact(cxkit, IVR)
    change = change_of(IVR)
    decider = owner_names(EXAMPLE)[change["owner"]]
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "-f", "html")
    root = parse_html(out / "index.html")
    assert [text(h) for h in find(root, "h1")] == [change["title"]]
    lede = text(by_class(root, "p", "lede")[0])
    assert f"reason: {change['reason']}" in lede
    assert f"release: {change['release']}" in lede
    assert f"decided by {decider}" in lede
    assert " ".join(change["purpose"].split()) in text(root)
    facts = [text(f) for f in by_class(root, "div", "fact")]
    t = doc["totals"]
    stages = sum(j["stages_total"] for j in doc["journeys"])
    assert facts == [
        f"{t['journeys']}journeys",
        f"{t['stages_changed']} of {stages}stages change",
        f"{t['touchpoints_direct']}touchpoints change",
        f"{t['touchpoints_downstream']}right after"
        f" {'it' if t['touchpoints_direct'] == 1 else 'them'}",
        f"{t['moments_of_truth']}moments of truth",
    ]
    # the executive summary's tables come first (issue 20): where to start is the one after it
    table = next(t for t in find(root, "table") if "First stage" in text(t))
    rows = [find(tr, "td") for tr in find(table, "tr") if find(tr, "td")]
    assert [(text(r[0]), text(r[1])) for r in rows] == [
        (str(i), j["name"]) for i, j in enumerate(doc["journeys"], 1)
    ]
    assert [find(r[1], "a")[0].get("href") for r in rows] == [
        f"journeys/{j['id']}.html" for j in doc["journeys"]
    ]
    assert "None: every affected touchpoint and journey has an active owner" in text(root)
    assert not by_class(root, "div", "warn")


def test_overview_lists_the_gaps(cxkit: Run, tmp_path: Path) -> None:
    doc = impact(cxkit, BILLING)
    messages = [g["message"] for g in doc["gaps"]]
    # independently: the unowned touchpoints this change reaches, from the workspace files
    touchpoints, _ = read_workspace(EXAMPLE)
    affected = {t["id"] for t in doc["touchpoints"]}
    unowned = sorted(i for i in affected if not touchpoints[i].get("owner"))
    assert unowned and sorted(g["subject"] for g in doc["gaps"]) == unowned
    out = tmp_path / "briefing"
    result = render(cxkit, BILLING, "-w", EXAMPLE, "-o", out)
    assert result.code == 0, result.err
    gaps = md_section(out / "index.md", "Gaps to close before release")
    listed = [line[2:] for line in gaps.splitlines() if line.startswith("- ")]
    # by name, not id (issue 20)
    named = [f"{touchpoints[g['subject']]['name']} has no accountable owner." for g in doc["gaps"]]
    assert all(m.endswith("has no accountable owner") for m in messages)
    # The warnings asking the change file's author to write something are not for the readers.
    assert any("customer_message" in w for w in doc["warnings"])
    for_readers = [w for w in doc["warnings"] if "customer_message" not in w and "notes." not in w]
    assert listed == named + [f"⚠️ {w}" for w in for_readers]
    warn = by_class(parse_html(out / "index.html"), "div", "warn")
    assert [text(li) for li in find(warn[0], "li")] == named
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    assert f"Close the gaps: {len(unowned)} open: {'; '.join(n[:-1] for n in named)}." in timeline


def wave_dates(release: Any, offsets: tuple[int, ...]) -> list[str]:
    day = release if isinstance(release, dt.date) else dt.date.fromisoformat(str(release))
    return [(day - dt.timedelta(days=d)).isoformat() for d in offsets]


@pytest.mark.parametrize(
    ("option", "offsets"),
    [((), (21, 14, 7, 0)), (("--offsets", "10,5,2,0"), (10, 5, 2, 0))],
    ids=["default", "10,5,2,0"],
)
def test_timeline_counts_back_from_the_release(
    cxkit: Run, tmp_path: Path, option: tuple[str, ...], offsets: tuple[int, ...]
) -> None:
    release = change_of(IVR)["release"]
    dates = wave_dates(release, offsets)
    out = tmp_path / "briefing"
    example_pack(cxkit, out, *option)
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    # A wave whose day has come says so (started): the dates are what is compared here.
    row = r"^\| (\d)\. [^|]+ \| .*? \| (\S+)(?: \(started\))? \| (\d+) \|$"
    rows = re.findall(row, timeline, re.MULTILINE)
    assert rows == [
        (str(n), d, str(o)) for n, d, o in zip((1, 2, 3, 4), dates, offsets, strict=True)
    ]
    root = parse_html(out / "timeline.html")
    cells = [[text(td) for td in find(tr, "td")] for tr in find(root, "tr") if find(tr, "td")]
    assert [(c[0][0], c[2].removesuffix(" (started)"), c[3]) for c in cells] == [
        (str(n), d, str(o)) for n, d, o in zip((1, 2, 3, 4), dates, offsets, strict=True)
    ]
    # the same dates everywhere they are quoted
    index = (out / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"— from (\S+)", index) == dates
    assert f"**by** {dates[0]}" in (out / "stakeholders.md").read_text(encoding="utf-8")
    assert f"**brief the team by** {dates[1]}" in (out / "teams/telephony.md").read_text(
        encoding="utf-8"
    )
    assert f"**from** {dates[2]}" in (out / "informed.md").read_text(encoding="utf-8")
    assert f"not before {dates[3]}" in (out / "customers.md").read_text(encoding="utf-8")


def test_timeline_without_a_release_has_no_dates(cxkit: Run, tmp_path: Path) -> None:
    text_ = IVR.read_text(encoding="utf-8")
    undated = write(tmp_path, "undated.yaml", re.sub(r"(?m)^  release: .*\n", "", text_))
    out = tmp_path / "briefing"
    result = render(cxkit, undated, "-w", EXAMPLE, "-o", out, "-f", "markdown")
    assert result.code == 0, result.err
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    assert "No release date in the change file" in timeline
    assert not re.search(r"\d{4}-\d{2}-\d{2}", timeline)


@pytest.mark.parametrize(
    "offsets", ["21,14,7", "21,14,7,0,0", "a,b,c,d", "21,14,7,-1", "", "1.5,1,1,0", "21;14;7;0"]
)
def test_bad_offsets_are_a_usage_error(cxkit: Run, tmp_path: Path, offsets: str) -> None:
    out = tmp_path / "briefing"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--offsets", offsets)
    assert result.code == 2
    assert "--offsets" in result.err
    assert not out.exists()


def test_customers_page_carries_the_message(cxkit: Run, tmp_path: Path) -> None:
    # The example writes a message per persona (format 1.1 notes): each is carried, one per
    # persona, in the order of the customer wave (issue 20).
    doc = impact(cxkit, IVR)
    notes = change_of(IVR)["notes"]["customers"]
    personas = {
        p["name"]: p["id"]
        for p in yaml.safe_load((EXAMPLE / "personas.yaml").read_text(encoding="utf-8"))["personas"]
    }
    customers = next(w for w in doc["waves"] if w["number"] == 4)["customers"]
    messages = [" ".join(notes[personas[name]].split()) for name in customers]
    message = messages[0]
    out = tmp_path / "briefing"
    example_pack(cxkit, out)
    body = (out / "customers.md").read_text(encoding="utf-8")
    assert all(m in body for m in messages)
    assert "**Send only once the teams are ready**" in body
    assert all(f"\n- {name}\n" in body for name in customers)
    root = parse_html(out / "customers.html")
    assert [text(q) for q in find(root, "blockquote")] == messages
    warning = by_class(root, "p", "warn")
    assert len(warning) == 1 and "Send only once the teams are ready" in text(warning[0])
    # the message comes last: the warning is said before it
    assert body.index("Send only once") < body.index(message)
    assert "(missing today)" not in (out / "timeline.md").read_text(encoding="utf-8")


def test_customers_page_says_the_message_is_missing(cxkit: Run, tmp_path: Path) -> None:
    assert "customer_message" not in change_of(BILLING)
    out = tmp_path / "briefing"
    result = render(cxkit, BILLING, "-w", EXAMPLE, "-o", out)
    assert result.code == 0, result.err
    body = (out / "customers.md").read_text(encoding="utf-8")
    # the example has a note for one persona only (issue 20): the others have no message
    assert "No customer message yet: add `customer_message`, or a note for this persona" in body
    assert "Send only once the teams are ready" in body
    root = parse_html(out / "customers.html")
    assert len(find(root, "blockquote")) == len(change_of(BILLING)["notes"]["customers"])
    assert "No customer message yet" in text(root)
    assert "(missing today)" in (out / "timeline.md").read_text(encoding="utf-8")


def test_team_brief_lists_the_teams_touchpoints(cxkit: Run, tmp_path: Path) -> None:
    """Each team of wave 2 gets the changed touchpoints it is responsible for or consulted on,
    worked out here from the workspace files. (Touchpoints it only owns may be listed too: they
    are the wave-1 stakeholders' brief.) A role on a touchpoint downstream only keeps a team
    informed (wave 3)."""
    doc = impact(cxkit, IVR)
    touchpoints, _ = read_workspace(EXAMPLE)
    affected = [t["id"] for t in doc["touchpoints"] if t["how"] == "direct"]
    names = owner_names(EXAMPLE)
    out = tmp_path / "briefing"
    example_pack(cxkit, out)
    wave_two = next(w for w in doc["waves"] if w["number"] == 2)
    checked = 0
    successors = owner_successors(EXAMPLE)
    for who in wave_two["audience"]:
        team = who["id"]
        # a successor is briefed on what the one they took over from holds
        holders = {team} | {gone for gone, heir in successors.items() if heir == team}
        involved = {
            i
            for i in affected
            if holders & set(touchpoints[i].get("responsible") or [])
            or holders & set(touchpoints[i].get("consulted") or [])
        }
        owned = {i for i in affected if touchpoints[i].get("owner") == team}
        md = (out / f"teams/{team}.md").read_text(encoding="utf-8")
        assert md.startswith(f"# {names[team]}: what changes for you\n")
        # each touchpoint under its own heading, by name (issue 20: names, not ids)
        by_name = {touchpoints[i]["name"]: i for i in affected}
        headings = re.findall(r"^### (.+?)(?: \(moment of truth\))?$", md, re.MULTILINE)
        listed = {by_name[h] for h in headings}
        assert involved <= listed <= involved | owned, team
        root = parse_html(out / f"teams/{team}.html")
        shown = [text(h).removesuffix(" moment of truth") for h in find(root, "h3")]
        assert {by_name[h] for h in shown} == listed, team
        checked += bool(listed)
    assert checked >= 5  # most of the example's teams have something to do
    # Telephony & IVR is responsible for the menu and the identity check
    telephony = (out / "teams/telephony.md").read_text(encoding="utf-8")
    assert "### Getting through the phone menu" in telephony
    assert "### Proving who I am on the phone" in telephony


def test_briefing_journey_pages_mark_what_changes(cxkit: Run, tmp_path: Path) -> None:
    doc = impact(cxkit, IVR)
    how = {t["id"]: t["how"] for t in doc["touchpoints"]}
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "-f", "html")
    seen = set()
    for j in doc["journeys"]:
        root = parse_html(out / f"journeys/{j['id']}.html")
        for card in by_class(root, "div", "card"):
            ident = card.get("data-touchpoint", "")
            marks = {c for c in classes(card) if c in ("direct", "downstream")}
            assert marks == ({how[ident]} if ident in how else set()), (j["id"], ident)
            if ident in how:
                seen.add(ident)
    assert seen == set(how)


def test_from_an_impact_document_gives_the_same_pack(cxkit: Run, tmp_path: Path) -> None:
    document = tmp_path / "impact.json"
    made = cxkit("impact", IVR, "-w", EXAMPLE, "-f", "json", "-o", document)
    assert made.code == 0, made.err
    from_yaml, from_json = tmp_path / "from-yaml", tmp_path / "from-json"
    example_pack(cxkit, from_yaml)
    result = render(cxkit, document, "-w", EXAMPLE, "-o", from_json)
    assert result.code == 0, result.err
    assert (from_json / "index.md").read_text() == (from_yaml / "index.md").read_text()
    assert (from_json / "index.html").read_text() == (from_yaml / "index.html").read_text()
    assert snapshot(from_json) == snapshot(from_yaml)


@pytest.mark.parametrize(
    "content",
    [
        '{"kind": "diff", "version": 1}',
        "[]",
        "not json at all",
        '{"kind": "impact", "version": 99}',
        # says it is an impact document but has none of its parts
        '{"kind": "impact", "version": 1}',
    ],
    ids=["other-kind", "list", "not-json", "future-version", "empty-impact"],
)
def test_a_json_that_is_not_an_impact_document(cxkit: Run, tmp_path: Path, content: str) -> None:
    document = write(tmp_path, "impact.json", content)
    out = tmp_path / "briefing"
    result = render(cxkit, document, "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert result.err.startswith("cxkit: error:"), result.err
    assert "impact.json" in result.err
    assert not out.exists()


def test_a_change_file_with_errors_writes_nothing(cxkit: Run, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.yaml",
        "change:\n  id: bad\n  title: Bad\n  reason: technology\n  purpose: P\n"
        "  owner: nobody-at-all\n  affects: {touchpoints: [no-such-touchpoint]}\n",
    )
    out = tmp_path / "briefing"
    result = render(cxkit, bad, "-w", EXAMPLE, "-o", out)
    assert result.code == 1
    assert "no-such-touchpoint" in result.err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--maps",),  # no -o
        ("-o", "OUT"),  # neither a change nor --maps
        ("CHANGE", "--maps", "-o", "OUT"),  # both
        ("missing.yaml", "-o", "OUT"),
        ("--maps", "-o", "OUT", "--templates", "no-such-folder"),
        ("--maps", "-o", "OUT", "-f", "pdf"),
    ],
)
def test_usage_errors(cxkit: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    real = [str(out) if a == "OUT" else str(IVR) if a == "CHANGE" else a for a in args]
    result = cxkit("render", "-w", EXAMPLE, *real, cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert not out.exists()


# === journey maps ===========================================================================


def test_maps_write_an_index_and_a_page_per_journey(cxkit: Run, tmp_path: Path) -> None:
    _, journeys = read_workspace(EXAMPLE)
    out = tmp_path / "maps"
    result = example_maps(cxkit, out)
    pages = {"index"} | {f"journeys/{j['id']}" for j in journeys}
    assert len(pages) == 4
    expected = {f"{p}.{ext}" for p in pages for ext in ("html", "md")}
    assert files(out) == expected | {MANIFEST}
    assert f"wrote {len(expected)} files" in result.out


def test_maps_index_shows_ownership_coverage_and_gaps(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    on_journeys = sorted({i for j in journeys for _, ids in path_of(j) for i in ids})
    unowned = [i for i in on_journeys if not touchpoints[i].get("owner")]
    owned, total = len(on_journeys) - len(unowned), len(on_journeys)
    assert (owned, total) == (29, 31)  # worked out by hand from the example, as a cross-check
    percent = 100 * owned // total  # rounded down, as cxkit diff says it
    out = tmp_path / "maps"
    example_maps(cxkit, out)
    index = out / "index.md"
    body = index.read_text(encoding="utf-8")
    summary = (
        f"{len(journeys)} journeys. {owned} of {total} touchpoints on them have an accountable"
        f" owner ({percent}%)."
    )
    assert summary in body
    gaps = [line[2:] for line in md_section(index, "Gaps").splitlines() if line.startswith("- ")]
    assert sorted(gaps) == sorted(f"{touchpoints[i]['name']} ({i})" for i in unowned)
    # each journey's own numbers in the table
    rows = {r[0]: r for r in md_tables(index)[0][2:]}
    for j in journeys:
        ids = {i for _, stage in path_of(j) for i in stage}
        mine = sum(1 for i in ids if touchpoints[i].get("owner"))
        row = rows[f"[{j['name']}](journeys/{j['id']}.md)"]
        assert row[3:] == [str(len(ids)), f"{mine}/{len(ids)} ({100 * mine // len(ids)}%)"]
    root = parse_html(out / "index.html")
    assert summary in text(by_class(root, "p", "lede")[0])
    warn = by_class(root, "div", "warn")
    assert sorted(text(li) for li in find(warn[0], "li")) == sorted(gaps)


def check_journey_page(
    page: Path, journey: dict[str, Any], touchpoints: dict[str, dict[str, Any]]
) -> None:
    """Stages as columns in order, a card per touchpoint on the path, unowned cards marked, and
    an emotion curve with a point per touchpoint that has an emotion, in its stage's column."""
    root = check_self_contained(page)
    assert [text(h) for h in find(root, "h1")] == [journey["name"]]
    path = path_of(journey)
    stages = by_class(root, "section", "stage")
    assert [text(find(s, "h3")[0]) for s in stages] == [
        f"{n}. {name}" for n, (name, _) in enumerate(path, 1)
    ]
    for stage, (_, ids) in zip(stages, path, strict=True):
        cards = by_class(stage, "div", "card")
        assert [c.get("data-touchpoint") for c in cards] == ids
        assert [text(find(c, "h4")[0]) for c in cards] == [touchpoints[i]["name"] for i in ids]
        for card, ident in zip(cards, ids, strict=True):
            unowned = not touchpoints[ident].get("owner")
            assert ("unowned" in classes(card)) == unowned, ident
            assert ("NO OWNER" in text(card)) == unowned, ident
        if not ids:
            assert "No touchpoints." in text(stage)
    anchors = [c.get("id") for c in by_class(root, "div", "card")]
    assert len(set(anchors)) == len(anchors)
    # a point per card with an emotion, in its stage; on a path of a stage with paths, it
    # names the path
    ys = {}
    for stage, written in zip(stages, journey["stages"], strict=True):
        on_path = [
            (i, name)
            for name, items in lanes_of(written).items()
            for i in (t if isinstance(t, str) else t["id"] for t in items)
        ]
        with_emotion = [i for i, _ in on_path if touchpoints[i].get("emotion") is not None]
        circles = [c for svg in find(stage, SVG + "svg") for c in find(svg, SVG + "circle")]
        assert [text(find(c, SVG + "title")[0]) for c in circles] == [
            f"{touchpoints[i]['name']}{f' ({name})' if name else ''}:"
            f" emotion {touchpoints[i]['emotion']}/5"
            for i, name in on_path
            if touchpoints[i].get("emotion") is not None
        ]
        ys.update({i: int(c.get("cy", "0")) for i, c in zip(with_emotion, circles, strict=True)})
    # a lower emotion is drawn lower (a larger y)
    for a in ys:
        for b in ys:
            if touchpoints[a]["emotion"] < touchpoints[b]["emotion"]:
                assert ys[a] > ys[b]


def test_maps_journey_pages_show_the_path(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    out = tmp_path / "maps"
    example_maps(cxkit, out, "-f", "html")
    for journey in journeys:
        check_journey_page(out / "journeys" / f"{journey['id']}.html", journey, touchpoints)


def test_maps_journey_page_of_a_small_workspace(cxkit: Run, tmp_path: Path) -> None:
    """An unowned card, a touchpoint without an emotion (no point on the curve), an empty
    stage."""
    workspace, _ = hostile(tmp_path)
    touchpoints, journeys = read_workspace(workspace)
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", workspace, "-o", out)
    assert result.code == 0, result.err
    check_journey_page(out / "journeys/pay.html", journeys[0], touchpoints)
    root = parse_html(out / "journeys/pay.html")
    assert len(by_class(root, "div", "unowned")) == 1
    assert "Ownership: 2 of 3 touchpoints (66%)" in text(root)


# === HTML pages =============================================================================


def test_every_briefing_page_is_self_contained_html(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "briefing"
    example_pack(cxkit, out, "-f", "html")
    for page in html_pages(out):
        check_self_contained(page)


def test_every_map_page_is_self_contained_html(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    example_maps(cxkit, out, "-f", "html")
    for page in html_pages(out):
        check_self_contained(page)


# === Markdown and Mermaid ===================================================================


def test_mermaid_blocks_follow_the_journey_grammar(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    maps, briefing = tmp_path / "maps", tmp_path / "briefing"
    example_maps(cxkit, maps, "-f", "markdown")
    example_pack(cxkit, briefing, "-f", "markdown")
    # a journey whose customers choose between paths is a flowchart (test_render_paths.py)
    with_paths = {j["id"] for j in journeys if any("paths" in s for s in j["stages"])}
    assert with_paths == {"billing-dispute", "moving-home"}
    for journey in journeys:
        page = maps / "journeys" / f"{journey['id']}.md"
        if journey["id"] in with_paths:
            [body] = mermaid_bodies(page)
            assert body.startswith("flowchart TD\n")
            continue
        [block] = mermaid_blocks(page)
        got = sections(block)
        path = path_of(journey)
        assert len(got) == len(path)
        for (_, tasks), (_, ids) in zip(got, path, strict=True):
            assert [t.split(": ")[1] for t in tasks] == [
                str(touchpoints[i].get("emotion") or 3) for i in ids
            ]
    for page in sorted((briefing / "journeys").glob("*.md")):
        assert len(mermaid_bodies(page)) == 1


def test_mermaid_escapes_colons_hashes_and_semicolons(cxkit: Run, tmp_path: Path) -> None:
    workspace, change = hostile(tmp_path)
    maps, briefing = tmp_path / "maps", tmp_path / "briefing"
    assert render(cxkit, "--maps", "-w", workspace, "-o", maps).code == 0
    assert render(cxkit, change, "-w", workspace, "-o", briefing).code == 0
    for page in (maps / "journeys/pay.md", briefing / "journeys/pay.md"):
        [block] = mermaid_blocks(page)
        got = sections(block)
        assert [name for name, _ in got] == [
            "Start#58; here#59; #35;1",
            "Finish",
            "Nothing here yet",
        ]
        # the owner, one actor: its ':' and its ',' (Mermaid's actor separator) as codes
        assert got[0][1][0] == "Pay#58; now #35;1#59; today: 4: Ops#58; North#44; South"
        assert got[0][1][1].endswith(": 2: Unowned")
        assert got[1][1] == ["Receipt: 3: Care Team"]
        assert got[2][1] == []


def test_markdown_tables_are_well_formed(cxkit: Run, tmp_path: Path) -> None:
    """Header row, delimiter row and body rows on consecutive lines, with as many cells in each:
    a blank line inside a table ends it and the rest shows as text."""
    briefing, maps = tmp_path / "briefing", tmp_path / "maps"
    example_pack(cxkit, briefing, "-f", "markdown")
    example_maps(cxkit, maps, "-f", "markdown")
    counted = 0
    for page in sorted(briefing.rglob("*.md")) + sorted(maps.rglob("*.md")):
        counted += len(md_tables(page))
    assert counted >= 9  # team pages list their touchpoints as sections now (issue 20)
    # the RACI: a row per touchpoint of the change
    doc = impact(cxkit, IVR)
    [raci] = md_tables(briefing / "raci.md")
    assert len(raci) == 2 + len(doc["touchpoints"])


# === hostile names ==========================================================================


def test_html_shows_hostile_names_as_text(cxkit: Run, tmp_path: Path) -> None:
    workspace, change = hostile(tmp_path)
    maps, briefing = tmp_path / "maps", tmp_path / "briefing"
    assert render(cxkit, "--maps", "-w", workspace, "-o", maps, "-f", "html").code == 0
    assert render(cxkit, change, "-w", workspace, "-o", briefing, "-f", "html").code == 0
    pages = html_pages(maps) + html_pages(briefing)
    for page in pages:
        root = check_self_contained(page)
        assert not find(root, "script") and not find(root, SVG + "script"), page
        assert not find(root, "img"), page
        assert all(text(b) != "pay" for b in find(root, "b")), page  # not the title's <b>
        for element in root.iter():
            if isinstance(element.tag, str):
                assert not [a for a in element.attrib if a.lower().startswith("on")], page
    raw = (maps / "journeys/pay.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    root = parse_html(maps / "journeys/pay.html")
    assert text(find(root, "h1")[0]) == '"><img src=x onerror=alert(1)>'
    assert text(find(root, "title")[0]).startswith('"><img src=x onerror=alert(1)>')
    assert "<script>alert(1)</script>" in [text(h) for h in find(root, "h4")]
    index = parse_html(maps / "index.html")
    assert '"><img src=x onerror=alert(1)>' in [text(a) for a in find(index, "a")]
    overview = parse_html(briefing / "index.html")
    assert text(find(overview, "h1")[0]) == 'Fix <b>pay</b> & "more"'
    assert "<script>alert(2)</script>" in text(overview)
    customers = parse_html(briefing / "customers.html")
    assert text(find(customers, "blockquote")[0]) == "<img src=x onerror=alert(3)>"


def test_user_html_templates_are_escaped_too(cxkit: Run, tmp_path: Path) -> None:
    workspace, _ = hostile(tmp_path)
    templates = tmp_path / "templates"
    write(
        templates,
        "maps/journey.html.j2",
        "<!DOCTYPE html><title>t</title><p>{{ journey.name }}</p>\n",
    )
    out = tmp_path / "maps"
    result = render(
        cxkit, "--maps", "-w", workspace, "-o", out, "-f", "html", "--templates", templates
    )
    assert result.code == 0, result.err
    root = parse_html(out / "journeys/pay.html")
    assert not find(root, "img")
    assert text(find(root, "p")[0]) == '"><img src=x onerror=alert(1)>'


def test_ids_that_look_like_paths_stay_inside_the_output(cxkit: Run, tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    workspace = deep / "ws"
    write(workspace, "w.yaml", TRAVERSAL)
    change = write(deep, "change.yaml", TRAVERSAL_CHANGE)
    assert "id-malformed" in cxkit("validate", workspace, "-f", "parsable").out
    before = snapshot(tmp_path)
    out = deep / "out"
    for args in (("--maps",), (change,)):
        result = render(cxkit, *args, "-w", workspace, "-o", out)
        assert result.code == 0, result.err
        assert "warning: the workspace has" in result.err
    top = out.resolve()
    written = list(out.rglob("*"))
    assert written
    for path in written:
        assert top in path.resolve().parents, path
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("a/b/out/")} == before
    # the journey and the team still got their pages, reachable from the indexes
    for page in html_pages(out):
        check_self_contained(page)
    assert any(f.startswith("journeys/") for f in files(out))
    assert any(f.startswith("teams/") for f in files(out))
    root = parse_html(out / "index.html")  # the briefing's, written last
    assert "Traversal" in text(root)


def test_maps_of_journeys_with_colliding_names(cxkit: Run, tmp_path: Path) -> None:
    """Valid ids `index`, `pay` and `pay-`: every journey keeps its own page, and the index
    stays the index."""
    workspace = tmp_path / "ws"
    write(workspace, "w.yaml", COLLIDING)
    assert "id-malformed" not in cxkit("validate", workspace, "-f", "parsable").out
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", workspace, "-o", out, "-f", "markdown")
    assert result.code == 0, result.err
    heads = sorted(
        (out / f).read_text(encoding="utf-8").splitlines()[0] for f in files(out) if f != MANIFEST
    )
    assert heads == ["# Journey maps", "# Named index", "# Pay dash", "# Pay plain"]
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Journey maps")
    links = re.findall(r"\]\(([^)]+\.md)\)", index)
    assert len(set(links)) == 3 and "index.md" not in links


def test_briefing_of_journeys_with_colliding_names(cxkit: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    write(workspace, "w.yaml", COLLIDING)
    change = write(tmp_path, "change.yaml", COLLIDING_CHANGE)
    out = tmp_path / "briefing"
    result = render(cxkit, change, "-w", workspace, "-o", out, "-f", "markdown")
    assert result.code == 0, result.err
    heads = sorted(
        p.read_text(encoding="utf-8").splitlines()[0] for p in (out / "journeys").glob("*.md")
    )
    assert heads == ["# Named index", "# Pay dash", "# Pay plain"]


# === the safe writer ========================================================================


def test_a_user_file_in_the_output_is_never_overwritten(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    write(out, "index.html", "<p>my own page</p>\n")
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert "--force" in result.err and "index.html" in result.err
    # nothing at all was written: no other page, no manifest
    assert snapshot(out) == {"index.html": b"<p>my own page</p>\n"}
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "--force")
    assert result.code == 0, result.err
    assert "Journey maps" in (out / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "index.html" in manifest["files"]


def test_a_user_file_in_a_subfolder_stops_the_briefing(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "briefing"
    write(out, "teams/telephony.md", "notes\n")
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert "--force" in result.err and "telephony.md" in result.err
    assert snapshot(out) == {"teams/telephony.md": b"notes\n"}


def test_other_user_files_are_left_alone(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    write(out, "notes.txt", "keep me\n")
    write(out, "drafts/moving-home.md", "draft\n")
    example_maps(cxkit, out)
    example_maps(cxkit, out)
    assert (out / "notes.txt").read_text() == "keep me\n"
    assert (out / "drafts/moving-home.md").read_text() == "draft\n"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "notes.txt" not in manifest["files"]
    assert "drafts/moving-home.md" not in manifest["files"]


def test_rerunning_over_its_own_output_needs_no_force(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "briefing"
    example_pack(cxkit, out)
    first = snapshot(out)
    example_pack(cxkit, out)
    assert snapshot(out) == first
    maps = tmp_path / "maps"
    example_maps(cxkit, maps)
    example_maps(cxkit, maps, "-f", "html")
    assert len(files(maps)) == 9


def test_a_rendered_file_edited_afterwards_is_the_users(cxkit: Run, tmp_path: Path) -> None:
    out = tmp_path / "briefing"
    example_pack(cxkit, out)
    edited = out / "customers.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nApproved by legal.\n")
    (out / "raci.html").unlink()  # would be re-created if anything were written
    before = snapshot(out)
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert "--force" in result.err and "customers.md" in result.err
    assert snapshot(out) == before
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "--force")
    assert result.code == 0, result.err
    assert "Approved by legal." not in edited.read_text(encoding="utf-8")
    assert (out / "raci.html").is_file()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_files_get_the_users_permissions_and_keep_their_own(cxkit: Run, tmp_path: Path) -> None:
    """Files come out as the user's umask makes new files, not owner-only like the temporary
    files they are written through; a file replaced keeps its permissions."""

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    previous = os.umask(0o022)
    try:
        out = tmp_path / "briefing"
        example_pack(cxkit, out)
        assert mode(out / "index.html") == mode(out / "teams") & 0o666 == 0o644
        assert mode(out / MANIFEST) == 0o644
        (out / "index.html").chmod(0o640)
        example_pack(cxkit, out)
        assert mode(out / "index.html") == 0o640
        assert mode(out / "raci.html") == 0o644
        os.umask(0o077)
        report = tmp_path / "report.json"
        assert cxkit("validate", EXAMPLE, "-f", "json", "-o", report).code in (0, 1)
        assert mode(report) == 0o600
    finally:
        os.umask(previous)


def test_an_output_that_is_a_file(cxkit: Run, tmp_path: Path) -> None:
    out = write(tmp_path, "briefing", "a file\n")
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out)
    assert result.code == 2
    assert "briefing" in result.err
    assert out.read_text() == "a file\n"


@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_out_of_the_output_is_not_followed(
    cxkit: Run, tmp_path: Path, force: bool
) -> None:
    victim = write(tmp_path, "victim.html", "precious\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "briefing"
    out.mkdir()
    (out / "index.html").symlink_to(victim)
    (out / "teams").symlink_to(elsewhere, target_is_directory=True)
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, *(["--force"] if force else []))
    assert result.code == 2
    assert victim.read_text() == "precious\n"
    assert list(elsewhere.iterdir()) == []


# === templates ==============================================================================


def listed_templates(result: Result) -> dict[str, str]:
    listed = {}
    for line in result.out.splitlines():
        match = re.fullmatch(r"(\S+)  \((cxkit|yours)\)", line)
        assert match, line
        listed[match[1]] = match[2]
    return listed


def test_list_templates(cxkit: Run, tmp_path: Path) -> None:
    shipped = {
        p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*.j2")
    }
    result = render(cxkit, "--list-templates")
    assert result.code == 0
    listed = listed_templates(result)
    assert listed == dict.fromkeys(shipped, "cxkit")
    assert listed["maps/journey.html.j2"] == "cxkit"
    assert "maps/journey.html.j2  (cxkit)" in result.out.splitlines()
    templates = tmp_path / "templates"
    write(templates, "maps/journey.html.j2", "{{ journey.name }}\n")
    write(templates, "extra/mine.md.j2", "mine\n")
    listed = listed_templates(render(cxkit, "--list-templates", "--templates", templates))
    assert listed["maps/journey.html.j2"] == "yours"
    assert listed["extra/mine.md.j2"] == "yours"
    assert listed["maps/index.html.j2"] == "cxkit"
    assert set(listed) == shipped | {"extra/mine.md.j2"}


def test_a_user_template_overrides_cxkits(cxkit: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "maps/index.md.j2", "OURS {{ maps.owned }}/{{ maps.total }}\n")
    out = tmp_path / "maps"
    example_maps(cxkit, out, "--templates", templates)
    assert (out / "index.md").read_text(encoding="utf-8") == "OURS 29/31\n"
    # the others still come from cxkit
    assert "Journey maps" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "journeys/moving-home.md").read_text(encoding="utf-8").startswith("# Moving home")


def test_a_briefing_template_can_show_every_journey_map(cxkit: Run, tmp_path: Path) -> None:
    """Maps are made as their pages render, yet `b.maps` still gives all of them, and the same
    map as the journey's own page; what they are made from stays out of a template's reach."""
    templates = tmp_path / "templates"
    write(
        templates,
        "briefing/index.md.j2",
        "{% for m in b.maps %}{{ m.id }} {{ m.file }} {{ m.owned }}/{{ m.total }}"
        " {{ m.stages | map(attribute='cards') | map('length') | sum }}\n{% endfor %}",
    )
    write(templates, "briefing/journey.md.j2", "{{ journey.owned }}/{{ journey.total }}\n")
    out = tmp_path / "pack"
    example_pack(cxkit, out, "--templates", templates, "-f", "markdown")
    lines = (out / "index.md").read_text(encoding="utf-8").splitlines()
    affected = [j["id"] for j in impact(cxkit, IVR)["journeys"]]
    assert [line.split()[0] for line in lines] == affected and len(affected) > 1
    for line in lines:
        _, file, counts, cards = line.split()
        assert (out / f"journeys/{file}.md").read_text(encoding="utf-8") == f"{counts}\n"
        assert int(cards) >= int(counts.split("/")[1]) > 0

    write(templates, "briefing/index.md.j2", "{{ b._workspace }}\n")
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", tmp_path / "other", "--templates", templates)
    assert result.code == 2 and "'_workspace'" in result.err and "unsafe" in result.err
    write(templates, "briefing/index.md.j2", "{{ b }} {{ b.map_of('no-such-journey').id }}\n")
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", tmp_path / "third", "--templates", templates)
    assert result.code == 2 and "'no-such-journey' is not a journey this change affects" in (
        result.err
    ), result.err


def user_template(
    cxkit: Run, tmp_path: Path, body: str, name: str = "maps/index.md.j2"
) -> tuple[Result, Path]:
    templates = tmp_path / "templates"
    write(templates, name, body)
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "--templates", templates)
    return result, out


def test_a_template_syntax_error_names_the_template_and_line(cxkit: Run, tmp_path: Path) -> None:
    result, out = user_template(cxkit, tmp_path, "# Maps\n\n{% if %}\n")
    assert result.code == 2
    assert re.match(r"cxkit: error: template \S*maps/index\.md\.j2, line 3: ", result.err)
    assert len(result.err.splitlines()) == 1, result.err
    assert not out.exists()


def test_an_undefined_name_in_a_template(cxkit: Run, tmp_path: Path) -> None:
    result, out = user_template(cxkit, tmp_path, "# Maps\n{{ no_such_thing }}\n")
    assert result.code == 2
    assert result.err.startswith("cxkit: error: template maps/index.md.j2")
    assert "line 2" in result.err and "no_such_thing" in result.err
    assert not out.exists()
    # a missing attribute is as strict as a missing name
    result, _ = user_template(cxkit, tmp_path, "{{ maps.no_such_field }}\n")
    assert result.code == 2 and "no_such_field" in result.err


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ maps.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
        "{{ maps.journeys[0].stages[0].cards[0].__class__ }}",
        "{{ range(10 ** 9) | list | length }}",
    ],
    ids=["mro", "globals", "cycler", "subclasses", "card-class", "huge-range"],
)
def test_the_sandbox_blocks_unsafe_access(cxkit: Run, tmp_path: Path, body: str) -> None:
    result, out = user_template(cxkit, tmp_path, f"# Maps\n{body}\n")
    assert result.code == 2
    assert result.err.startswith("cxkit: error: template maps/index.md.j2"), result.err
    assert not out.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{{ 1 / 0 }}",
        "{{ '%(x)s' % {} }}",
        "{% include 'maps/index.md.j2' %}",
        "{{ {'a': 1} | dictsort(by='x') }}",
        "{{ [1] | map('no_such_filter') | list }}",
    ],
    ids=[
        "division-by-zero",
        "missing-format-key",
        "includes-itself",
        "bad-filter-argument",
        "unknown-filter-in-map",
    ],
)
def test_other_template_failures_are_template_errors(cxkit: Run, tmp_path: Path, body: str) -> None:
    """A mistake in a user's template is theirs to fix: one line naming the template, exit 2."""
    result, out = user_template(cxkit, tmp_path, f"# Maps\n{body}\n")
    assert result.code == 2
    assert result.err.startswith("cxkit: error: template maps/index.md.j2"), result.err
    assert not out.exists()


def test_a_template_cannot_include_files_outside_the_template_folders(
    cxkit: Run, tmp_path: Path
) -> None:
    write(tmp_path, "secret.md.j2", "SECRET\n")
    result, out = user_template(cxkit, tmp_path, "{% include '../secret.md.j2' %}\n")
    assert result.code == 2
    assert "SECRET" not in result.out + result.err
    assert not out.exists()


# === a real browser =========================================================================


def test_a_map_page_in_headless_chromium(cxkit: Run, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (not on PATH); cannot open the page in a browser")
    touchpoints, journeys = read_workspace(EXAMPLE)
    journey = next(j for j in journeys if j["id"] == "billing-dispute")
    out = tmp_path / "maps"
    example_maps(cxkit, out, "-f", "html")
    page = (out / "journeys/billing-dispute.html").resolve()
    profile = tmp_path / "profile"
    base = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    dumped = subprocess.run(
        [*base, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = tmp_path / "dom.html"
    dom.write_text(dumped.stdout, encoding="utf-8")
    root = html5lib.parse(dumped.stdout, treebuilder="etree", namespaceHTMLElements=False)
    assert journey["name"] in [text(h) for h in find(root, "h1")]
    assert [text(h) for h in find(root, "h3")][: len(journey["stages"])] == [
        f"{n}. {s['name']}" for n, s in enumerate(journey["stages"], 1)
    ]
    emotions = [i for _, ids in path_of(journey) for i in ids if touchpoints[i].get("emotion")]
    points = [c for s in by_class(root, "section", "stage") for c in find(s, SVG + "circle")]
    assert len(points) == len(emotions)
    shot = tmp_path / "x.png"
    taken = subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
