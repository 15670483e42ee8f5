"""Which files a render writes, and what goes in each: rendered in memory, written after."""

from __future__ import annotations

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

Files = list[tuple[str, str]]


def _environments(templates: Path | None, formats: list[str]) -> dict[str, SandboxedEnvironment]:
    return {fmt: environment(templates, markdown=fmt == "markdown") for fmt in formats}


def briefing_files(templates: Path | None, brief: Briefing, formats: list[str]) -> Files:
    files: Files = []
    for fmt, env in _environments(templates, formats).items():
        ext = EXTENSIONS[fmt]
        for page, template in _BRIEFING_PAGES:
            files.append((f"{page}.{ext}", render(env, f"{template}.{ext}.j2", b=brief, ext=ext)))
        for team in brief.teams:
            files.append(
                (
                    f"teams/{team.file}.{ext}",
                    render(env, f"briefing/team.{ext}.j2", b=brief, team=team, ext=ext),
                )
            )
        for journey in brief.maps:
            files.append(
                (
                    f"journeys/{journey.file}.{ext}",
                    render(env, f"briefing/journey.{ext}.j2", b=brief, journey=journey, ext=ext),
                )
            )
    return files


def map_files(templates: Path | None, maps: MapIndex, formats: list[str]) -> Files:
    files: Files = []
    for fmt, env in _environments(templates, formats).items():
        ext = EXTENSIONS[fmt]
        files.append((f"index.{ext}", render(env, f"maps/index.{ext}.j2", maps=maps, ext=ext)))
        for journey in maps.journeys:
            files.append(
                (
                    f"journeys/{journey.file}.{ext}",
                    render(env, f"maps/journey.{ext}.j2", journey=journey, ext=ext),
                )
            )
    return files
