"""Journey maps of stages whose customers choose between paths (format 1.1's stage `paths`).

Through the real CLI on real files: the example workspace, whose billing-dispute stage `raise`
has a phone and a chat path (the text that confirms the dispute is on both), and small
workspaces written here. What each page should show is read from the YAML files, never from
cxkit's own model.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from tests.cli.test_render import (
    SVG,
    by_class,
    check_self_contained,
    find,
    lanes_of,
    md_section,
    md_tables,
    mermaid_bodies,
    parse_html,
    read_workspace,
    render,
    text,
)
from tests.conftest import EXAMPLE, Run, write

# Ids of what a stage holds, by path name ('' for a stage of `touchpoints`), in order.
Lanes = dict[str, list[str]]


def ids(items: list[Any]) -> list[str]:
    return [t if isinstance(t, str) else t["id"] for t in items]


def stages_of(journey: dict[str, Any]) -> list[tuple[str, Lanes]]:
    """Each stage's name and its paths, as written in the YAML."""
    return [
        (stage["name"], {name: ids(items) for name, items in lanes_of(stage).items()})
        for stage in journey["stages"]
    ]


def example_journey(ident: str) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    touchpoints, journeys = read_workspace(EXAMPLE)
    return touchpoints, next(j for j in journeys if j["id"] == ident)


def maps_of(cxkit: Run, workspace: Path, out: Path, fmt: str) -> Path:
    result = render(cxkit, "--maps", "-w", workspace, "-o", out, "-f", fmt)
    assert result.code == 0, result.err
    return out


# === HTML ===================================================================================


def stage_sections(page: Path) -> list[Element]:
    return by_class(check_self_contained(page), "section", "stage")


def card_ids(element: Element) -> list[str]:
    return [c.get("data-touchpoint", "") for c in by_class(element, "div", "card")]


def test_html_map_shows_each_path_as_a_labelled_lane(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journey = example_journey("billing-dispute")
    stages = stages_of(journey)
    raise_stage = next(lanes for name, lanes in stages if name == "I get in touch to dispute it")
    assert list(raise_stage) == ["phone", "chat"]
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "html")
    sections = stage_sections(out / "journeys/billing-dispute.html")
    assert len(sections) == len(stages)
    for section, (_, lanes) in zip(sections, stages, strict=True):
        found = by_class(section, "div", "lane")
        if list(lanes) == [""]:
            # a stage of one path looks as it did before paths: cards straight in the column
            assert not found
            assert card_ids(section) == lanes[""]
            assert not by_class(section, "p", "paths-note")
            continue
        assert [text(by_class(lane, "p", "lane-name")[0]) for lane in found] == list(lanes)
        assert [card_ids(lane) for lane in found] == list(lanes.values())
        for lane, items in zip(found, lanes.values(), strict=True):
            assert [text(find(c, "h4")[0]) for c in by_class(lane, "div", "card")] == [
                touchpoints[i]["name"] for i in items
            ]
        [note] = by_class(section, "p", "paths-note")
        assert text(note) == f"Customers take one of {len(lanes)} paths:"
        assert [text(p) for p in by_class(section, "p", "lane-or")] == ["or"] * (len(lanes) - 1)
    # the text confirming the dispute is on both paths: a card on each
    phone, chat = by_class(sections[2], "div", "lane")
    assert card_ids(phone)[-1] == card_ids(chat)[-1] == "dispute-logged-sms"


def test_every_touchpoint_of_every_path_has_a_card(cxkit: Run, tmp_path: Path) -> None:
    """Nothing is lost: each journey's page has a card for each touchpoint of each path, in
    the order written, whether or not the journey has paths."""
    _, journeys = read_workspace(EXAMPLE)
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "html")
    for journey in journeys:
        stages = stages_of(journey)
        sections = stage_sections(out / f"journeys/{journey['id']}.html")
        assert [card_ids(s) for s in sections] == [
            [i for items in lanes.values() for i in items] for _, lanes in stages
        ], journey["id"]


