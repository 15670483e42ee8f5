"""The Jinja environment: sandboxed, strict about undefined names, escaping HTML.

Templates are looked up first in a user's folder (`--templates DIR`), then in the ones shipped
with cxkit, so a team overrides any template by giving a file of the same name.
"""

from __future__ import annotations

import types
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from cxkit.errors import CxkitError
from cxkit.render.briefing import Briefing, TeamBrief
from cxkit.render.filters import FILTERS
from cxkit.render.maps import Card, CurvePoint, JourneyMap, MapIndex, MapStage

_PLAIN_DATA: frozenset[type] = frozenset(
    {Briefing, TeamBrief, Card, CurvePoint, JourneyMap, MapIndex, MapStage}
)
# Any other name read off a plain dict is a key: a dict has no attributes of its own but these.
_DICT_ATTRIBUTES: frozenset[str] = frozenset(dir(dict))
# A bound method (`"{}".format` above all) still takes the sandbox's full path, which wraps it.
_METHODS = (types.MethodType, types.BuiltinMethodType)
_ABSENT = object()


def shipped_templates() -> Path:
    """The templates that come with cxkit: inside the installed package, or the source tree's."""
    packaged = Path(str(resources.files("cxkit"))) / "templates"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[3] / "templates"
    if source_tree.is_dir():
        return source_tree
    raise CxkitError("cxkit's templates are missing from this installation; reinstall cxkit")


class _Sandbox(SandboxedEnvironment):
    """The sandbox, told that cxkit's own value classes hold only data.

    Checking every attribute of every card is most of the time a big briefing takes; the
    public attributes of these dataclasses are plain values and need no check.
    """

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj) in _PLAIN_DATA and not attr.startswith("_"):
            return True
        return bool(super().is_safe_attribute(obj, attr, value))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` in a template, taking a short cut where the answer is known.

        A big briefing reads most of a million attributes, nearly all of them keys of the impact
        document's dicts or fields of the value classes above. For these two kinds of object the
        sandbox's general path (try the attribute, fail, try the key, check the value) comes to
        the answer the short cut gives, and took a sixth of the rendering time (20,000
        touchpoints: 1.35 s, 1.12 s with the short cut).
        """
        kind = type(obj)
        if kind in _PLAIN_DATA and not attribute.startswith("_"):
            value = getattr(obj, attribute, _ABSENT)
            if value is not _ABSENT and not isinstance(value, _METHODS):
                return value
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
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
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
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return value.replace("<", "&lt;").replace(">", "&gt;")


def template_names(user_templates: Path | None = None) -> list[tuple[str, str]]:
    """Every template name, and whether it comes from the user's folder or cxkit."""
    shipped = {
        p.relative_to(shipped_templates()).as_posix() for p in shipped_templates().rglob("*.j2")
    }
    own = set()
    if user_templates is not None and user_templates.is_dir():
        own = {p.relative_to(user_templates).as_posix() for p in user_templates.rglob("*.j2")}
    return [(name, "yours" if name in own else "cxkit") for name in sorted(shipped | own)]


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
    except Exception as exc:  # a user's template may raise anything: its error, not cxkit's
        raise CxkitError(f"template {name}{_line_of(exc)}: {exc}") from None


def _line_of(exc: BaseException) -> str:
    """The template line an error happened on, from the traceback Jinja rewrites."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return f" ({Path(line[0]).name}, line {line[1]})" if line else ""
