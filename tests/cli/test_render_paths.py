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
    classes,
    find,
    lanes_of,
    md_tables,
    parse_html,
    read_workspace,
    render,
    text,
)
from tests.conftest import EXAMPLE, Run

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
    return [c.get("id", "").removeprefix("tp-") for c in by_class(element, "div", "card")]


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
    percent = round(100 * owned / len(unique))
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "markdown")
    page = (out / "journeys/billing-dispute.md").read_text(encoding="utf-8")
    assert f"Ownership: {owned} of {len(unique)} touchpoints ({percent}%)." in page
    [table] = md_tables(out / "index.md")
    [row] = [r for r in table[2:] if r[0] == f"[{journey['name']}](journeys/billing-dispute.md)"]
    assert row[3:] == [str(len(unique)), f"{owned}/{len(unique)} ({percent}%)"]
    gaps = re.findall(r"\(([^()]+)\) has no owner", page)
    assert gaps == sorted(i for i in unique if not touchpoints[i].get("owner"))


# === the emotion curve ======================================================================


def test_the_curve_splits_where_customers_choose_a_path(cxkit: Run, tmp_path: Path) -> None:
    """The solid line runs along each stage's first path; each other path is a dashed branch
    from the line's last point before the stage to its first point after it."""
    touchpoints, journey = example_journey("billing-dispute")
    stages = stages_of(journey)
    out = maps_of(cxkit, EXAMPLE, tmp_path / "maps", "html")
    root = parse_html(out / "journeys/billing-dispute.html")
    [curve] = find(root, SVG + "svg")
    where = {}
    for circle in find(curve, SVG + "circle"):
        label = text(find(circle, SVG + "title")[0]).rsplit(": ", 1)[0]
        where[label] = f"{circle.get('cx')},{circle.get('cy')}"

    def point(ident: str, path: str = "") -> str:
        name = touchpoints[ident]["name"]
        return where[f"{name} ({path})" if path else name]

    line, *branches = find(curve, SVG + "polyline")
    assert "branch" not in classes(line) and [classes(b) for b in branches] == [["branch"]]
    # the line: along the first path of every stage
    assert line.get("points", "").split() == [
        point(i, name)
        for _, lanes in stages
        for name, items in list(lanes.items())[:1]
        for i in items
        if touchpoints[i].get("emotion") is not None
    ]
    # the chat branch: from the help pages, along the chat path, to the meter reading request
    before = dict(stages)["I try to work out why"][""][-1]
    chat = dict(stages)["I get in touch to dispute it"]["chat"]
    after = dict(stages)["You look into it"][""][0]
    assert branches[0].get("points", "").split() == [
        point(before),
        *(point(i, "chat") for i in chat),
        point(after),
    ]
    assert branches[0].get("stroke-dasharray")
    assert sorted(text(t) for t in by_class(curve, SVG + "text", "path")) == ["chat", "phone"]
    assert "the curve splits" in text(root)
