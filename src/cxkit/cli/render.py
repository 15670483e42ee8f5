"""`cxkit render`: stakeholder briefings for a change, and journey maps."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cxkit.cli.options import (
    ConfigOption,
    DepthOption,
    WorkspaceOption,
    configured,
    usable_change,
)
from cxkit.errors import CxkitError
from cxkit.render.bounds import DEFAULT_TIME_LIMIT
from cxkit.source.files import read_named

if TYPE_CHECKING:
    from cxkit.analysis.impact import Impact
    from cxkit.render.pack import Page
    from cxkit.source.discovery import Ignore
    from cxkit.workspace import Workspace

EPILOG = """Examples:

  cxkit render changes/ivr-callback.yaml -o briefing/     # the briefing pack

  cxkit render impact.json -o briefing/                   # from `cxkit impact -f json`

  cxkit render --maps -o maps/ -f html                    # a journey map per journey

  cxkit render --list-templates --templates my-templates/

  cxkit render changes/ivr-callback.yaml -o briefing/ -j 1  # in one process

A render is all or nothing and one at a time per folder, and writes only inside the output
folder; files there that cxkit did not write are never overwritten without --force."""


class RenderFormat(StrEnum):
    all = "all"
    html = "html"
    markdown = "markdown"


def command(
    change_file: Annotated[
        Path | None,
        typer.Argument(
            help="A change file (YAML), or an impact document (JSON).", metavar="CHANGE"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FOLDER", help="The folder to write into."),
    ] = None,
    maps: Annotated[
        bool, typer.Option("--maps", help="Render a journey map per journey instead.")
    ] = False,
    workspace: WorkspaceOption = None,
    config: ConfigOption = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="html, markdown, or all (both)."),
    ] = RenderFormat.all,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="FOLDER",
            help="A folder of templates overriding cxkit's by name.",
        ),
    ] = None,
    offsets: Annotated[
        str | None,
        typer.Option(
            "--offsets",
            metavar="DAYS",
            help="Days before the release each wave starts: stakeholders, teams, informed,"
            " customers. Default: render.waves in the config, else 21,14,7,0.",
        ),
    ] = None,
    depth: DepthOption = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files cxkit did not write.")
    ] = False,
    list_templates: Annotated[
        bool, typer.Option("--list-templates", help="List the templates and exit.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Processes to render with. Default: one per core (up to 4) on Linux, else 1.",
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0.001,
            metavar="SECONDS",
            help="The processor time one page may take to render before the render stops.",
        ),
    ] = DEFAULT_TIME_LIMIT,
) -> None:
    """Render a change briefing pack, or journey maps, as HTML and Markdown."""
    from cxkit.render.environment import shipped_templates, template_names

    settings, workspace_path = configured(config, workspace)
    if templates is None and settings.templates is not None:
        templates = _configured_templates(settings.templates, settings.folder)
    if list_templates:
        for name, origin in template_names(templates):
            typer.echo(f"{name}  ({origin})")
        return
    if output is None:
        raise typer.BadParameter(
            "give the folder to write into with -o/--output", param_hint="--output"
        )
    if maps == (change_file is not None):
        raise typer.BadParameter("give a change file, or --maps (one of them)", param_hint="CHANGE")
    if templates is not None and not templates.is_dir():
        raise CxkitError(f"templates folder not found: {templates}")
    shipped_templates()  # fails early, and clearly, on a broken installation
    formats = ["html", "markdown"] if output_format is RenderFormat.all else [output_format.value]
    pages = (
        _map_pages(templates, workspace_path, settings.ignore, formats)
        if maps
        else _briefing_pages(
            templates,
            change_file,
            (workspace_path, settings.ignore),
            formats,
            _offsets(offsets) if offsets is not None else tuple(settings.waves.values()),
            depth,
        )
    )
    _write(output, pages, force, jobs, time_limit)


def _configured_templates(folder: Path, config_folder: Path) -> Path:
    """The templates folder a config file names, refused outside the config file's own folder.

    A config file comes with the repository being checked, which anyone may have written: it
    must not point cxkit at templates (or at what templates include) elsewhere on the machine.
    `--templates` may name any folder: that is the user's own choice.
    """
    if not folder.resolve().is_relative_to(config_folder.resolve()):
        raise CxkitError(
            f"the config's render.templates ({folder}) leads outside the config file's folder;"
            " a config names templates inside its own folder (use --templates for others)"
        )
    return folder


def _offsets(text: str) -> tuple[int, ...]:
    """The days of `--offsets`, checked as the config's waves are: four of them, in order
    (customers last), none negative, none beyond what a calendar can count back."""
    from cxkit.model.config import waves_of
    from cxkit.render.briefing import MAX_OFFSET

    try:
        days = tuple(int(part) for part in text.split(","))
    except ValueError:
        days = ()
    if len(days) != 4 or any(d > MAX_OFFSET for d in days):
        raise typer.BadParameter(
            f"four whole numbers of days from 0 to {MAX_OFFSET}, like 21,14,7,0",
            param_hint="--offsets",
        )
    try:
        waves_of(days)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{exc} (the days of stakeholders, teams, informed and customers, like 21,14,7,0)",
            param_hint="--offsets",
        ) from None
    return days


def _map_pages(
    templates: Path | None, workspace: Path, ignore: Ignore | None, formats: list[str]
) -> list[Page]:
    from cxkit.render.maps import all_maps
    from cxkit.render.pack import map_pages
    from cxkit.workspace import load_workspace

    ws = load_workspace(workspace, ignore)
    _warn_about(ws)
    return map_pages(templates, all_maps(ws), formats)


def _briefing_pages(
    templates: Path | None,
    change_file: Path | None,
    workspace: tuple[Path, Ignore | None],
    formats: list[str],
    offsets: tuple[int, ...],
    depth: int,
) -> list[Page]:
    from cxkit.render.briefing import briefing
    from cxkit.render.pack import briefing_pages
    from cxkit.report.impact_json import CXKIT, load
    from cxkit.workspace import load_workspace

    assert change_file is not None
    ws = load_workspace(*workspace)
    _warn_about(ws)
    if change_file.suffix.lower() == ".json":
        impact, tool = load(read_named(change_file, "impact document"), str(change_file))
    else:
        impact, tool = _impact_of(change_file, ws, depth), CXKIT
    return briefing_pages(templates, briefing(impact, ws, offsets, tool=tool), formats)


def _impact_of(change_file: Path, ws: Workspace, depth: int) -> Impact:
    """The impact of a change file: the same analysis `cxkit impact` runs."""
    from cxkit.analysis.graph import build_graph
    from cxkit.analysis.impact import analyse

    change, _ = usable_change(change_file, ws)
    return analyse(change, ws, build_graph(ws), depth)


def _warn_about(ws: Any) -> None:
    errors = [f for f in ws.findings if f.severity == "error"]
    if errors:
        print(
            f"cxkit: warning: the workspace has {len(errors)} error(s); rendering what could be"
            " read (run cxkit validate)",
            file=sys.stderr,
        )


def _write(
    output: Path, pages: list[Page], force: bool, jobs: int | None, time_limit: float
) -> None:
    from cxkit.render.produce import default_jobs, produce
    from cxkit.render.writer import OutputFolder

    produce(pages, OutputFolder(output, force=force), jobs or default_jobs(), time_limit)
    typer.echo(f"wrote {len(pages)} files to {output.as_posix()}/")
