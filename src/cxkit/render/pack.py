"""Which files a render writes, and what makes each: a page names its file, its template and
the values the template is given. Pages are planned first and rendered later, so every file's
place is checked before any work is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from cxkit.render.briefing import Briefing
from cxkit.render.environment import environment, render
from cxkit.render.maps import MapIndex

# (file name without extension, template name without ".<ext>.j2")
_BRIEFING_PAGES = (
    ("index", "briefing/index"),
    ("timeline", "briefing/timeline"),
    ("stakeholders", "briefing/stakeholders"),
    ("informed", "briefing/informed"),
    ("customers", "briefing/customers"),
    ("raci", "briefing/raci"),
)
EXTENSIONS = {"html": "html", "markdown": "md"}


@dataclass(frozen=True, slots=True)
class Page:
    """One file of a render: where it goes in the output folder, and what makes its text."""

    relative: str
    env: SandboxedEnvironment
    template: str
    context: dict[str, object]
    # Values made only as the page renders, in whichever process renders it (a journey's map:
    # each process makes only the maps of its own pages).
    later: Callable[[], dict[str, object]] | None = None

    def text(self) -> str:
        context = self.context if self.later is None else {**self.context, **self.later()}
        return render(self.env, self.template, **context)


def _environments(templates: Path | None, formats: list[str]) -> dict[str, SandboxedEnvironment]:
    return {fmt: environment(templates, markdown=fmt == "markdown") for fmt in formats}


def briefing_pages(templates: Path | None, brief: Briefing, formats: list[str]) -> list[Page]:
    pages: list[Page] = []
    for fmt, env in _environments(templates, formats).items():
        ext = EXTENSIONS[fmt]
        for page, template in _BRIEFING_PAGES:
            pages.append(
                Page(f"{page}.{ext}", env, f"{template}.{ext}.j2", {"b": brief, "ext": ext})
            )
        for team in brief.teams:
            pages.append(
                Page(
                    f"teams/{team.file}.{ext}",
                    env,
                    f"briefing/team.{ext}.j2",
                    {"b": brief, "team": team, "ext": ext},
                )
            )
        for ident, file in brief.journey_files.items():
            pages.append(
                Page(
                    f"journeys/{file}.{ext}",
                    env,
                    f"briefing/journey.{ext}.j2",
                    {"b": brief, "ext": ext},
                    later=partial(_journey_values, brief, ident),
                )
            )
    return pages


def _journey_values(brief: Briefing, ident: str) -> dict[str, object]:
    return {"journey": brief.map_of(ident)}


def map_pages(templates: Path | None, maps: MapIndex, formats: list[str]) -> list[Page]:
    pages: list[Page] = []
    for fmt, env in _environments(templates, formats).items():
        ext = EXTENSIONS[fmt]
        pages.append(Page(f"index.{ext}", env, f"maps/index.{ext}.j2", {"maps": maps, "ext": ext}))
        for journey in maps.journeys:
            pages.append(
                Page(
                    f"journeys/{journey.file}.{ext}",
                    env,
                    f"maps/journey.{ext}.j2",
                    {"journey": journey, "ext": ext},
                )
            )
    return pages
