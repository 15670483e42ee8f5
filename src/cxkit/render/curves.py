"""The emotion and effort curves of a journey map, drawn stage by stage.

Each stage's column holds its own piece of the curves, an SVG as wide as the column, so a
touchpoint's point stands over its own stage however the columns are laid out: side by side
on a screen, in rows on paper, one under another on a phone. Inside a piece, x is a percentage
of the column's width: the cards of each path of the stage spread evenly across it, in the
order they are listed. Where a curve passes from one stage to the next it crosses the edge of
the column halfway (in height) between the points either side, so the pieces join into one line.

Emotion (1 very negative to 5 delighted) is drawn with 5 at the top, effort (1 effortless to 5
very high) with 1 at the top: on both curves, lower on the chart is worse for the customer.
Where customers choose between paths, each path is a line of its own through the stage, the
first solid and the others dashed, each leaving and joining the curve at the stage's edges.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from cxkit.render.maps import Card, MapStage

# Heights in pixels, the same at every width: a band of the chart per curve.
BAND_HEIGHT = 40  # from the best score to the worst: 10 px a step
BAND_TITLE = 12  # room above a band for its title
BAND_HEADROOM = 22  # room between the title and the band, for a point's score above it
BAND_FOOT = 20  # room below a band, for the name of a path written under a point


@dataclass(frozen=True, slots=True)
class Band:
    """Where one curve is drawn in every stage's piece, and which way up."""

    name: str  # "emotion" or "effort": the card's field it draws
    title: str  # what the band's title says
    best: int  # the score drawn at the top: 5 for emotion, 1 for effort
    top: int  # y of the best score
    bottom: int  # y of the worst score
    heights: tuple[int, ...]  # the y of each score, 1 to 5 (a card's score is an index)

    @property
    def worst(self) -> int:
        return 6 - self.best

    @property
    def title_y(self) -> int:
        return self.top - BAND_HEADROOM

    @property
    def levels(self) -> list[int]:
        """The y of each score's guide line: best, middle and worst."""
        return [self.y(score) for score in (5, 3, 1)]

    def y(self, score: int) -> int:
        return self.heights[score - 1]


def _band(name: str, title: str, best: int, top: int) -> Band:
    heights = tuple(top + round(BAND_HEIGHT * abs(best - score) / 4) for score in range(1, 6))
    return Band(name, title, best, top, top + BAND_HEIGHT, heights)


# The two curves: what a band is called, and the score at its top.
CURVES: dict[str, tuple[str, int]] = {
    "emotion": ("emotion (5 delighted, 1 very negative)", 5),
    "effort": ("effort (1 effortless, 5 very high)", 1),
}


def bands(names: Sequence[str]) -> list[Band]:
    """A band for each of the curves `names`, one under another."""
    made = []
    top = 0
    for name in names:
        title, best = CURVES[name]
        top += BAND_TITLE + BAND_HEADROOM
        made.append(_band(name, title, best, top))
        top += BAND_HEIGHT + BAND_FOOT
    return made


def height(drawn: Sequence[Band]) -> int:
    return drawn[-1].bottom + BAND_FOOT if drawn else 0


@dataclass(slots=True)
class Mark:
    """A touchpoint's point on one curve, in its stage's piece."""

    x: float  # percent of the stage column's width
    y: int
    score: int
    label: str  # the touchpoint's name, and its path's in a stage of paths
    path: str = ""  # the stage's path the point is on; '' in a stage of one path
    # Where the path's name is written, by a named path's first point; None elsewhere.
    path_y: int | None = None


@dataclass(slots=True)
class Stroke:
    """One line of a curve through a stage: along a path's points, from and to the stage's
    edges where the curve goes on. Percent x, pixel y."""

    points: list[tuple[float, int]]
    branch: bool  # a path of the stage after its first: dashed

    @property
    def segments(self) -> list[tuple[float, int, float, int]]:
        return [(x1, y1, x2, y2) for (x1, y1), (x2, y2) in itertools.pairwise(self.points)]


@dataclass(slots=True)
class Piece:
    """One curve's piece in one stage."""

    band: Band
    marks: list[Mark]
    strokes: list[Stroke]


def pieces(stages: Sequence[MapStage], band: Band) -> list[Piece]:
    """The piece of `band`'s curve in each stage, in order."""
    marked = [[_marks(lane.name, lane.cards, band) for lane in s.lanes] for s in stages]
    lines = [next((marks for marks in lanes if marks), []) for lanes in marked]
    left, right = _edges(lines)
    made = []
    for lanes, enters, leaves in zip(marked, left, right, strict=True):
        paths = [marks for marks in lanes if marks] or [[]]  # no points: the curve passes over
        strokes = [
            Stroke(_through(marks, enters, leaves), branch=order > 0)
            for order, marks in enumerate(paths)
        ]
        _name_paths([marks[0] for marks in paths if marks and marks[0].path])
        made.append(Piece(band, [mark for marks in lanes for mark in marks], strokes))
    return made


def _through(marks: list[Mark], enters: int | None, leaves: int | None) -> list[tuple[float, int]]:
    """A path's points, from where the curve enters the stage to where it leaves it."""
    points: list[tuple[float, int]] = [(mark.x, mark.y) for mark in marks]
    if enters is not None:
        points.insert(0, (0, enters))
    if leaves is not None:
        points.append((100, leaves))
    return points


