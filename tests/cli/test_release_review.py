"""`cxkit review` end to end, on real git repositories made in tmp_path: the metrics of what a
change touched at its release (read from history) against now, the change's review block, the
errors a person can make; and the briefing's "Next time" section made from the review.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, write
from tests.conftest import git as run_git

OWNERS = """\
owners:
  - {id: cx, name: Customer Experience, kind: team, lead: ana}
  - {id: ana, name: Ana Rossi, kind: person, team: cx}
  - {id: bob, name: Bob Stone, kind: person, team: cx, active: false, successor: ana}
  - {id: support, name: Support, kind: team}
  - {id: telephony, name: Telephony, kind: team}
systems:
  - {id: phone-platform, name: Phone platform, owner: telephony}
personas:
  - {id: caller, name: Caller}
"""

TOUCHPOINTS = """\
touchpoints:
  - id: ivr
    name: Phone menu
    channel: phone
    owner: support
    consulted: [cx]
    systems: [phone-platform]
    metrics:
      - {name: csat, target: 70, actual: 60, unit: "%"}
      - {name: wait, target: 60, actual: 90, better: lower, unit: seconds}
      - {name: transfers, target: 10, actual: 12, better: lower}
  - id: agent
    name: Speaks with an agent
    owner: support
    channel: phone
    metrics:
      - {name: first_contact_resolution, target: 80, unit: "%"}
  - id: bill-email
    name: Bill email
    channel: email
    owner: cx
"""

JOURNEY = """\
journeys:
  - id: billing
    name: Dispute a bill
    persona: caller
    leader: ana
    metrics:
      - {name: nps, target: 30, actual: 25}
    stages:
      - {id: notice, name: Notices a charge, touchpoints: [bill-email]}
      - {id: contact, name: Gets in touch, touchpoints: [ivr, agent]}
"""

REVIEW = """\
  review:
    date: 2026-07-01
    went_well: [The callback offer was ready on the day]
    do_differently: [Ask the phone team before the plan is made]
    engaged_late: [telephony]
"""


def change(release: str | None = "2026-06-01", review: str = REVIEW) -> str:
    released = f"  release: {release}\n" if release else ""
    return (
        "change:\n"
        "  id: callback\n"
        "  title: Offer a callback\n"
        "  reason: customer\n"
        "  purpose: Fewer callers wait on the line.\n"
        "  owner: cx\n"
        f"{released}"
        "  affects:\n"
        "    touchpoints: [ivr, agent]\n"
        f"{review}"
    )


FILES = {"owners.yaml": OWNERS, "touchpoints.yaml": TOUCHPOINTS, "billing.yaml": JOURNEY}


# --- helpers ---------------------------------------------------------------------------------


def git(repo: Path, *args: str, day: str = "2026-05-20") -> str:
    """git in `repo`, its commits dated at noon (UTC) on `day`."""
    stamp = f"{day}T12:00:00+00:00"
    return run_git(
        repo, *args, env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "TZ": "UTC"}
    )


def commit(repo: Path, day: str) -> str:
    """Commit everything on `day`; the commit's short hash."""
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", f"state of {day}", day=day)
    return git(repo, "rev-parse", "--short", "HEAD").strip()


def edit(repo: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) by `new` in a workspace file."""
    path = repo / "journeys" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The line (from 1) of the one line of `path` holding `text`."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the workspace in journeys/ and the change in changes/, committed
    before the release (2026-05-20; the release is 2026-06-01)."""
    monkeypatch.setenv("TZ", "UTC")  # --before reads the release day in local time
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for name, text in FILES.items():
        write(root / "journeys", name, text)
    write(root / "changes", "callback.yaml", change())
    commit(root, "2026-05-20")
    return root


def review_json(cxkit: Run, repo: Path, *args: str) -> dict[str, Any]:
    result = cxkit("review", "changes/callback.yaml", *args, "-f", "json", cwd=repo)
    assert result.code == 0, result.err
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def metric(doc: dict[str, Any], section: str, subject: str, name: str) -> dict[str, Any]:
    (found,) = [s for s in doc[section] if s["id"] == subject]
    (measured,) = [m for m in found["metrics"] if m["name"] == name]
    return measured


# --- metrics, then and now ---------------------------------------------------------------------


