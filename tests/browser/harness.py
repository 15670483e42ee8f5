"""What the browser tests and the screenshot script share: Debian's Chromium driven by Playwright,
the npm packages loaded into it (axe-core, mermaid), and the example rendered as a user renders it.

No browser is downloaded (none can be, here or in CI): Playwright launches the `chromium` on
PATH. axe-core and mermaid come from npm, pinned in package.json and package-lock.json beside
this file, and are installed into node_modules here by `npm ci` the first time they are needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLE = ROOT / "journeys"
CHANGES = ROOT / "changes"
NODE_MODULES = HERE / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
MERMAID = NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"

PHONE = 390  # CSS pixels: a common phone's width
DESKTOP = 1280
# Printable widths in CSS pixels (96 per inch): the paper less the 12 mm margins the pages'
# own @page rule asks for (print dialogs and page.pdf honour it).
PAPER_MM = {"A4": 210.0, "Letter": 215.9}
PAGE_MARGIN_MM = 12.0


def printable_width(paper: str) -> int:
    return int((PAPER_MM[paper] - 2 * PAGE_MARGIN_MM) * 96 / 25.4)


def chromium() -> str | None:
    """Debian's Chromium, the one browser the tests may use."""
    return shutil.which("chromium")


def npm_packages() -> str | None:
    """Install axe-core and mermaid when they are missing; None when they are there, else why
    they cannot be had (a reason to skip with)."""
    if AXE.is_file() and MERMAID.is_file():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (not on PATH): cannot install axe-core and mermaid"
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not (AXE.is_file() and MERMAID.is_file()):
        return f"npm ci failed in {HERE.relative_to(ROOT)}: {done.stderr.strip()[-1000:]}"
    return None


def cxkit(*args: str | Path, today: str | None = None) -> None:
    """The real command, in a process of its own, as a user runs it."""
    env = {**os.environ, "NO_COLOR": "1"}
    if today is not None:
        env["CXKIT_TODAY"] = today
    done = subprocess.run(
        [sys.executable, "-m", "cxkit", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"cxkit {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
        )


def render_all(workspace: Path, changes: Path, out: Path, today: str | None = None) -> Path:
    """Each change's briefing pack into out/CHANGE and the journey maps into out/maps."""
    for change in sorted(changes.glob("*.yaml")):
        cxkit("render", change, "-w", workspace, "-o", out / change.stem, today=today)
    cxkit("render", "--maps", "-w", workspace, "-o", out / "maps", today=today)
    return out


@dataclass(frozen=True)
class Names:
    """Names a person reads on the pages: every touchpoint's and every owner's."""

    touchpoints: frozenset[str]
    owners: frozenset[str]


def workspace_names(workspace: Path) -> Names:
    touchpoints: set[str] = set()
    owners: set[str] = set()
    for path in sorted(workspace.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        owners.update(o["name"] for o in data.get("owners") or [] if o.get("name"))
        touchpoints.update(t["name"] for t in data.get("touchpoints") or [] if t.get("name"))
        for journey in data.get("journeys") or []:
            for stage in journey.get("stages") or []:
                lanes = stage.get("paths") or {"": stage.get("touchpoints") or []}
                for items in lanes.values():
                    touchpoints.update(
                        t["name"] for t in items or [] if isinstance(t, dict) and t.get("name")
                    )
    return Names(frozenset(touchpoints), frozenset(owners))
