"""Journey maps: the emotion and effort curves stand over their stages, with a legend and
labels that print; cards have ids of their own; the Markdown map says what the HTML map says.

Through the real CLI on real files (the example workspace, and small workspaces written here);
what each page should show is read from the YAML files. One test opens the pages in headless
Chromium, as CI does, and measures where each point is drawn at a desktop and a phone width.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest

from tests.cli.test_render import (
    SVG,
    by_class,
    check_self_contained,
    find,
    lanes_of,
    read_workspace,
    render,
    text,
)
from tests.conftest import CHANGES, EXAMPLE, Run, write

IVR = CHANGES / "ivr-callback.yaml"

# A touchpoint met twice: listed twice in one stage, and again in a later stage; an empty
# stage; a stage whose touchpoints have no scores; effort without emotion and the reverse.
TWICE = """\
owners:
  - {id: ops, name: Ops, kind: team}
  - {id: gone, name: Gone Person, kind: person, active: false, successor: ops}
journeys:
  - id: twice
    name: Met twice
    description: A journey that comes back to the same touchpoint.
    metrics:
      - {name: csat, target: 80, actual: 70, unit: "%"}
      - {name: handle_time, target: 5, better: lower, unit: minutes}
    stages:
      - id: one
        name: One
        touchpoints:
          - {id: a, name: Alpha, owner: ops, emotion: 4, effort: 2}
          - {id: b, name: Beta, owner: gone, emotion: 1}
          - a
      - {id: none, name: Nothing yet, touchpoints: []}
      - id: quiet
        name: Quiet
        touchpoints:
          - {id: c, name: Gamma, owner: ops}
      - id: three
        name: Three
        paths:
          left: [a, {id: d, name: Delta, owner: ops, effort: 5}]
          right: [{id: e, name: Epsilon, emotion: 2, effort: 4}]
"""


def twice_maps(cxkit: Run, tmp_path: Path, fmt: str = "all") -> Path:
    workspace = tmp_path / "ws"
    write(workspace, "ws.yaml", TWICE)
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", workspace, "-o", out, "-f", fmt)
    assert result.code == 0, result.err
    return out


def example_maps(cxkit: Run, tmp_path: Path, fmt: str = "all") -> Path:
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", EXAMPLE, "-o", out, "-f", fmt)
    assert result.code == 0, result.err
    return out


def items(stage: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(touchpoint id, path name, place on its path, cards on its path) of each card of a
    stage as written."""
    return [
        (t if isinstance(t, str) else t["id"], path, place, len(listed))
        for path, listed in lanes_of(stage).items()
        for place, t in enumerate(listed)
    ]


def percent(value: str | None) -> float:
    assert value is not None and value.endswith("%"), value
    return float(value.removesuffix("%"))


def marks(section: Element, kind: str) -> list[Element]:
    """The points of one curve ("emotion": circles, "effort": squares) in a stage's column."""
    shape = SVG + ("circle" if kind == "emotion" else "rect")
    return [
        m
        for svg in find(section, SVG + "svg")
        for g in by_class(svg, SVG + "g", kind)
        for m in find(g, shape)
    ]


def x_of(mark: Element) -> float:
    return percent(mark.get("cx") if mark.tag == SVG + "circle" else mark.get("x"))


def y_of(mark: Element) -> float:
    if mark.tag == SVG + "circle":
        return float(mark.get("cy", "0"))
    return float(mark.get("y", "0")) + float(mark.get("height", "0")) / 2


