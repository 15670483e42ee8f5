"""The Jinja environment: sandboxed, strict about undefined names, escaping HTML.

Templates are looked up first in a user's folder (`--templates DIR`), then in the ones shipped
with cxkit, so a team overrides any template by giving a file of the same name.

A user's templates come from the repository being checked, which anyone may have written: they
are read only from regular files really inside their folder (a link leading out of it, to
`/proc/self/environ` or `/etc`, is refused, as are FIFOs and devices), each at most
MAX_TEMPLATE_BYTES.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from cxkit.errors import CxkitError
from cxkit.render.bounds import checked_binop
from cxkit.render.briefing import Briefing, TeamBrief
from cxkit.render.curves import Band, Mark, Piece, Stroke
from cxkit.render.filters import FILTERS, literal
from cxkit.render.maps import (
    Card,
    JourneyMap,
    Lane,
    MapIndex,
    MapStage,
)
from cxkit.render.writer import READ_FLAGS


def _data_names(kind: type) -> frozenset[str]:
    """The public names of a value class that hold data: its fields and its properties."""
    names = {f.name for f in dataclasses.fields(kind)}
    names.update(n for n, v in vars(kind).items() if isinstance(v, property))
    return frozenset(n for n in names if not n.startswith("_"))


# cxkit's own value classes, and the names a template may read off them without a check.
_PLAIN_DATA: dict[type, frozenset[str]] = {
    kind: _data_names(kind)
    for kind in (
        Briefing,
        TeamBrief,
        Band,
        Card,
        JourneyMap,
        Mark,
        Piece,
        Stroke,
        Lane,
        MapIndex,
        MapStage,
    )
}
# Any other name read off a plain dict is a key: a dict has no attributes of its own but these.
_DICT_ATTRIBUTES: frozenset[str] = frozenset(dir(dict))


def shipped_templates() -> Path:
    """The templates that come with cxkit: inside the installed package, or the source tree's."""
    packaged = Path(str(resources.files("cxkit"))) / "templates"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[3] / "templates"
    if source_tree.is_dir():
        return source_tree
    raise CxkitError("cxkit's templates are missing from this installation; reinstall cxkit")


# MarkupSafe 3 escapes in Python around this C core; MarkupSafe 2 escaped all in C.
_ESCAPE_TEXT: Callable[[str], str] | None = getattr(markupsafe, "_escape_inner", None)


def _escape(value: object) -> Markup:
    """markupsafe's `escape`, with the same results, made without its Python-level checks for
    the plain strings that are nearly every value a page shows.

    This reaches into markupsafe (`_escape_inner`) and Jinja (`Template._from_namespace`), which
    is kept only because it is measured to pay: a few percent of a big render, where render's
    target has little room (benchmarks/README.md, "What got it here"). Both fall back to the
    public `escape` should either library change, and the suite runs on their lowest and newest
    releases."""
    if type(value) is str and _ESCAPE_TEXT is not None:
        # Made directly: Markup(...) would look for an __html__ method a str does not have.
        return str.__new__(Markup, _ESCAPE_TEXT(value))
    if type(value) is Markup:  # already safe, and immutable: escaping would copy it unchanged
        return value
    if type(value) is int:  # digits and a sign: nothing to escape
        return str.__new__(Markup, str(value))
    return escape(value)


class _Template(jinja2.Template):
    """A template whose output escapes with `_escape`."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        # The compiled template finds `escape` among its module's names, put there by its first
        # line. Should a later Jinja stop making templates here, they escape as before.
        namespace["escape"] = _escape
        return super()._from_namespace(environment, namespace, globals)


# The biggest template file read: cxkit's own are a few KB.
MAX_TEMPLATE_BYTES = 1024 * 1024


class _ConfinedLoader(jinja2.BaseLoader):
    """Templates from regular files that are really inside their folders, the first folder
    holding the name winning.

    A name that exists in a folder but is no template there (a link out of the folder, a FIFO,
    a file too big) is an error, not a reason to look further: the user meant to override it.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [(folder, folder.resolve()) for folder in folders]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses `..`
        for folder, real_folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path) or path.is_dir():
                continue
            text = _template_text(path, real_folder, template)
            return text, os.path.normpath(path), lambda: True  # templates do not change mid-run
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return sorted({name for name, _ in _template_files(self.folders)})