def test_coverage_counts_a_touchpoint_on_two_paths_once(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journey = example_journey("billing-dispute")
    on_journey = [i for _, lanes in stages_of(journey) for items in lanes.values() for i in items]
    unique = set(on_journey)
    assert len(on_journey) == len(unique) + 1  # dispute-logged-sms, on the phone and chat paths
    owned = sum(1 for i in unique if touchpoints[i].get("owner"))
    percent = 100 * owned // len(unique)  # rounded down, as cxkit diff says it
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "markdown")
    page = (out / "journeys/billing-dispute.md").read_text(encoding="utf-8")
    assert f"Ownership: {owned} of {len(unique)} touchpoints ({percent}%)." in page
    [table] = md_tables(out / "index.md")
    [row] = [r for r in table[2:] if r[0] == f"[{journey['name']}](journeys/billing-dispute.md)"]
    assert row[3:] == [str(len(unique)), f"{owned}/{len(unique)} ({percent}%)"]
    gaps = re.findall(r"\*\*Gaps:\*\* (.+)", page)[0].split("; ")
    unowned = sorted(i for i in unique if not touchpoints[i].get("owner"))
    assert gaps == [f"{touchpoints[i]['name']} has no owner" for i in unowned]  # names, not ids


# === the emotion curve ======================================================================


def chain(group: Element, kind: str) -> list[list[str]]:
    """The lines of `kind` ("line" or "branch") of a curve's piece, each as the points it joins
    ("x,y"), segment after segment."""
    drawn: list[list[str]] = []
    for segment in by_class(group, SVG + "line", kind):
        start = f"{segment.get('x1')},{segment.get('y1')}"
        end = f"{segment.get('x2')},{segment.get('y2')}"
        if drawn and drawn[-1][-1] == start:
            drawn[-1].append(end)
        else:
            drawn.append([start, end])
    return drawn


def test_the_curve_splits_where_customers_choose_a_path(cxkit: Run, tmp_path: Path) -> None:
    """In a stage of paths each path is a line of its own through the stage's column, the first
    solid and the others dashed, all entering and leaving the column where the curve crosses
    its edges; each path's name is written by its first point."""
    touchpoints, journey = example_journey("billing-dispute")
    stages = stages_of(journey)
    number = [name for name, _ in stages].index("I get in touch to dispute it")
    lanes = stages[number][1]
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "html")
    root = parse_html(out / "journeys/billing-dispute.html")
    pieces = [
        by_class(find(section, SVG + "svg")[0], SVG + "g", "emotion")[0]
        for section in stage_sections(out / "journeys/billing-dispute.html")
    ]
    where = {}
    for circle in find(pieces[number], SVG + "circle"):
        label = text(find(circle, SVG + "title")[0]).rsplit(": ", 1)[0]
        where[label] = f"{circle.get('cx')},{circle.get('cy')}"

    def points(path: str) -> list[str]:
        return [where[f"{touchpoints[i]['name']} ({path})"] for i in lanes[path]]

    [line] = chain(pieces[number], "line")
    [branch] = chain(pieces[number], "branch")
    assert line[1:-1] == points("phone") and branch[1:-1] == points("chat")
    # both come in where the curve leaves the stage before, and go out where the next takes it
    [before] = chain(pieces[number - 1], "line")
    [after] = chain(pieces[number + 1], "line")
    assert line[0] == branch[0] == f"0%,{before[-1].split(',')[1]}"
    assert before[-1].startswith("100%,")
    assert line[-1] == branch[-1] == f"100%,{after[0].split(',')[1]}"
    assert after[0].startswith("0%,")
    dashed = by_class(pieces[number], SVG + "line", "branch")
    assert all(segment.get("stroke-dasharray") for segment in dashed)
    assert not any(
        s.get("stroke-dasharray") for s in by_class(pieces[number], SVG + "line", "line")
    )
    assert [text(t) for t in by_class(pieces[number], SVG + "text", "path")] == ["phone", "chat"]
    assert "another path customers can take in a stage" in text(root)


# === Markdown and Mermaid ===================================================================


# Places on the customer's route: (stage number from 1, path name, position on the path).
Place = tuple[int, str, int]


def places(stages: list[tuple[str, Lanes]]) -> list[Place]:
    return [
        (number, name, position)
        for number, (_, lanes) in enumerate(stages, 1)
        for name, items in lanes.items()
        for position in range(len(items))
    ]


