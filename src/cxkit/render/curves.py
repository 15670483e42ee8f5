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

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxkit.render.maps import Card, MapStage

# Heights in pixels, the same at every width: a band of the chart per curve.
BAND_HEIGHT = 40  # from the best score to the worst, a tenth of it per step
BAND_TITLE = 12  # room above a band for its title
BAND_HEADROOM = 22  # room between the title and the band, for a point's score above it
BAND_FOOT = 20  # room below a band, for the name of a path written under a point


@dataclass(frozen=True, slots=True)
class Band:
    """Where one curve is drawn in every stage's piece, and which way up."""

    name: str  # "emotion" or "effort"
    title: str  # what the band's title says
    best: int  # the score drawn at the top: 5 for emotion, 1 for effort
    top: int  # y of the best score

    @property
    def bottom(self) -> int:
        return self.top + BAND_HEIGHT

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
        return self.top + round(BAND_HEIGHT * abs(self.best - score) / 4)


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
        made.append(Band(name, title, best, top))
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
    score: Callable[[Card], int | None] = _SCORES[band.name]
    marked = [[_marks(lane.name, lane.cards, band, score) for lane in s.lanes] for s in stages]
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


_SCORES: dict[str, Callable[[Card], int | None]] = {
    "emotion": lambda card: card.emotion,
    "effort": lambda card: card.effort,
}


def _marks(
    path: str, cards: list[Card], band: Band, score: Callable[[Card], int | None]
) -> list[Mark]:
    """A point for each card of a path that has the score, at its place among the path's cards."""
    return [
        Mark(
            x=round((place + 0.5) * 100 / len(cards), 2),
            y=band.y(value),
            score=value,
            label=f"{card.name} ({path})" if path else card.name,
            path=path,
        )
        for place, card in enumerate(cards)
        if (value := score(card)) is not None
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


def summary(stage_pieces: Sequence[Piece]) -> str:
    """The curves of a stage in words, for a screen reader: each point's touchpoint and score."""
    parts = []
    for piece in stage_pieces:
        points = ", ".join(f"{mark.label} {mark.score}" for mark in piece.marks)
        parts.append(f"{piece.band.title}: {points or 'no scores'}")
    return "; ".join(parts)
