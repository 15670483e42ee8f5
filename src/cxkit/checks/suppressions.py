"""Inline suppressions: comments in workspace files that hide findings on one line.

    owner: billing        # cxkit: disable-line owner-inactive
    # cxkit: disable-next-line touchpoint-unowned, touchpoint-unmeasured -- owned by the vendor
    - {id: partner-portal, name: Partner portal}

A directive names the line it hides (its own, or the next) and the rules it hides there, by id,
separated by commas; naming none hides every rule. Text after ` -- ` is a reason for readers.
Any rule can be suppressed, format checks included, as in yamllint: a suppressed format error
still means the file breaks the format, so suppress one only with a reason.

The comments of a file that cannot be read as a whole (a YAML syntax error, a second document)
hide nothing: the problem that stopped the reading stands for every finding the file would have.

A suppression that hides nothing is a `suppression-unused` finding; a comment that cannot be
understood (an unknown directive or rule id) is a `suppression-invalid` finding. Both are made
after the suppressions are applied, so comments cannot hide them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cxkit.checks.findings import Finding, Location
from cxkit.checks.rules import RULES, suppression_invalid, suppression_unused
from cxkit.model.suggest import suggest
from cxkit.source.document import Comment, YamlDocument

# Each directive, and which line it hides: the comment's own line plus this many.
DIRECTIVES: dict[str, int] = {"disable-line": 0, "disable-next-line": 1}
UNUSED = suppression_unused.ID
INVALID = suppression_invalid.ID
_NOT_SUPPRESSIBLE = frozenset({UNUSED, INVALID})

_DIRECTIVE = re.compile(r"#[ \t]*cxkit:[ \t]*(?P<directive>[^\s,]*)(?P<rest>.*)")
_REASON = re.compile(r"(?:^|[ \t])--(?:[ \t]|$)")
_RULE_ID = re.compile(r"[^\s,]+")


@dataclass(slots=True)
class Suppression:
    """One directive: where it is written, the line it hides, and the rules it names.

    `rules` maps each rule id named to the column where it is written; `every_rule` is a
    directive that names none. `used` collects the rules that hid a finding.
    """

    at: Location
    line: int
    rules: dict[str, int]
    every_rule: bool
    used: set[str] = field(default_factory=set)

    def hides(self, finding: Finding) -> bool:
        return self.every_rule or finding.rule in self.rules


@dataclass(slots=True)
class Outcome:
    """The findings left after suppressions, how many were hidden, and the findings about the
    suppressions themselves."""

    kept: list[Finding]
    suppressed: int = 0
    problems: list[Finding] = field(default_factory=list)


def apply_suppressions(
    findings: list[Finding], documents: Iterable[YamlDocument], off: frozenset[str] = frozenset()
) -> Outcome:
    """Hide the findings that a comment suppresses; report comments that hide nothing.

    `off` holds the rules turned off in the config: a suppression naming one hides nothing, and
    says why.
    """
    problems: list[Finding] = []
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    for doc in documents:
        if doc.data is None:
            # The file could not be read (a syntax error, a second document): its problem stands
            # for the whole file, every finding it would have had included, so a comment on
            # one line must not hide it. Nor can its comments be trusted as comments.
            continue
        for comment in doc.comments:
            suppression = parse_comment(doc.path, comment, problems)
            if suppression is not None:
                by_line.setdefault((doc.path, suppression.line), []).append(suppression)
    if not by_line:
        return Outcome(findings, 0, problems)
    outcome = Outcome(kept=[], problems=problems)
    for finding in findings:
        if _suppress(finding, by_line.get((finding.path, finding.line), ())):
            outcome.suppressed += 1
        else:
            outcome.kept.append(finding)
    for suppressions in by_line.values():
        for suppression in suppressions:
            problems.extend(_unused(suppression, off))
    return outcome


def _suppress(finding: Finding, suppressions: Iterable[Suppression]) -> bool:
    hiding = [s for s in suppressions if s.hides(finding)]
    for suppression in hiding:
        suppression.used.add(finding.rule)
    return bool(hiding)


def parse_comment(path: str, comment: Comment, problems: list[Finding]) -> Suppression | None:
    """The suppression a `# cxkit:` comment states; what it gets wrong goes to `problems`."""
    at = Location(path, comment.line, comment.column)
    match = _DIRECTIVE.match(comment.text)
    if match is None:  # the reader only keeps comments that start `# cxkit:`
        return None
    directive = match["directive"]
    if directive not in DIRECTIVES:
        problems.append(Finding(at, INVALID, _unknown_directive(directive)))
        return None
    rest = match["rest"]
    reason = _REASON.search(rest)
    listed = rest[: reason.start()] if reason else rest
    offset = comment.column + match.start("rest")
    rules: dict[str, int] = {}
    for named in _RULE_ID.finditer(listed):
        rule_id, column = named.group(), offset + named.start()
        problem = _rule_problem(rule_id)
        if problem:
            problems.append(Finding(Location(path, comment.line, column), INVALID, problem))
        else:
            rules.setdefault(rule_id, column)
    if not rules and _RULE_ID.search(listed):
        return None  # every rule it named is wrong: reported, and it must not hide everything
    return Suppression(at, comment.line + DIRECTIVES[directive], rules, every_rule=not rules)


def _unknown_directive(directive: str) -> str:
    known = ", ".join(DIRECTIVES)
    if not directive:
        return f"a cxkit comment needs a directive: {known}"
    hint = suggest(directive, list(DIRECTIVES))
    return f"unknown cxkit directive '{directive}'{hint}; the directives are {known}"


def _rule_problem(rule_id: str) -> str:
    if rule_id in _NOT_SUPPRESSIBLE:
        return f"'{rule_id}' cannot be suppressed by a comment; turn it off in .cxkit.yaml"
    if rule_id not in RULES:
        return f"unknown rule '{rule_id}'{suggest(rule_id, list(RULES))} in the suppression"
    return ""


def _unused(suppression: Suppression, off: frozenset[str]) -> Iterable[Finding]:
    where = "this line" if suppression.line == suppression.at.line else "the next line"
    if suppression.every_rule:
        if not suppression.used:
            yield Finding(
                suppression.at,
                UNUSED,
                f"this suppression hides nothing: no finding on {where}; remove it",
            )
        return
    for rule_id, column in suppression.rules.items():
        if rule_id in suppression.used:
            continue
        why = (
            f"'{rule_id}' is off in the config"
            if rule_id in off
            else f"'{rule_id}' is not reported on {where}"
        )
        yield Finding(
            Location(suppression.at.path, suppression.at.line, column),
            UNUSED,
            f"{why}, so suppressing it hides nothing; remove it from the comment",
        )
