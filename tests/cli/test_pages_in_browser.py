"""Every page `cxkit render` writes, opened in a real browser: on a phone, printed, and read by
axe-core; and every Mermaid block parsed by mermaid's own parser.

The example is rendered once (each change's briefing pack and the journey maps), and Debian's
Chromium, driven by Playwright, looks at each HTML page once: at desktop width (axe-core runs
there), at phone width, printed to PDF in A4 and Letter, and laid out for print at each paper's
printable width. The tests below judge what it saw, each check over every page, and name every
page that fails it. Without `chromium` on PATH they skip, saying so; without npm, the axe-core
and Mermaid checks skip (axe-core and mermaid are installed from tests/browser/package-lock.json).
"""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser import harness
from tests.conftest import TODAY

SURVEY = (harness.HERE / "survey.js").read_text(encoding="utf-8")
MERMAID_BLOCK = re.compile(r"^```mermaid\n(.*?)^```", re.S | re.M)
PARALLEL_PAGES = 3  # pages open at once, each in a context of its own
SERIOUS = ("serious", "critical")

Look = dict[str, Any]  # what survey.js found on a page


@dataclass
class PageSeen:
    desktop: Look
    phone: Look
    printed: dict[str, Look]  # by paper, laid out for print at its printable width
    pdf_pages: dict[str, list[str]]  # by paper: the text of each PDF page
    axe: list[Look] | None  # serious and critical violations; None without axe-core


@dataclass
class Seen:
    pages: dict[str, PageSeen]  # by path in the output folder: ivr-callback/raci.html
    mermaid: dict[str, str | None] | None  # "page#n" -> mermaid's error, None when it parsed
    hostile_mermaid: dict[str, str | None] | None
    npm_missing: str | None = None  # why axe-core and mermaid could not be had


# === one look at everything, with one browser ================================================