def test_each_metric_moved_the_way_wanted_or_not(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "actual: 60,", "actual: 72,")  # csat up: better
    edit(repo, "touchpoints.yaml", "actual: 90,", "actual: 100,")  # wait up: worse (lower)
    edit(repo, "billing.yaml", "actual: 25", "actual: 25")  # nps: unchanged
    doc = review_json(cxkit, repo)
    csat = metric(doc, "touchpoints", "ivr", "csat")
    assert (csat["then"], csat["now"], csat["change"], csat["moved"]) == (60, 72, 12, "improved")
    assert (csat["target"], csat["on_target"]) == (70, True)
    wait = metric(doc, "touchpoints", "ivr", "wait")
    assert (wait["then"], wait["now"], wait["change"], wait["moved"]) == (90, 100, 10, "worsened")
    assert (wait["better"], wait["on_target"]) == ("lower", False)
    nps = metric(doc, "journeys", "billing", "nps")
    assert (nps["then"], nps["now"], nps["moved"]) == (25, 25, "unchanged")
    assert doc["totals"]["improved"] == 1
    assert doc["totals"]["worsened"] == 1

    text = cxkit("review", "changes/callback.yaml", cwd=repo).out
    assert (
        "Customer satisfaction (CSAT): 60% → 72%, improved by 12 points (higher is better);"
        " target 70%, on target" in text
    )
    assert "Wait: 90 seconds → 100 seconds, worsened by 10 seconds (lower is better)" in text
    assert "Net Promoter Score (NPS): 25, unchanged; target 30, off target" in text


def test_a_metric_without_a_value_or_added_or_removed_is_said_in_words(
    cxkit: Run, repo: Path
) -> None:
    edit(repo, "touchpoints.yaml", "target: 80, unit", "target: 80, actual: 70, unit")
    edit(
        repo,
        "touchpoints.yaml",
        "      - {name: transfers, target: 10, actual: 12, better: lower}\n",
        "",
    )
    edit(
        repo,
        "billing.yaml",
        "      - {name: nps",
        "      - {name: effort, target: 2}\n      - {name: nps",
    )
    doc = review_json(cxkit, repo)
    assert metric(doc, "touchpoints", "agent", "first_contact_resolution")["moved"] == (
        "not-measured-then"
    )
    assert metric(doc, "touchpoints", "ivr", "transfers")["moved"] == "removed"
    effort = metric(doc, "journeys", "billing", "effort")
    assert (effort["moved"], effort["then"], effort["now"]) == ("added", None, None)
    assert doc["totals"]["not_compared"] == 3

    text = cxkit("review", "changes/callback.yaml", cwd=repo).out
    assert "First contact resolution: 70% now, not measured then; target 80%" in text
    assert "Transfers: was 12, removed since the release; target 10" in text
    assert "Effort: not measured, added since the release; target 2" in text


def test_then_is_the_last_commit_on_or_before_the_release_date(cxkit: Run, repo: Path) -> None:
    first = git(repo, "rev-parse", "--short", "HEAD").strip()
    edit(repo, "touchpoints.yaml", "actual: 60,", "actual: 65,")
    second = commit(repo, "2026-06-10")  # after the release: not the release's state
    edit(repo, "touchpoints.yaml", "actual: 65,", "actual: 75,")  # now
    doc = review_json(cxkit, repo)
    assert doc["then"] == {
        "label": f"{first}:journeys",
        "commit": first,
        "date": "2026-05-20",
        "from_release": True,
    }
    assert metric(doc, "touchpoints", "ivr", "csat")["then"] == 60

    # A release on the day of the second commit counts that commit (the whole day is in).
    write(repo / "changes", "callback.yaml", change("2026-06-10"))
    doc = review_json(cxkit, repo)
    assert (doc["then"]["commit"], metric(doc, "touchpoints", "ivr", "csat")["then"]) == (
        second,
        65,
    )
    # --at names the release's state itself.
    doc = review_json(cxkit, repo, "--at", first)
    assert (doc["then"]["commit"], doc["then"]["from_release"]) == (first, False)
    assert metric(doc, "touchpoints", "ivr", "csat")["then"] == 60


def test_the_scope_is_the_changed_touchpoints_and_their_journeys(cxkit: Run, repo: Path) -> None:
    doc = review_json(cxkit, repo)
    assert [t["id"] for t in doc["touchpoints"]] == ["ivr", "agent"]  # bill-email: not changed
    assert [j["id"] for j in doc["journeys"]] == ["billing"]


# --- errors --------------------------------------------------------------------------------------