def check_curves(page: Path, journey: dict[str, Any], touchpoints: dict[str, Any]) -> None:
    """Each stage's column holds the points of its own touchpoints and no other: a point per
    card with the score, left to right in the order of the cards of its path, and a higher
    score drawn higher for emotion, lower for effort (more effort is worse)."""
    root = check_self_contained(page)
    sections = by_class(root, "section", "stage")
    assert len(sections) == len(journey["stages"])
    heights: dict[str, dict[int, float]] = {"emotion": {}, "effort": {}}
    for section, stage in zip(sections, journey["stages"], strict=True):
        for kind in ("emotion", "effort"):
            scored = [
                (i, path, place, count)
                for i, path, place, count in items(stage)
                if touchpoints[i].get(kind) is not None
            ]
            drawn = marks(section, kind)
            titles = [text(find(m, SVG + "title")[0]) for m in drawn]
            assert titles == [
                f"{touchpoints[i]['name']}{f' ({path})' if path else ''}: {kind}"
                f" {touchpoints[i][kind]}/5"
                for i, path, _, _ in scored
            ], (journey["id"], stage["id"], kind)
            for mark, (i, _, place, count) in zip(drawn, scored, strict=True):
                # its place among the cards of its path, spread evenly over the column
                assert x_of(mark) == pytest.approx((place + 0.5) * 100 / count, abs=0.01)
                heights[kind].setdefault(touchpoints[i][kind], y_of(mark))
                assert heights[kind][touchpoints[i][kind]] == y_of(mark)
    emotion, effort = (sorted(heights[k].items()) for k in ("emotion", "effort"))
    assert [y for _, y in emotion] == sorted((y for _, y in emotion), reverse=True)
    assert [y for _, y in effort] == sorted(y for _, y in effort)


# === the points stand over their stages ======================================================


def test_every_point_stands_in_its_own_stage_column(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    out = example_maps(cxkit, tmp_path, "html")
    for journey in journeys:
        check_curves(out / f"journeys/{journey['id']}.html", journey, touchpoints)


def test_points_of_a_journey_met_twice_with_gaps_and_paths(cxkit: Run, tmp_path: Path) -> None:
    out = twice_maps(cxkit, tmp_path, "html")
    touchpoints, journeys = read_workspace(tmp_path / "ws")
    check_curves(out / "journeys/twice.html", journeys[0], touchpoints)
    sections = by_class(check_self_contained(out / "journeys/twice.html"), "section", "stage")
    # a stage without scores is crossed by both curves, level, from edge to edge
    for kind in ("emotion", "effort"):
        for section in sections[1:3]:
            [group] = by_class(find(section, SVG + "svg")[0], SVG + "g", kind)
            [line] = by_class(group, SVG + "line", "line")
            assert (line.get("x1"), line.get("x2")) == ("0%", "100%")
            assert line.get("y1") == line.get("y2")


def test_the_briefing_journey_pages_draw_the_same_curves(cxkit: Run, tmp_path: Path) -> None:
    touchpoints, journeys = read_workspace(EXAMPLE)
    out = tmp_path / "briefing"
    result = render(cxkit, IVR, "-w", EXAMPLE, "-o", out, "-f", "html")
    assert result.code == 0, result.err
    drawn = sorted(p.stem for p in (out / "journeys").glob("*.html"))
    assert drawn
    for journey in journeys:
        if journey["id"] in drawn:
            check_curves(out / f"journeys/{journey['id']}.html", journey, touchpoints)


# Put into a copy of a page: where each point is drawn, against its stage column's edges.
MEASURE = """<script>
addEventListener('load', () => {
  const found = [];
  for (const section of document.querySelectorAll('section.stage')) {
    const column = section.getBoundingClientRect();
    for (const mark of section.querySelectorAll('svg g circle, svg g rect')) {
      const box = mark.getBoundingClientRect();
      const centre = box.left + box.width / 2;
      found.push({title: mark.textContent, inside: centre >= column.left && centre <= column.right,
                  centre: centre, left: column.left, right: column.right});
    }
  }
  const out = document.createElement('pre');
  out.id = 'measured';
  out.textContent = JSON.stringify(found);
  document.body.append(out);
});
</script>"""


def measured(chromium: str, page: Path, width: int, tmp_path: Path) -> list[dict[str, Any]]:
    """Where headless Chromium draws each point of `page` in a window `width` pixels wide."""
    copy = page.with_name(f"measured-{width}-{page.name}")
    copy.write_text(page.read_text("utf-8").replace("</body>", MEASURE + "</body>"), "utf-8")
    dumped = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={tmp_path / f'profile-{width}'}",
            f"--window-size={width},900",
            "--dump-dom",
            copy.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "HOME": str(tmp_path / "home")},
        check=False,
    )
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', dumped.stdout, re.S)
    assert found, dumped.stdout[-2000:]
    data: list[dict[str, Any]] = json.loads(
        found[1]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
    )
    return data