async def look_at_page(browser: Any, page_file: Path, axe: str | None) -> PageSeen:
    from pypdf import PdfReader

    context = await browser.new_context(viewport={"width": harness.DESKTOP, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(page_file.as_uri())
        desktop = await page.evaluate(SURVEY)
        violations = None
        if axe is not None:
            await page.add_script_tag(content=axe)
            found = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            violations = [v for v in found["violations"] if v["impact"] in SERIOUS]
        await page.set_viewport_size({"width": harness.PHONE, "height": 844})
        phone = await page.evaluate(SURVEY)
        pdf_pages = {}
        for paper in harness.PAPER_MM:
            pdf = await page.pdf(format=paper)
            pdf_pages[paper] = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        await page.emulate_media(media="print")
        printed = {}
        for paper in harness.PAPER_MM:
            width = harness.printable_width(paper)
            await page.set_viewport_size({"width": width, "height": 1000})
            printed[paper] = await page.evaluate(SURVEY)
        return PageSeen(desktop, phone, printed, pdf_pages, violations)
    finally:
        await context.close()


async def parse_mermaid(browser: Any, blocks: dict[str, str]) -> dict[str, str | None]:
    """mermaid.parse on each block, in a blank page holding mermaid alone: None for a block
    that parses and keeps every line it has, else what went wrong."""
    page = await browser.new_page()
    try:
        await page.add_script_tag(path=str(harness.MERMAID))
        errors = await page.evaluate(
            """async (blocks) => {
                mermaid.initialize({startOnLoad: false});
                const errors = {};
                for (const [where, text] of Object.entries(blocks)) {
                    try { await mermaid.parse(text); }
                    catch (e) { errors[where] = String(e && e.message || e); continue; }
                    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
                    errors[where] = {
                        sections: db.getSections ? db.getSections().length : null,
                        tasks: db.getTasks ? db.getTasks().length : null,
                    };
                }
                return errors;
            }""",
            blocks,
        )
        return {where: lost_lines(blocks[where], found) for where, found in errors.items()}
    finally:
        await page.close()


def lost_lines(block: str, parsed: str | dict[str, int | None]) -> str | None:
    """Mermaid's error; or, for a journey diagram, what the parser dropped: a name that starts
    a line with `%%` turns its section or task into a comment, silently."""
    if isinstance(parsed, str):
        return parsed
    if not block.lstrip().startswith("journey"):
        return None
    lines = block.splitlines()
    sections = sum(1 for line in lines if line.startswith("  section "))
    tasks = sum(1 for line in lines if line.startswith("    ") and line.strip())
    if (parsed["sections"], parsed["tasks"]) != (sections, tasks):
        return (
            f"mermaid kept {parsed['sections']} of {sections} sections"
            f" and {parsed['tasks']} of {tasks} tasks"
        )
    return None


def mermaid_blocks(out: Path, seen: dict[str, PageSeen]) -> dict[str, str]:
    """Every ```mermaid block of every Markdown page, and every Mermaid block of an HTML page."""
    blocks = {}
    for md in sorted(out.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        for n, block in enumerate(MERMAID_BLOCK.findall(text), 1):
            blocks[f"{md.relative_to(out).as_posix()}#{n}"] = block
    for name, page in seen.items():
        for n, block in enumerate(page.desktop["mermaid"], 1):
            blocks[f"{name}#{n}"] = block
    return blocks


async def look_at_everything(out: Path, hostile: Path, chromium: str, npm: bool) -> Seen:
    from playwright.async_api import async_playwright

    axe = harness.AXE.read_text(encoding="utf-8") if npm else None
    files = sorted(out.rglob("*.html"))
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium)
        try:
            gate = asyncio.Semaphore(PARALLEL_PAGES)

            async def one(page_file: Path) -> PageSeen:
                async with gate:
                    return await look_at_page(browser, page_file, axe)

            looks = await asyncio.gather(*(one(f) for f in files))
            pages = {
                f.relative_to(out).as_posix(): seen for f, seen in zip(files, looks, strict=True)
            }
            mermaid = hostile_mermaid = None
            if npm:
                mermaid = await parse_mermaid(browser, mermaid_blocks(out, pages))
                hostile_mermaid = await parse_mermaid(browser, mermaid_blocks(hostile, {}))
        finally:
            await browser.close()
    return Seen(pages, mermaid, hostile_mermaid)


# Names with what Mermaid reads as syntax: a comment (%%), a directive (%%{...}%%), braces, and
# commas (a journey task's list of people).
HOSTILE_NAMES = {
    "name: Billing Operations": 'name: "Billing {Ops} %% 100%, really"',
    "name: Contact Centre": 'name: "%%{init: {}}%% Contact, Centre }{"',
    "name: Customer Retention": 'name: "%% Customer, Retention"',
    "name: Searching the help pages for an answer": 'name: "Searching %% the {help} pages, again"',
    "name: My final bill": 'name: "%% My final bill, {at last}"',
}


def hostile_workspace(folder: Path) -> Path:
    """The example with owner and touchpoint names full of Mermaid syntax."""
    workspace = folder / "journeys"
    shutil.copytree(harness.EXAMPLE, workspace)
    for path in workspace.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for plain, hostile in HOSTILE_NAMES.items():
            text = text.replace(plain, hostile)
        path.write_text(text, encoding="utf-8")
    return workspace


@pytest.fixture(scope="session")
def seen(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    chromium = harness.chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (not on PATH): the pages cannot be opened")
    pytest.importorskip("playwright", reason="playwright comes with the test extra")
    pytest.importorskip("pypdf", reason="pypdf comes with the test extra")
    folder = tmp_path_factory.mktemp("browser")
    out = harness.render_all(harness.EXAMPLE, harness.CHANGES, folder / "out", today=TODAY)
    hostile = harness.render_all(
        hostile_workspace(folder), harness.CHANGES, folder / "hostile", today=TODAY
    )
    why_not = harness.npm_packages()
    seen = asyncio.run(look_at_everything(out, hostile, chromium, why_not is None))
    seen.npm_missing = why_not
    return seen


def needs_npm(seen: Seen) -> None:
    if seen.npm_missing is not None:
        pytest.skip(seen.npm_missing)


def squeezed(text: str) -> str:
    """Text without its white space, and with a PDF's ligatures (the "fi" of "final") as
    letters: a name wrapped over lines, or broken mid-word, still reads whole."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# === the pages ===============================================================================


def test_every_kind_of_page_is_opened(seen: Seen) -> None:
    pages = set(seen.pages)
    for change in ("ivr-callback", "new-billing-platform"):
        for kind in ("index", "stakeholders", "informed", "customers", "raci", "timeline"):
            assert f"{change}/{kind}.html" in pages
        assert any(p.startswith(f"{change}/teams/") for p in pages)
        assert any(p.startswith(f"{change}/journeys/") for p in pages)
    assert "maps/index.html" in pages
    assert {"billing-dispute", "cancel-service", "moving-home"} == {
        Path(p).stem for p in pages if p.startswith("maps/journeys/")
    }


# --- a phone -----------------------------------------------------------------------------------


def test_no_page_scrolls_sideways_on_a_phone(seen: Seen) -> None:
    wide = {
        name: f"{p.phone['scroll_width']}px wide: {'; '.join(p.phone['beyond'])}"
        for name, p in seen.pages.items()
        if p.phone["scroll_width"] > harness.PHONE
    }
    assert wide == {}, f"{len(wide)} of {len(seen.pages)} pages scroll sideways at 390px"


def test_what_is_wider_than_a_phone_scrolls_in_its_own_box_reachable_by_keyboard(
    seen: Seen,
) -> None:
    """A box that scrolls can be reached with the keyboard (tabindex=0), is named for a screen
    reader, and scrolls rather than hides what does not fit."""
    wrong = {}
    for name, p in seen.pages.items():
        for box in p.phone["boxes"] + p.desktop["boxes"]:
            if box["taller"] or box["overflowX"] not in ("auto", "scroll"):
                wrong.setdefault(name, []).append(f"{box['what']} hides what does not fit")
            elif box["tabindex"] != "0" or not box["label"] or not box["role"]:
                wrong.setdefault(name, []).append(
                    f"{box['what']} scrolls but has no tabindex=0, role and label"
                )
    assert wrong == {}
    assert any(box["wider"] for p in seen.pages.values() for box in p.phone["boxes"]), (
        "no table is wider than a phone: the check above checked nothing"
    )


# --- print -------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", list(harness.PAPER_MM))
def test_nothing_is_clipped_in_print(seen: Seen, paper: str) -> None:
    """Laid out for print, at the paper's printable width, nothing is wider than the paper
    and no box scrolls or clips (a scroll bar on paper hides what is beyond it)."""
    width = harness.printable_width(paper)
    wrong = {}
    for name, p in seen.pages.items():
        look = p.printed[paper]
        problems = [f"{box['what']} clips its content" for box in look["boxes"]]
        if look["scroll_width"] > width:
            problems.append(f"{look['scroll_width']}px wide: {'; '.join(look['beyond'])}")
        if problems:
            wrong[name] = problems
    assert wrong == {}, f"{len(wrong)} of {len(seen.pages)} pages lose content on {paper}"


@pytest.mark.parametrize("paper", list(harness.PAPER_MM))
def test_the_printed_pages_hold_every_touchpoint_and_owner_name(seen: Seen, paper: str) -> None:
    names = harness.workspace_names(harness.EXAMPLE)
    every = names.touchpoints | names.owners
    missing = {}
    checked = 0
    for name, p in seen.pages.items():
        shown = squeezed(p.printed[paper]["text"])
        printed = squeezed("".join(p.pdf_pages[paper]))
        wanted = [n for n in every if squeezed(n) in shown]
        checked += len(wanted)
        lost = sorted(n for n in wanted if squeezed(n) not in printed)
        if lost:
            missing[name] = lost
    assert missing == {}
    assert checked > 100, "the pages showed almost no names: the check checked nothing"


@pytest.mark.parametrize("paper", list(harness.PAPER_MM))
def test_a_printed_stage_heading_stays_with_its_first_card(seen: Seen, paper: str) -> None:
    apart = {}
    stages = 0
    for name, p in seen.pages.items():
        pdf = [squeezed(text) for text in p.pdf_pages[paper]]
        for stage in p.printed[paper]["stages"]:
            heading, card = squeezed(stage["heading"]), squeezed(stage["first_card"])
            if not card:
                continue
            stages += 1
            page = next((n for n, text in enumerate(pdf) if heading in text), None)
            if page is None or card not in pdf[page]:
                apart.setdefault(name, []).append(stage["heading"])
    assert apart == {}
    assert stages > 20


def test_a_printed_raci_keeps_every_column(seen: Seen) -> None:
    """Each party's column reaches the paper, whole: the table is no wider than the paper."""
    racis = {name: p for name, p in seen.pages.items() if name.endswith("/raci.html")}
    assert len(racis) == len(list(harness.CHANGES.glob("*.yaml")))  # one pack a change
    for name, p in racis.items():
        for paper, look in p.printed.items():
            (table,) = look["tables"]
            assert len(table["headers"]) > 5
            assert table["right"] <= harness.printable_width(paper), (name, paper)
            printed = squeezed("".join(p.pdf_pages[paper]))
            assert [h for h in table["headers"] if squeezed(h) not in printed] == [], name


# --- accessibility -----------------------------------------------------------------------------


def test_axe_core_finds_no_serious_or_critical_violation(seen: Seen) -> None:
    needs_npm(seen)
    found = {
        name: [
            f"{v['impact']} {v['id']} ({len(v['nodes'])}x): {v['nodes'][0]['target']}"
            for v in p.axe or []
        ]
        for name, p in seen.pages.items()
        if p.axe
    }
    assert found == {}, f"{len(found)} of {len(seen.pages)} pages"


def test_every_page_has_one_main_landmark(seen: Seen) -> None:
    assert {name: p.desktop["mains"] for name, p in seen.pages.items()} == dict.fromkeys(
        seen.pages, 1
    )


def test_headings_go_down_one_level_at_a_time(seen: Seen) -> None:
    skipped = {}
    for name, p in seen.pages.items():
        previous = 0
        for level, text in p.desktop["headings"]:
            if level > previous + 1:
                skipped.setdefault(name, []).append(f"h{previous} to h{level} {text!r}")
            previous = level
    assert skipped == {}


def test_no_state_is_shown_by_colour_alone(seen: Seen) -> None:
    """A badge says what it marks in words; a value off target says so."""
    mute = {}
    for name, p in seen.pages.items():
        for what, text in p.desktop["states"]:
            if not re.search(r"[A-Za-z]{3}", text) or (".off" in what and "off target" not in text):
                mute.setdefault(name, []).append(f"{what} {text!r}")
    assert mute == {}


# --- Mermaid -----------------------------------------------------------------------------------


def test_every_mermaid_block_parses(seen: Seen) -> None:
    needs_npm(seen)
    assert seen.mermaid is not None
    failed = {where: error for where, error in seen.mermaid.items() if error}
    assert failed == {}
    assert len(seen.mermaid) >= 9, "fewer Mermaid blocks than journey pages"


def test_mermaid_blocks_parse_with_names_full_of_mermaid_syntax(seen: Seen) -> None:
    needs_npm(seen)
    assert seen.hostile_mermaid is not None
    failed = {where: error for where, error in seen.hostile_mermaid.items() if error}
    assert failed == {}
    assert len(seen.hostile_mermaid) >= 9