def test_without_a_git_repository_it_is_a_usage_error(cxkit: Run, tmp_path: Path) -> None:
    for name, text in FILES.items():
        write(tmp_path / "journeys", name, text)
    write(tmp_path / "changes", "callback.yaml", change())
    result = cxkit("review", "changes/callback.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "no git repository" in result.err
    assert "--at" in result.err
    assert "Traceback" not in result.err


def test_an_unknown_revision_is_a_usage_error(cxkit: Run, repo: Path) -> None:
    result = cxkit("review", "changes/callback.yaml", "--at", "no-such-tag", cwd=repo)
    assert result.code == 2
    assert "'no-such-tag' is neither a folder nor a git revision" in result.err


def test_no_release_date_and_no_at_is_a_usage_error(cxkit: Run, repo: Path) -> None:
    write(repo / "changes", "callback.yaml", change(release=None))
    result = cxkit("review", "changes/callback.yaml", cwd=repo)
    assert result.code == 2
    assert "has no release date" in result.err
    assert "--at REV" in result.err


def test_no_commit_on_or_before_the_release_is_a_usage_error(cxkit: Run, repo: Path) -> None:
    write(repo / "changes", "callback.yaml", change("2026-01-15"))
    result = cxkit("review", "changes/callback.yaml", cwd=repo)
    assert result.code == 2
    assert "no commit on or before the release on 2026-01-15" in result.err
    assert "the history starts on 2026-05-20" in result.err


def test_a_release_still_to_come_is_said(
    cxkit: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXKIT_TODAY", "2026-05-25")  # after the commit, before the release
    doc = review_json(cxkit, repo)
    assert [w for w in doc["warnings"] if "still to come" in w] == [
        "the release on 2026-06-01 is still to come (today is 2026-05-25): then is the last"
        " commit so far, so this shows what moved before the release; review it again after"
        " the release"
    ]
    text = cxkit("review", "changes/callback.yaml", cwd=repo).out
    assert text.splitlines()[1].startswith("Release due 2026-06-01, still to come. Then: ")
    monkeypatch.setenv("CXKIT_TODAY", "2026-06-02")
    assert not [w for w in review_json(cxkit, repo)["warnings"] if "still to come" in w]
    text = cxkit("review", "changes/callback.yaml", cwd=repo).out
    assert text.splitlines()[1].startswith("Released 2026-06-01. Then: ")


def test_a_broken_change_file_gives_its_findings_with_positions(cxkit: Run, repo: Path) -> None:
    path = write(repo / "changes", "callback.yaml", change().replace("customer", "whim"))
    result = cxkit("review", "changes/callback.yaml", cwd=repo)
    assert result.code == 1
    assert f"changes/callback.yaml:{line_of(path, 'reason:')}:11:" in result.err
    assert result.out == ""


# --- the review block -------------------------------------------------------------------------


def test_owners_engaged_late_get_raci_edits_with_file_and_line(cxkit: Run, repo: Path) -> None:
    touchpoints = repo / "journeys" / "touchpoints.yaml"
    text = cxkit("review", "changes/callback.yaml", cwd=repo).out
    assert "What went well\n  - The callback offer was ready on the day" in text
    assert "What to do differently\n  - Ask the phone team before the plan is made" in text
    # ivr has a `consulted` line to add to; agent has none, so its own line is given.
    consulted, agent = line_of(touchpoints, "consulted:"), line_of(touchpoints, "id: agent")
    assert f"add telephony to `consulted` of ivr (journeys/touchpoints.yaml:{consulted})" in text
    assert f"add telephony to `consulted` of agent (journeys/touchpoints.yaml:{agent})" in text

    doc = review_json(cxkit, repo)
    (late,) = doc["engaged_late"]
    assert late["owner"] == "telephony"
    assert [(e["touchpoint"], e["file"], e["line"]) for e in late["edits"]] == [
        ("ivr", "journeys/touchpoints.yaml", consulted),
        ("agent", "journeys/touchpoints.yaml", agent),
    ]


def test_an_owner_engaged_late_who_left_is_replaced_by_their_successor(
    cxkit: Run, repo: Path
) -> None:
    edit(repo, "touchpoints.yaml", "consulted: [cx]", "consulted: [ana]")
    write(repo / "changes", "callback.yaml", change(review=REVIEW.replace("telephony", "bob")))
    doc = review_json(cxkit, repo)
    (late,) = doc["engaged_late"]
    assert late["owner"] == "bob"
    assert [e["add"] for e in late["edits"]] == ["ana"]  # never someone who left
    assert late["already_named"] == ["ivr"]


def test_without_a_review_it_says_how_to_write_one(cxkit: Run, repo: Path) -> None:
    write(repo / "changes", "callback.yaml", change(review=""))
    result = cxkit("review", "changes/callback.yaml", cwd=repo)
    assert result.code == 0, result.err
    assert "No review yet." in result.out
    assert "    engaged_late: [owner-id]" in result.out
    assert review_json(cxkit, repo)["review"] is None


# --- formats ---------------------------------------------------------------------------------


def test_the_json_document_is_versioned_and_says_what_wrote_it(cxkit: Run, repo: Path) -> None:
    doc = review_json(cxkit, repo)
    assert (doc["version"], doc["kind"], doc["tool"]["name"]) == (1, "release-review", "cxkit")
    assert list(doc) == [
        "version",
        "kind",
        "tool",
        "change",
        "then",
        "now",
        "totals",
        "touchpoints",
        "journeys",
        "review",
        "engaged_late",
        "warnings",
    ]
    assert doc["change"] == {
        "id": "callback",
        "title": "Offer a callback",
        "owner": "cx",
        "release": "2026-06-01",
    }
    assert doc["review"]["engaged_late"] == ["telephony"]
    assert set(doc["touchpoints"][0]) == {"id", "name", "present", "metrics"}


def test_markdown_shows_hostile_names_as_text(cxkit: Run, repo: Path) -> None:
    edit(repo, "touchpoints.yaml", "name: Phone menu", "name: '[win](https://evil.example) @all'")
    hostile = REVIEW.replace("The callback offer", "<script>x</script> *so* good")
    write(repo / "changes", "callback.yaml", change(review=hostile))
    result = cxkit("review", "changes/callback.yaml", "-f", "markdown", cwd=repo)
    assert result.code == 0, result.err
    assert "[win](https://evil.example)" not in result.out  # no link
    assert "\\[win\\](https://evil.example)" in result.out
    assert "@all" not in result.out  # kept from mentioning anyone
    assert "<script>" not in result.out
    assert "&lt;script&gt;x&lt;/script&gt; \\*so\\* good" in result.out
    assert "## Review of `callback`: Offer a callback" in result.out


def test_output_goes_to_a_file(cxkit: Run, repo: Path) -> None:
    result = cxkit("review", "changes/callback.yaml", "-o", "review.md", "-f", "markdown", cwd=repo)
    assert (result.code, result.out) == (0, "")
    assert (repo / "review.md").read_text().startswith("## Review of `callback`")


# --- render: the briefing's Next time section ----------------------------------------------------


def test_render_fills_next_time_from_the_review(cxkit: Run, repo: Path) -> None:
    hostile = REVIEW.replace("The callback offer", "<b>The</b> callback offer")
    write(repo / "changes", "callback.yaml", change(review=hostile))
    result = cxkit("render", "changes/callback.yaml", "-o", "with", cwd=repo)
    assert result.code == 0, result.err
    md = (repo / "with" / "index.md").read_text().split("## Next time", 1)[1]
    assert "What the review of 2026-07-01 found" in md
    assert "### What went well\n\n- &lt;b&gt;The&lt;/b&gt; callback offer was ready" in md
    assert "### What to do differently\n\n- Ask the phone team before the plan is made" in md
    assert "- **Telephony**: add them to the RACI of these touchpoints" in md
    assert "  - Phone menu\n  - Speaks with an agent\n" in md
    html = (repo / "with" / "index.html").read_text().split("<h2>Next time</h2>", 1)[1]
    assert "<li>&lt;b&gt;The&lt;/b&gt; callback offer was ready on the day</li>" in html
    assert "<b>Telephony</b>: add them to the RACI" in html
    assert "<li>Phone menu</li><li>Speaks with an agent</li>" in html

    # Without a review, the section keeps its questions for the review.
    write(repo / "changes", "callback.yaml", change(review=""))
    result = cxkit("render", "changes/callback.yaml", "-o", "without", cwd=repo)
    assert result.code == 0, result.err
    md = (repo / "without" / "index.md").read_text().split("## Next time", 1)[1]
    assert "Did the metrics of the changed touchpoints move the way we wanted?" in md
    assert "What went well" not in md
