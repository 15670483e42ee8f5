"""What an owner holds, for a person at a terminal: one section per part they play (a RACI
role on touchpoints, journeys led, systems run, teams led, change files owned), each thing on
a line with what matters of it; for someone who left, who takes it over; for a team, what its
people hold.

The phrases are made here once: the Markdown report says the same."""

from __future__ import annotations

from typing import TextIO

from cxkit.analysis.holdings import PARTS, Held, HeldKind, Holder, OwnerReport, Role
from cxkit.analysis.people import Contact
from cxkit.report.styled import write_styled

# How each part reads before what it is played on, and what those things are called.
PART_WORDS: dict[tuple[HeldKind, Role], tuple[str, str]] = {
    ("touchpoint", "accountable"): ("Accountable (A) for", "touchpoint"),
    ("touchpoint", "responsible"): ("Responsible (R) for", "touchpoint"),
    ("touchpoint", "consulted"): ("Consulted (C) on", "touchpoint"),
    ("touchpoint", "informed"): ("Informed (I) of", "touchpoint"),
    ("journey", "experience leader"): ("Experience leader of", "journey"),
    ("system", "owner"): ("Runs", "system"),
    ("team", "lead"): ("Leads", "team"),
    ("change", "owner"): ("Owns", "change file"),
}


def write(report: OwnerReport, out: TextIO, *, color: bool) -> None:
    lines = [(f"Owner {title(report.holder.owner)}", "bold"), (about(report.holder.owner), "")]
    lines += [(text, "bold yellow") for text in handover(report.holder)]
    lines += _sections(report.holder, "")
    if report.holder.owner.kind == "team":
        lines += [("", ""), (people_heading(report), "bold")]
        for n, member in enumerate(report.members):
            lines += [("", "")] if n else []
            lines += [(f"  {title(member.owner)}", "bold"), (f"    {about(member.owner)}", "")]
            lines += [(f"    {text}", "yellow") for text in handover(member)]
            lines += _sections(member, "    ", blank=False) or [("    holds no role", "dim")]
    lines += [("", ""), (summary(report), "bold")]
    lines += [(f"warning: {text}", "yellow") for text in report.warnings]
    write_styled(lines, out, color=color)


def _sections(holder: Holder, indent: str, *, blank: bool = True) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for part in PARTS:
        held = holder.of(part)
        if not held:
            continue
        if blank:
            lines.append(("", ""))
        lines.append((f"{indent}{heading(part, len(held))}", "bold" if blank else ""))
        lines += [(f"{indent}  {item(h)}", "") for h in held]
    return lines


# --- phrases, shared with the Markdown report -------------------------------------------------


def title(owner: Contact) -> str:
    """`raj-patel: Raj Patel`."""
    return f"{owner.id}: {owner.name}"


def about(owner: Contact) -> str:
    """`person, team telephony, raj.patel@...` or `team (support), lead sofia-marin, #cc`."""
    parts = [owner.kind if not owner.function else f"{owner.kind} ({owner.function})"]
    if owner.team:
        parts.append(f"team {owner.team}")
    if owner.lead_for and not owner.lead:
        parts.append(f"lead {owner.lead_for} left with no successor")
    elif owner.lead_for:
        parts.append(f"lead {owner.lead} (for {owner.lead_for}, who left)")
    elif owner.lead:
        parts.append(f"lead {owner.lead}")
    if owner.contact:
        parts.append(owner.contact)
    return ", ".join(parts)


def heading(part: tuple[HeldKind, Role], n: int) -> str:
    """`Consulted (C) on 2 touchpoints`, `Leads 1 team`."""
    words, noun = PART_WORDS[part]
    return f"{words} {count(n, noun)}"


def item(held: Held) -> str:
    """One thing held, with what matters of it: `ivr-menu (Phone menu): moment of truth; ...`."""
    notes = details(held)
    return f"{held.id} ({held.name})" + (f": {'; '.join(notes)}" if notes else "")


def details(held: Held) -> list[str]:
    """What matters of a thing held, beyond its id and name."""
    notes = []
    if held.moment_of_truth:
        notes.append("moment of truth")
    if held.kind == "touchpoint":
        notes.append(on_journeys(held.journeys))
    if held.release:
        notes.append(f"release {held.release}")
    if held.file:
        notes.append(held.file)
    if held.taken_from:
        notes.append(f"taken over from {' → '.join(held.taken_from)}, who left")
    return notes


def on_journeys(journeys: tuple[str, ...]) -> str:
    if not journeys:
        return "on no journey"
    return f"on {count(len(journeys), 'journey')}: {', '.join(journeys)}"


def handover(holder: Holder) -> list[str]:
    """For someone who left: who takes over what they held, or that nobody does."""
    left = holder.handover
    if left is None:
        return []
    if not holder.held:
        return ["Left (active: false); holds no role, so nothing passes on."]
    if left.to is not None:
        chain = left.taker.through
        who = f"{left.to.id} ({left.to.name})"
        if not chain:
            return [f"Left (active: false): everything below passes to {who}, their successor."]
        successors = "successor" if len(chain) == 1 else "successors"
        return [
            f"Left (active: false): everything below passes to {who},"
            f" as {successors} {', '.join(chain)} left too."
        ]
    said = [
        f"Left (active: false); {left.taker.phrase()}: nobody holds what is below."
        f" Name a successor for {holder.owner.id}, or hand each to someone who is here."
    ]
    if left.team:
        said.append(f"Meanwhile, reach them through team {left.team}.")
    return said


def people_heading(report: OwnerReport) -> str:
    n = len(report.members)
    if not n:
        return "Through its people: nobody names this team as theirs"
    if n == 1:
        return "Through its people: what its 1 member holds"
    return f"Through its people: what its {n} members hold"


def summary(report: OwnerReport) -> str:
    """`Holds 3 roles: 2 touchpoints (1 moment of truth), 1 team; ...`."""
    said = holds(report.holder.held)
    taken = sum(1 for h in report.holder.held if h.taken_from)
    if taken:
        said += f"; {taken} of them taken over from people who left"
    if report.holder.owner.kind == "team" and report.members:
        # Those who left hold nothing in practice: what they held is counted where it went.
        more = sum(len(m.held) for m in report.members if m.owner.active)
        said += (
            f". Its people hold {count(more, 'role')} more" if more else ". Its people hold none"
        )
    if report.changes_folder is None:
        said += ". No change files folder, so no change file is listed"
    return said + "."


def holds(held: list[Held]) -> str:
    if not held:
        return "Holds no role"
    touchpoints = {h.id for h in held if h.kind == "touchpoint"}
    moments = {h.id for h in held if h.kind == "touchpoint" and h.moment_of_truth}
    kinds = []
    if touchpoints:
        mot = f" ({count(len(moments), 'moment of truth', 'moments of truth')})" if moments else ""
        kinds.append(count(len(touchpoints), "touchpoint") + mot)
    for kind, noun in _NOUNS:
        n = sum(1 for h in held if h.kind == kind)
        if n:
            kinds.append(count(n, noun))
    return f"Holds {count(len(held), 'role')}: {', '.join(kinds)}"


_NOUNS = (("journey", "journey"), ("system", "system"), ("team", "team"), ("change", "change file"))


def count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