@pytest.mark.parametrize("width", [1280, 390])
def test_in_a_browser_each_point_is_drawn_over_its_stage(
    cxkit: Run, tmp_path: Path, width: int
) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (not on PATH); cannot measure the page")
    out = example_maps(cxkit, tmp_path, "html")
    touchpoints, journeys = read_workspace(EXAMPLE)
    page = out / "journeys/billing-dispute.html"
    journey = next(j for j in journeys if j["id"] == "billing-dispute")
    points = measured(chromium, page.resolve(), width, tmp_path)
    scored = sum(
        touchpoints[i].get(kind) is not None
        for stage in journey["stages"]
        for i, *_ in items(stage)
        for kind in ("emotion", "effort")
    )
    assert len(points) == scored
    assert [p for p in points if not p["inside"]] == []


# === effort, labels, legend ==================================================================


def test_each_point_has_its_score_written_beside_it(cxkit: Run, tmp_path: Path) -> None:
    """The score is text in the SVG (it prints, and needs no colour or hover to be read), and
    every point of a curve has one colour: no state is told by colour alone."""
    out = twice_maps(cxkit, tmp_path, "html")
    root = check_self_contained(out / "journeys/twice.html")
    for section in by_class(root, "section", "stage"):
        for kind in ("emotion", "effort"):
            for group in by_class(find(section, SVG + "svg")[0], SVG + "g", kind):
                drawn = marks(section, kind)
                scores = [text(t) for t in by_class(group, SVG + "text", "score")]
                assert scores == [
                    re.findall(r"(\d)/5$", text(find(m, SVG + "title")[0]))[0] for m in drawn
                ]
    fills = {
        kind: {m.get("fill") for s in by_class(root, "section", "stage") for m in marks(s, kind)}
        for kind in ("emotion", "effort")
    }
    assert len(fills["emotion"]) == len(fills["effort"]) == 1
    assert fills["emotion"] != fills["effort"]


def test_each_curve_is_labelled_with_its_scale(cxkit: Run, tmp_path: Path) -> None:
    """Each stage's curves say what they show and which way up: emotion 5 at the top, effort
    1 at the top; the legend says the same in words, and that more effort is worse."""
    out = twice_maps(cxkit, tmp_path, "html")
    root = check_self_contained(out / "journeys/twice.html")
    for section in by_class(root, "section", "stage"):
        [svg] = find(section, SVG + "svg")
        said = [text(t) for t in find(svg, SVG + "text")]
        assert "emotion (5 delighted, 1 very negative)" in said
        assert "effort (1 effortless, 5 very high)" in said
        assert svg.get("role") == "img" and svg.get("aria-label", "").startswith("Stage ")
    [legend] = by_class(root, "div", "curve-legend")
    words = text(legend)
    assert "Emotion, 1 very negative to 5 delighted" in words
    assert "Effort, 1 effortless to 5 very high: more effort is worse" in words
    assert "another path customers can take in a stage" in words