def _marks(path: str, cards: list[Card], band: Band) -> list[Mark]:
    """A point for each card of a path that has the score, at its place among the path's cards."""
    count, heights = len(cards), band.heights
    return [
        Mark(
            x=round((place + 0.5) * 100 / count, 2),
            y=heights[value - 1],
            score=value,
            label=f"{card.name} ({path})" if path else card.name,
            path=path,
        )
        for place, card in enumerate(cards)
        if (value := getattr(card, band.name)) is not None
    ]


def _edges(lines: list[list[Mark]]) -> tuple[list[int | None], list[int | None]]:
    """Where the curve crosses each stage's left and right edge (None: it does not).

    It runs from each stage with points to the next one with points, crossing the edges
    between them halfway (in height) between the last point before and the first after."""
    left: list[int | None] = [None] * len(lines)
    right: list[int | None] = [None] * len(lines)
    pointed = [number for number, line in enumerate(lines) if line]
    for before, after in itertools.pairwise(pointed):
        middle = round((lines[before][-1].y + lines[after][0].y) / 2)
        right[before] = left[after] = middle
        for number in range(before + 1, after):
            left[number] = right[number] = middle
    return left, right


def _name_paths(firsts: list[Mark]) -> None:
    """Write each path's name under its first point, lower for a path whose name would
    overlap another's."""
    taken: list[tuple[float, int]] = []
    for mark in sorted(firsts, key=lambda m: (m.x, m.y)):
        y = mark.y + 15
        while any(abs(x - mark.x) < 20 and abs(y - other) < 12 for x, other in taken):
            y += 12
        mark.path_y = y
        taken.append((mark.x, y))


# The curves' colours (contrast of 4.5:1 or more on white, for the scores written in them), and
# the grey of their titles, scales and guide lines.
COLOURS = {"emotion": "#2455c3", "effort": "#a4460a"}
MUTED = "#5b6477"
GUIDE = "#d9dee8"


def svg(stage_pieces: Sequence[Piece], said: str, drawn_height: int) -> Markup:
    """A stage's piece of the curves as inline SVG, as wide as the stage's column.

    Written here rather than in a template: a big briefing draws thousands of stages, and this
    costs a tenth of what the same markup costs through Jinja's sandbox. A team that wants
    other curves overrides `maps/curve.html.j2`, which has every value (`stage.curves`).
    """
    parts = [
        f'<svg class="stage-curve" width="100%" height="{drawn_height}" role="img"'
        f' aria-label="{escape(said)}" style="display:block;overflow:visible;margin:0 0 8px">'
    ]
    for piece in stage_pieces:
        parts.extend(_band_svg(piece))
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _band_svg(piece: Piece) -> list[str]:
    band, colour = piece.band, COLOURS[piece.band.name]
    parts = [f'<g class="{band.name}">', _frame(band)]
    for stroke in piece.strokes:
        kind, width = ("branch", 2) if stroke.branch else ("line", 2.5)
        dashes = ' stroke-dasharray="6 4"' if stroke.branch else ""
        parts.extend(
            f'<line class="{kind}" x1="{x1}%" y1="{y1}" x2="{x2}%" y2="{y2}" stroke="{colour}"'
            f' stroke-width="{width}"{dashes}/>'
            for x1, y1, x2, y2 in stroke.segments
        )
    for mark in piece.marks:
        parts.append(_mark_svg(mark, band.name, colour))
    parts.append("</g>")
    return parts


@functools.cache
def _frame(band: Band) -> str:
    """What a band shows in every stage: its title, its guide lines and its scale."""
    small = f'font-size="9" fill="{MUTED}"'
    guides = "".join(
        f'<line x1="0" y1="{y}" x2="100%" y2="{y}" stroke="{GUIDE}" stroke-dasharray="3 3"/>'
        for y in band.levels
    )
    return (
        f'<text x="2" y="{band.title_y}" font-size="10" fill="{MUTED}">{escape(band.title)}</text>'
        f"{guides}"
        f'<text x="2" y="{band.top - 2}" {small}>{band.best}</text>'
        f'<text x="2" y="{band.bottom - 2}" {small}>{band.worst}</text>'
    )


def _mark_svg(mark: Mark, kind: str, colour: str) -> str:
    """A point (a circle for emotion, a square for effort), its score written above it, and
    the name of its path below it at a path's first point."""
    title = f"<title>{escape(mark.label)}: {kind} {mark.score}/5</title>"
    if kind == "emotion":
        shape = f'<circle cx="{mark.x}%" cy="{mark.y}" r="5" fill="{colour}">{title}</circle>'
    else:
        shape = (
            f'<rect x="{mark.x}%" y="{mark.y - 4.5}" width="9" height="9"'
            f' transform="translate(-4.5 0)" fill="{colour}">{title}</rect>'
        )
    text = 'text-anchor="middle" font-weight="700"'
    shape += (
        f'<text class="score" x="{mark.x}%" y="{mark.y - 8}" {text} font-size="11"'
        f' fill="{colour}">{mark.score}</text>'
    )
    if mark.path_y is not None:
        shape += (
            f'<text class="path" x="{mark.x}%" y="{mark.path_y}" {text} font-size="10"'
            f' fill="{colour}">{escape(mark.path)}</text>'
        )
    return shape


def summary(stage_pieces: Sequence[Piece]) -> str:
    """The curves of a stage in words, for a screen reader: each point's touchpoint and score."""
    parts = []
    for piece in stage_pieces:
        points = ", ".join(f"{mark.label} {mark.score}" for mark in piece.marks)
        parts.append(f"{piece.band.title}: {points or 'no scores'}")
    return "; ".join(parts)