def _template_text(path: Path, real_folder: Path, name: str) -> str:
    """The text of the template file `path`, refused unless it is a regular file of at most
    MAX_TEMPLATE_BYTES inside `real_folder` (once links are followed)."""
    real = path.resolve()
    if not real.is_relative_to(real_folder):
        raise CxkitError(
            f"template {name} in {path.parent} leads outside its templates folder;"
            " templates are read only from files inside it"
        )
    try:  # not following a link the place may have become since; not waiting on a FIFO
        handle = os.open(real, READ_FLAGS)
    except OSError as exc:
        raise CxkitError(f"cannot read template {name} ({path}): {exc.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise CxkitError(f"template {name} ({path}) is not a regular file")
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise CxkitError(
            f"template {name} ({path}) is larger than {MAX_TEMPLATE_BYTES // 1024} KiB"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CxkitError(f"template {name} ({path}) is not UTF-8: {exc.reason}") from None


def _template_files(folders: list[tuple[Path, Path]]) -> list[tuple[str, Path]]:
    """Each template name a folder offers (its `.j2` files inside it), with its folder."""
    found = []
    for folder, real_folder in folders:
        for path in folder.rglob("*.j2"):
            if path.resolve().is_relative_to(real_folder) and path.is_file():
                found.append((path.relative_to(folder).as_posix(), folder))
    return found


class _Sandbox(SandboxedEnvironment):
    """The sandbox, told that cxkit's own value classes hold only data, and that `*` and `**`
    must not make values too big to hold (see `bounds`).

    Checking every attribute of every card is most of the time a big briefing takes; the
    fields and properties of these dataclasses are plain values and need no check.
    """

    template_class = _Template
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        checked_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in _PLAIN_DATA.get(type(obj), ()):
            return True
        return bool(super().is_safe_attribute(obj, attr, value))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` in a template, taking a short cut where the answer is known.

        A big briefing reads most of a million attributes, nearly all of them keys of the impact
        document's dicts or fields of the value classes above. For these two kinds of object the
        sandbox's general path (try the attribute, fail, try the key, check the value) comes to
        the answer the short cut gives, and took a sixth of the rendering time (benchmarks/
        README.md). Each class's names are listed once, so a read is two lookups.
        """
        kind = type(obj)
        names = _PLAIN_DATA.get(kind)
        if names is not None:
            if attribute in names:
                return getattr(obj, attribute)
        elif kind is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment(
    user_templates: Path | None = None, *, markdown: bool = False
) -> SandboxedEnvironment:
    """The environment for HTML templates (autoescaped), or for Markdown ones.

    Markdown passes raw HTML through to many renderers, so in Markdown every value has its
    `<` and `>` turned into entities, which is enough that no tag can start (filters that make
    their own safe text, like `mermaid`, return Markup and are left alone).
    """
    folders = [shipped_templates()]
    if user_templates is not None:
        if not user_templates.is_dir():
            raise CxkitError(f"templates folder not found: {user_templates}")
        folders.insert(0, user_templates)
    env = _Sandbox(
        loader=_ConfinedLoader(folders),
        autoescape=False if markdown else jinja2.select_autoescape(("html", "html.j2")),
        finalize=_markdown_safe if markdown else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change during a render: no need to look at their files again on each
        # of the thousands of times they are used.
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _markdown_safe(value: object) -> object:
    """Every value a Markdown template prints, as literal Markdown on one line (`literal`): a
    name can hold no link, bare address, emphasis, code, HTML, @mention or line break. Filters
    that make Markdown of their own (`cell`, `code`, `href`, `mermaid`, `paragraphs` for texts
    whose lines are kept) return Markup, which is left as it is."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return literal(value)


def template_names(user_templates: Path | None = None) -> list[tuple[str, str]]:
    """Every template name, and whether it comes from the user's folder or cxkit (files that
    would be refused as templates are left out)."""
    shipped = {name for name, _ in _template_files([_both(shipped_templates())])}
    own = set()
    if user_templates is not None and user_templates.is_dir():
        own = {name for name, _ in _template_files([_both(user_templates)])}
    return [(name, "yours" if name in own else "cxkit") for name in sorted(shipped | own)]


def _both(folder: Path) -> tuple[Path, Path]:
    return folder, folder.resolve()


def render(env: SandboxedEnvironment, name: str, **context: object) -> str:
    """Render one template; any template error becomes a fatal error naming template and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise CxkitError(
            f"template {exc.filename or exc.name or name}, line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise CxkitError(f"template not found: {exc.name}") from None
    except (CxkitError, MemoryError):
        raise  # a template file refused, or the memory bound (reported by the caller)
    except Exception as exc:  # a user's template may raise anything: its error, not cxkit's
        raise CxkitError(f"template {name}{line_of(exc)}: {exc}") from None


def line_of(exc: BaseException) -> str:
    """The template line an error happened on, from its traceback: as Jinja rewrites it for
    the errors it handles, or as raised inside a template's compiled code (a timer's)."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_filename.endswith(".j2"):
            compiled = frame.f_globals.get("__jinja_template__")
            number = tb.tb_lineno
            if isinstance(compiled, jinja2.Template):
                number = compiled.get_corresponding_lineno(number)
            line = (frame.f_code.co_filename, number)
        tb = tb.tb_next
    return f" ({Path(line[0]).name}, line {line[1]})" if line else ""
