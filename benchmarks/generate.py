"""Generate a deterministic workspace of a given size, for benchmarks.

    python -m benchmarks.generate 20000 OUT/    # 20,000 touchpoints below OUT/journeys/
    python -m benchmarks.generate 20000 OUT/ --journeys-per-file 2   # many small files

The shape follows a real estate of journeys: teams and people, systems, a shared touchpoints
file, journeys of five stages in files of ten, about one touchpoint in ten shared across
journeys, one in twenty unowned, moments of truth, metrics (some off target), and a change file
that affects a system and a channel. Every rule has something to find.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CHANNELS = ("web", "app", "email", "phone", "chat", "store", "mail", "sms")
JOURNEYS_PER_FILE = 10
# The many-small-files layout: about 40 touchpoints a file, 503 files at 20k.
SMALL_FILES_JOURNEYS = 2
STAGES = 5
TOUCHPOINTS_PER_STAGE = 4


def _owners(teams: int) -> str:
    lines = ["owners:"]
    for t in range(teams):
        lines.append(
            f"  - {{id: team-{t}, name: Team {t}, kind: team, function: support,"
            f" lead: person-{t}, contact: team-{t}@example.com}}"
        )
        active = "false" if t % 97 == 5 else "true"
        lines.append(
            f"  - {{id: person-{t}, name: Person {t}, kind: person, team: team-{t},"
            f" active: {active}}}"
        )
    return "\n".join(lines) + "\n"


def _systems(count: int, teams: int) -> str:
    lines = ["systems:"]
    for s in range(count):
        lines.append(f"  - {{id: system-{s}, name: System {s}, owner: team-{s % teams}}}")
    return "\n".join(lines) + "\n"


def _touchpoint(rng: random.Random, ident: str, teams: int, systems: int, indent: str) -> list[str]:
    owner = rng.randrange(teams)
    lines = [
        f"{indent}- id: {ident}",
        f"{indent}  name: The customer meets {ident}",
        f"{indent}  channel: {rng.choice(CHANNELS)}",
    ]
    if rng.random() > 0.05:
        lines.append(f"{indent}  owner: team-{owner}")
    lines += [
        f"{indent}  responsible: [team-{(owner + 1) % teams}]",
        f"{indent}  consulted: [team-{(owner + 2) % teams}]",
        f"{indent}  informed: [person-{(owner + 3) % teams}]",
        f"{indent}  systems: [system-{rng.randrange(systems)}]",
        f"{indent}  emotion: {rng.randint(1, 5)}",
        f"{indent}  effort: {rng.randint(1, 5)}",
    ]
    if rng.random() < 0.1:
        lines.append(f"{indent}  moment_of_truth: true")
    if rng.random() < 0.3:
        lines.append(f"{indent}  pain_points: [Waits too long, Has to repeat the story]")
    if rng.random() < 0.9:
        actual = round(rng.uniform(50, 95), 1)
        lines.append(f"{indent}  metrics:")
        lines.append(f"{indent}    - {{name: csat, target: 80, actual: {actual}, unit: '%'}}")
    return lines


def generate(touchpoints: int, out: Path, journeys_per_file: int = JOURNEYS_PER_FILE) -> Path:
    """Write a workspace with about `touchpoints` touchpoints into out/journeys, journeys in
    files of `journeys_per_file`; return it."""
    rng = random.Random(touchpoints)
    root = out / "journeys"
    root.mkdir(parents=True, exist_ok=True)
    teams = max(10, touchpoints // 100)
    systems = max(5, touchpoints // 200)
    (root / "owners.yaml").write_text(_owners(teams))
    (root / "systems.yaml").write_text(_systems(systems, teams))
    shared_count = touchpoints // 10
    shared = [f"shared-{i}" for i in range(shared_count)]
    lines = ["touchpoints:"]
    for ident in shared:
        lines += _touchpoint(rng, ident, teams, systems, "  ")
    (root / "touchpoints.yaml").write_text("\n".join(lines) + "\n")
    per_journey = STAGES * TOUCHPOINTS_PER_STAGE
    journeys = max(1, (touchpoints - shared_count) // (per_journey - 2))
    made = 0
    for first in range(0, journeys, journeys_per_file):
        lines = ["journeys:"]
        for j in range(first, min(first + journeys_per_file, journeys)):
            lines += [
                f"  - id: journey-{j}",
                f"    name: Journey {j}",
                f"    leader: person-{j % teams}",
                "    goal: The customer gets it done",
                "    metrics:",
                "      - {name: nps, target: 30, actual: 25}",
                "    stages:",
            ]
            for s in range(STAGES):
                lines += [
                    f"      - id: stage-{s}",
                    f"        name: Stage {s}",
                    "        touchpoints:",
                ]
                for t in range(TOUCHPOINTS_PER_STAGE):
                    if shared and (s * TOUCHPOINTS_PER_STAGE + t) % 10 == 3:
                        lines.append(f"          - {rng.choice(shared)}")
                    else:
                        lines += _touchpoint(rng, f"tp-{j}-{s}-{t}", teams, systems, "          ")
                        made += 1
        (root / f"journeys-{first // journeys_per_file:04d}.yaml").write_text(
            "\n".join(lines) + "\n"
        )
    (out / "change.yaml").write_text(
        "change:\n  id: bench-change\n  title: Replace a platform\n  reason: technology\n"
        "  purpose: Benchmark change\n  owner: team-0\n  release: 2026-12-15\n"
        "  affects:\n    systems: [system-1]\n    channels: [sms]\n"
    )
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a deterministic workspace of about N touchpoints to OUT/journeys.",
    )
    parser.add_argument("touchpoints", type=int, metavar="N", help="how many touchpoints")
    parser.add_argument("out", type=Path, metavar="OUT", help="the folder to write into")
    parser.add_argument(
        "--journeys-per-file",
        type=int,
        default=JOURNEYS_PER_FILE,
        metavar="K",
        help=f"journeys in each journeys file (default {JOURNEYS_PER_FILE};"
        f" {SMALL_FILES_JOURNEYS} makes the many-small-files layout)",
    )
    args = parser.parse_args(argv)
    if args.touchpoints < 1 or args.journeys_per_file < 1:
        parser.error("N and K must be at least 1")
    try:
        generate(args.touchpoints, args.out, args.journeys_per_file)
    except OSError as exc:  # OUT is a file, or not writable, or the disk is full
        parser.exit(2, f"{parser.prog}: error: cannot write {exc.filename}: {exc.strerror}\n")


if __name__ == "__main__":
    main()