def next_places(stages: list[tuple[str, Lanes]]) -> set[tuple[Place, Place]]:
    """What comes right after what, as the format says: the next touchpoint on a path; after
    a path's last, the first of every path of the next stage that has any touchpoint."""
    pairs: set[tuple[Place, Place]] = set()
    numbered = [(n, lanes) for n, (_, lanes) in enumerate(stages, 1) if any(lanes.values())]
    for i, (number, lanes) in enumerate(numbered):
        following = numbered[i + 1] if i + 1 < len(numbered) else None
        for name, items in lanes.items():
            for position in range(len(items) - 1):
                pairs.add(((number, name, position), (number, name, position + 1)))
            if items and following is not None:
                after, their_lanes = following
                for other, theirs in their_lanes.items():
                    if theirs:
                        pairs.add(((number, name, len(items) - 1), (after, other, 0)))
    return pairs


def md_cards(section: str) -> list[str]:
    """The touchpoint ids of the cards of a Markdown section, in order."""
    return re.findall(r"^- \*\*.+?\*\* \(`([^`]+)`\)", section, re.MULTILINE)


def test_markdown_map_names_each_path_with_its_cards(cxkit: Run, tmp_path: Path) -> None:
    _, journeys = read_workspace(EXAMPLE)
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "markdown")
    for journey in journeys:
        page = out / f"journeys/{journey['id']}.md"
        for number, (name, lanes) in enumerate(stages_of(journey), 1):
            section = md_section(page, f"{number}. {name}")
            assert md_cards(section) == [i for items in lanes.values() for i in items]
            if list(lanes) == [""]:
                assert "### " not in section and "paths" not in section
                continue
            assert f"Customers take one of {len(lanes)} paths: {' or '.join(lanes)}." in section
            parts = re.split(r"^### Path: (.+)$", section, flags=re.MULTILINE)
            assert parts[1::2] == list(lanes)
            assert [md_cards(part) for part in parts[2::2]] == list(lanes.values())


# Mermaid flowchart lines cxkit writes; a label is quoted and holds no `"` (cxkit writes #quot;).
LABEL = r'"[^"\n]*"'
FLOW_LINES = {
    "subgraph": re.compile(rf"^ *subgraph (\w+)\[({LABEL})\]$"),
    "end": re.compile(r"^ *end$"),
    "node": re.compile(rf"^ *(\w+)\[({LABEL})\](?::::(low|high))?$"),
    "edge": re.compile(r"^ *(\w+) --> (\w+)$"),
    "class": re.compile(r"^ *classDef (low|high) [a-z:#0-9,-]+$"),
}


def flowchart(body: str) -> tuple[dict[str, list[str]], list[tuple[str, str]], dict[str, str]]:
    """A flowchart block read line by line: the subgraphs each node is in (outermost first),
    the edges, and the node labels. Every line must be one cxkit writes."""
    lines = body.splitlines()
    assert lines[0] == "flowchart TD", lines[:1]
    open_: list[str] = []
    within: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        kind, match = next(
            ((k, m) for k, p in FLOW_LINES.items() if (m := p.match(line))), ("", None)
        )
        assert match is not None, f"not a line of cxkit's flowcharts: {line!r}"
        if kind == "subgraph":
            open_.append(match[2].strip('"'))
        elif kind == "end":
            open_.pop()
        elif kind == "node":
            within[match[1]] = list(open_)
            labels[match[1]] = match[2].strip('"')
        elif kind == "edge":
            edges.append((match[1], match[2]))
    assert not open_, "a subgraph left open"
    return within, edges, labels


def node_places(within: dict[str, list[str]], stages: list[tuple[str, Lanes]]) -> dict[str, Place]:
    """Each touchpoint node's place: its stage (outer subgraph), path (inner subgraph, if any)
    and position among the nodes of that subgraph."""
    titles = {f"{n}. {name}": n for n, (name, _) in enumerate(stages, 1)}
    seen: dict[tuple[int, str], int] = {}
    placed = {}
    for node, groups in within.items():
        if node.endswith("empty"):
            continue
        stage = titles[groups[0]]
        path = groups[1] if len(groups) > 1 else ""
        position = seen.get((stage, path), 0)
        seen[(stage, path)] = position + 1
        placed[node] = (stage, path, position)
    return placed