def test_a_journey_without_scores_draws_no_curves(cxkit: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    write(
        workspace,
        "ws.yaml",
        "owners: [{id: ops, name: Ops, kind: team}]\njourneys:\n  - id: j\n    name: J\n"
        "    stages: [{id: s, name: S, touchpoints: [{id: a, name: A, owner: ops}]}]\n",
    )
    out = tmp_path / "maps"
    assert render(cxkit, "--maps", "-w", workspace, "-o", out, "-f", "all").code == 0
    root = check_self_contained(out / "journeys/j.html")
    assert not find(root, SVG + "svg") and not by_class(root, "div", "curve-legend")
    assert "Scores on each touchpoint" not in (out / "journeys/j.md").read_text("utf-8")


# === ids ======================================================================================


def test_a_touchpoint_met_twice_has_a_card_id_each(cxkit: Run, tmp_path: Path) -> None:
    """Ids are unique on the page; the first card of a touchpoint keeps `tp-<id>`, so a link
    to it lands on the first place the customer meets it."""
    out = twice_maps(cxkit, tmp_path, "html")
    cards = by_class(check_self_contained(out / "journeys/twice.html"), "div", "card")
    assert [c.get("data-touchpoint") for c in cards] == ["a", "b", "a", "c", "a", "d", "e"]
    assert [c.get("id") for c in cards] == [
        "tp-a",
        "tp-b",
        "tp-a~2",
        "tp-c",
        "tp-a~3",
        "tp-d",
        "tp-e",
    ]
    for page in (out / "index.html", out / "journeys/twice.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text("utf-8"))
        assert len(ids) == len(set(ids)), page


def test_no_id_repeats_on_any_example_page(cxkit: Run, tmp_path: Path) -> None:
    maps = example_maps(cxkit, tmp_path, "html")
    briefing = tmp_path / "briefing"
    assert render(cxkit, IVR, "-w", EXAMPLE, "-o", briefing, "-f", "html").code == 0
    pages = sorted(maps.rglob("*.html")) + sorted(briefing.rglob("*.html"))
    for page in pages:
        ids = re.findall(r'\sid="([^"]+)"', page.read_text("utf-8"))
        assert len(ids) == len(set(ids)), page


# === the Markdown map says what the HTML map says ============================================


def html_facts(page: Path) -> dict[str, Any]:
    """What an HTML map shows, in its words."""
    root = check_self_contained(page)
    lede = by_class(root, "p", "lede")[0]
    cards = {}
    for card in by_class(root, "div", "card"):
        terms = [text(t) for t in find(card, "dt")]
        values = [text(d) for d in find(card, "dd")]
        cards[card.get("data-touchpoint")] = {
            "name": text(find(card, "h4")[0]),
            "facts": dict(zip(terms, values, strict=True)),
            "badges": [text(b) for b in by_class(card, "span", "badge")],
            "lines": [text(li) for li in find(card, "li")],
        }
    outcome = [text(li) for li in find(list_after(root, "Journey outcome"), "li")]
    description = [text(p) for p in find(root, "p") if not p.get("class") and text(p)]
    gaps = [text(w) for w in by_class(root, "div", "warn")]
    return {
        "lede": text(lede),
        "cards": cards,
        "outcome": outcome,
        "description": description,
        "gaps": gaps,
    }


def list_after(root: Element, heading: str) -> Element:
    """The list right after the `h3` saying `heading`; an empty one if there is no such `h3`."""
    for parent in root.iter():
        children = list(parent)
        for place, child in enumerate(children[:-1]):
            if child.tag == "h3" and text(child) == heading and children[place + 1].tag == "ul":
                return children[place + 1]
    return Element("ul")


def md_card(page: str, ident: str) -> str:
    """The lines of the first card of touchpoint `ident` on a Markdown map."""
    start = page.index(f"(`{ident}`)")
    start = page.rindex("\n- **", 0, start)
    end = re.search(r"\n(?:- \*\*|#|No touchpoints|\*\*Gaps)", page[start + 1 :])
    return page[start : start + 1 + end.start() if end else len(page)]


ROLE_WORDS = {"owner (A)": "owner", "R": "R", "C": "C", "I": "I", "channel": "channel"}


def check_same_facts(html: Path, markdown: Path) -> None:
    facts = html_facts(html)
    page = markdown.read_text("utf-8")
    plain = page.replace("\\", "")
    assert facts["lede"] in plain
    for paragraph in facts["description"]:
        assert paragraph in plain
    for ident, card in facts["cards"].items():
        shown = md_card(page, ident).replace("\\", "")
        assert f"**{card['name']}**" in shown
        for term, value in card["facts"].items():
            word = ROLE_WORDS.get(term, term)
            assert f"{word} {value}" in shown, (ident, term)
        for line in card["lines"]:
            assert line in shown, (ident, line)
        for badge in card["badges"]:
            said = {"NO OWNER": "no owner", "changes": "changes"}.get(badge, badge)
            assert said in shown, (ident, badge)
    outcome = page[page.index("## Journey outcome") :] if facts["outcome"] else ""
    for line in facts["outcome"]:
        assert f"- {line}" in outcome.replace("\\", "")
    for gap in facts["gaps"]:
        assert gap.replace("Gaps: ", "") in plain


def test_markdown_maps_carry_what_their_html_twins_carry(cxkit: Run, tmp_path: Path) -> None:
    """Every field of every card, the journey's description and outcome metrics (which the
    Markdown maps dropped), its gaps: in the same words and figures."""
    out = example_maps(cxkit, tmp_path)
    _, journeys = read_workspace(EXAMPLE)
    for journey in journeys:
        check_same_facts(
            out / f"journeys/{journey['id']}.html", out / f"journeys/{journey['id']}.md"
        )
        if journey.get("metrics"):
            assert "## Journey outcome" in (out / f"journeys/{journey['id']}.md").read_text("utf-8")
    twice = twice_maps(cxkit, tmp_path / "twice")
    check_same_facts(twice / "journeys/twice.html", twice / "journeys/twice.md")
    page = (twice / "journeys/twice.md").read_text("utf-8")
    assert "- Customer satisfaction (CSAT): 70%, off target (target 80%, higher is better)" in page
    assert "- Handle time: not measured (target 5 minutes, lower is better)" in page
    assert "**Beta** (`b`) — owner inactive" in page


# --- metrics in words ---------------------------------------------------------------------------

MEASURED = """\
owners:
  - {id: ops, name: Ops, kind: team}
journeys:
  - id: calls
    name: Calls
    metrics:
      - {name: first_contact_resolution, target: 0.8, actual: 0.62}
    stages:
      - id: call
        name: Call
        touchpoints:
          - id: menu
            name: Phone menu
            owner: ops
            metrics:
              - {name: misroute_rate, target: 5, better: lower, unit: "%"}
              - {name: csat, target: 80, actual: 84, unit: "%"}
"""


def test_map_metrics_read_in_words_with_units_and_unmeasured_is_neutral(
    cxkit: Run, tmp_path: Path
) -> None:
    import html5lib

    write(tmp_path / "ws", "ws.yaml", MEASURED)
    out = tmp_path / "maps"
    result = render(cxkit, "--maps", "-w", tmp_path / "ws", "-o", out)
    assert result.code == 0, result.err
    page = (out / "journeys" / "calls.html").read_text(encoding="utf-8")
    root = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    items = {text(li).split(":")[0]: li for li in find(root, "li")}
    assert "First contact resolution" in items  # the journey's outcome, a ratio
    assert "62%, off target" in text(items["First contact resolution"])
    assert "target 80%" in text(items["First contact resolution"])
    unmeasured = items["Misroute rate"]
    (state,) = [s for s in find(unmeasured, "span")]
    assert text(state) == "not measured"
    assert "unmeasured" in state.get("class", "").split()
    assert "on" not in state.get("class", "").split()
    assert "Customer satisfaction (CSAT)" in items
    markdown = (out / "journeys" / "calls.md").read_text(encoding="utf-8")
    assert "First contact resolution: 62%, off target (target 80%, higher is better)" in markdown
    assert "Misroute rate: not measured" in markdown