def test_mermaid_branches_into_the_paths_and_joins_after(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "markdown")
    flowcharts = 0
    for journey in journeys:
        stages = stages_of(journey)
        if all(list(lanes) == [""] for _, lanes in stages):
            continue
        flowcharts += 1
        [body] = mermaid_bodies(out / f"journeys/{journey['id']}.md")
        within, edges, labels = flowchart(body)
        placed = node_places(within, stages)
        # nothing lost: a node for each touchpoint of each path, in its stage and path
        assert sorted(placed.values()) == sorted(places(stages))
        for node, (stage, path, position) in placed.items():
            ident = stages[stage - 1][1][path][position]
            assert labels[node].startswith(touchpoints[ident]["name"].replace('"', "#quot;"))
        # the route: the next touchpoint on a path, and every path of the next stage after
        # the last of each path
        assert {(placed[a], placed[b]) for a, b in edges} == next_places(stages)
        assert len(edges) == len(set(edges))
    assert flowcharts == 2  # billing-dispute and moving-home
    # billing-dispute in words: the help pages lead to the phone menu and to the chat, and both
    # paths' last touchpoint (the text, on each) lead to the meter reading request
    _, journey = example_journey("billing-dispute")
    [body] = mermaid_bodies(out / "journeys/billing-dispute.md")
    within, edges, labels = flowchart(body)
    name = {node: label.split("<br/>")[0] for node, label in labels.items()}
    named = {(name[a], name[b]) for a, b in edges}
    sms = "A text saying my dispute has been logged"
    assert {
        ("Searching the help pages for an answer", "Getting through the phone menu"),
        ("Searching the help pages for an answer", "Chatting with someone online"),
        ("Chatting with someone online", sms),
        (sms, "Being asked to send a meter reading"),
    } <= named
    assert sum(1 for a, b in edges if name[a] == sms) == 2


def test_a_journey_without_paths_keeps_its_journey_diagram(cxkit: Run, tmp_path: Path) -> None:
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "markdown")
    [body] = mermaid_bodies(out / "journeys/cancel-service.md")
    assert body.startswith("journey\n  title ")


HOSTILE_PATHS = """\
owners:
  - {id: ops, name: 'Ops "North" `x`: A; B', kind: team}
journeys:
  - id: pay
    name: Pay
    stages:
      - id: start
        name: 'Start "here" <b>'
        paths:
          web_chat: [{id: a, name: 'Chat "now" <script>alert(1)</script>', owner: ops, emotion: 1}]
          call.back: [{id: b, name: "Call `me` back: #1; today", emotion: 5}, a]
      - id: empty
        name: Nothing yet
        touchpoints: []
      - id: finish
        name: Finish
        touchpoints:
          - {id: c, name: Done, owner: ops, emotion: 3}
"""


def test_paths_of_a_hostile_workspace_stay_text(cxkit: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    write(workspace, "w.yaml", HOSTILE_PATHS)
    out = maps_of(cxkit, workspace, tmp_path / "maps", "html")
    maps_of(cxkit, workspace, out, "markdown")
    root = parse_html(out / "journeys/pay.html")
    assert not find(root, "script")
    assert text(find(by_class(root, "section", "stage")[0], "h3")[0]) == '1. Start "here" <b>'
    lanes = by_class(root, "div", "lane")
    assert [text(by_class(lane, "p", "lane-name")[0]) for lane in lanes] == [
        "web_chat",
        "call.back",
    ]
    assert [card_ids(lane) for lane in lanes] == [["a"], ["b", "a"]]
    [body] = mermaid_bodies(out / "journeys/pay.md")
    within, edges, labels = flowchart(body)  # every line as cxkit writes them, labels quoted
    assert labels["step0"] == (
        "Chat #quot;now#quot; #60;script#62;alert(1)#60;/script#62;"
        "<br/>emotion 1/5 · Ops #quot;North#quot; #96;x#96;#58; A#59; B"
    )
    assert labels["step1"].startswith("Call #96;me#96; back#58; #35;1#59; today<br/>")
    # the empty stage is skipped on the route, as the format says: both paths lead to Finish
    assert sorted(edges) == [("step0", "step3"), ("step1", "step2"), ("step2", "step3")]
    assert within["step3"] == ["3. Finish"]
    assert within["step0"] == ["1. Start #quot;here#quot; #60;b#62;", "web_chat"]
    page = (out / "journeys/pay.md").read_text(encoding="utf-8")
    assert "Customers take one of 2 paths: web_chat or call.back." in page
