"""`cxkit calendar [FOLDER]` (issue 19, collisions): the waves and releases of every change file,
and the changes that collide on a touchpoint, a moment of truth or a team.

Every test runs the real CLI on real files: the example workspace with change files written for
the test, or the repository's own changes/ folder. With the default waves (21, 14, 7, 0 days), a
change's window is the 22 days from release - 21 to the release, both included."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest

from cxkit import __version__
from tests.conftest import CHANGES, EXAMPLE, ROOT, Result, Run, write


def change_file(
    folder: Path,
    ident: str,
    release: str | None,
    *,
    touchpoints: tuple[str, ...] = (),
    title: str = "",
    owner: str = "telephony",
) -> Path:
    """A valid change file naming `touchpoints`; `title` written as a YAML double-quoted string
    (JSON's strings are), so any text can be given."""
    when = f"  release: {release}\n" if release else ""
    return write(
        folder,
        f"{ident}.yaml",
        "change:\n"
        f"  id: {ident}\n"
        f"  title: {json.dumps(title or f'Change {ident}', ensure_ascii=False)}\n"
        "  reason: technology\n"
        "  purpose: Shorter queues.\n"
        f"  owner: {owner}\n"
        f"{when}"
        f"  affects: {{touchpoints: [{', '.join(touchpoints)}]}}\n"
        "  customer_message: We will tell you.\n",
    )


def calendar(cxkit: Run, folder: Path, *args: str | Path) -> Result:
    return cxkit("calendar", folder, "-w", EXAMPLE, "--no-color", *args)


def document(cxkit: Run, folder: Path, *args: str | Path) -> dict[str, Any]:
    result = calendar(cxkit, folder, "-f", "json", *args)
    assert result.code in (0, 1), result.err
    found: dict[str, Any] = json.loads(result.out)
    return found


def conflicts(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in doc["conflicts"] if c["kind"] == kind]


# --- the three kinds of conflict, each with its near miss ---------------------------------------


def test_two_changes_of_one_touchpoint_within_14_days_collide(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(tmp_path, "bill-b", "2027-05-15", touchpoints=("final-bill",))
    doc = document(cxkit, tmp_path)
    (found,) = conflicts(doc, "same-touchpoint")
    assert found["changes"] == ["bill-a", "bill-b"]
    assert found["shared"] == {
        "kind": "touchpoint",
        "id": "final-bill",
        "name": "My final bill",
    }
    assert (found["releases"], found["days_apart"]) == (["2027-05-01", "2027-05-15"], 14)
    text = calendar(cxkit, tmp_path)
    assert text.code == 0, text.err
    assert (
        "same touchpoint: bill-a and bill-b both change touchpoint final-bill (My final"
        " bill) directly; releases 2027-05-01 and 2027-05-15, 14 days apart" in text.out
    )


def test_releases_15_days_apart_are_no_touchpoint_conflict(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(tmp_path, "bill-b", "2027-05-16", touchpoints=("final-bill",))
    doc = document(cxkit, tmp_path)
    assert conflicts(doc, "same-touchpoint") == []
    # Their windows still overlap: the moment of truth both change is still a conflict.
    assert "final-bill" in [c["shared"]["id"] for c in conflicts(doc, "moment-of-truth")]


def test_the_config_sets_how_many_days_apart_collide(cxkit: Run, tmp_path: Path) -> None:
    folder = tmp_path / "changes"
    change_file(folder, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(folder, "bill-b", "2027-05-16", touchpoints=("final-bill",))
    config = write(tmp_path, "cxkit.yaml", "calendar:\n  conflict_days: 15\n")
    doc = document(cxkit, folder, "-c", config)
    assert doc["conflict_days"] == 15
    assert [c["days_apart"] for c in conflicts(doc, "same-touchpoint")] == [15]
    text = calendar(cxkit, folder, "-c", config)
    assert "15 days apart (at most 15 collide)" in text.out

    write(tmp_path, "cxkit.yaml", "calendar:\n  conflict_days: 0\n")
    refused = calendar(cxkit, folder, "-c", config)
    assert refused.code == 2
    assert (
        "cxkit.yaml:2:18: conflict_days: expected a number of days, 1 or more, got 0" in refused.err
    )


# ivr-menu and identity-check share no touchpoint, but the customer meets agent-call (a moment
# of truth) right after either of them.
def test_a_moment_of_truth_both_reach_in_overlapping_windows(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "menu", "2027-05-01", touchpoints=("ivr-menu",))
    change_file(tmp_path, "check", "2027-05-22", touchpoints=("identity-check",))
    doc = document(cxkit, tmp_path)
    assert conflicts(doc, "same-touchpoint") == []
    shared = {c["shared"]["id"]: c for c in conflicts(doc, "moment-of-truth")}
    assert "agent-call" in shared
    found = shared["agent-call"]
    assert found["changes"] == ["menu", "check"]
    assert found["shared"]["kind"] == "moment of truth"
    assert found["windows"] == [
        {"start": "2027-04-10", "end": "2027-05-01"},
        {"start": "2027-05-01", "end": "2027-05-22"},
    ]
    assert found["overlap"] == {"start": "2027-05-01", "end": "2027-05-01"}  # one day shared
    text = calendar(cxkit, tmp_path)
    assert (
        "moment of truth: menu and check both reach moment of truth agent-call (Talking to"
        " someone who can sort it out); their windows (2027-04-10 to 2027-05-01, 2027-05-01 to"
        " 2027-05-22) overlap from 2027-05-01 to 2027-05-01" in text.out
    )


def test_windows_a_day_apart_share_no_moment_of_truth(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "menu", "2027-05-01", touchpoints=("ivr-menu",))
    change_file(tmp_path, "check", "2027-05-23", touchpoints=("identity-check",))
    doc = document(cxkit, tmp_path)
    assert doc["conflicts"] == []
    assert calendar(cxkit, tmp_path).out.rstrip().endswith("No conflicts.")


# engineer-booking (moving home) and equipment-return (leaving) are both held by field
# operations, with no moment of truth in common.
def test_one_team_asked_to_act_by_two_changes_at_once(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "booking", "2027-05-01", touchpoints=("engineer-booking",))
    change_file(tmp_path, "returns", "2027-05-10", touchpoints=("equipment-return",))
    doc = document(cxkit, tmp_path)
    assert conflicts(doc, "same-touchpoint") == conflicts(doc, "moment-of-truth") == []
    teams = {c["shared"]["id"]: c for c in conflicts(doc, "same-team")}
    found = teams["field-operations"]
    assert found["changes"] == ["booking", "returns"]
    assert found["shared"] == {"kind": "team", "id": "field-operations", "name": "Field Operations"}
    # Field operations is accountable in both, so asked from wave 1, 21 days before.
    assert found["windows"] == [
        {"start": "2027-04-10", "end": "2027-05-01"},
        {"start": "2027-04-19", "end": "2027-05-10"},
    ]
    assert found["overlap"] == {"start": "2027-04-19", "end": "2027-05-01"}
    text = calendar(cxkit, tmp_path)
    assert (
        "same team: booking and returns both ask team field-operations (Field Operations) to"
        " act: booking from 2027-04-10 to 2027-05-01, returns from 2027-04-19 to 2027-05-10;"
        " overlapping from 2027-04-19 to 2027-05-01" in text.out
    )


def test_a_team_asked_in_windows_that_do_not_meet_is_no_conflict(
    cxkit: Run, tmp_path: Path
) -> None:
    change_file(tmp_path, "booking", "2027-05-01", touchpoints=("engineer-booking",))
    change_file(tmp_path, "returns", "2027-05-23", touchpoints=("equipment-return",))
    assert document(cxkit, tmp_path)["conflicts"] == []


# --- the timeline -------------------------------------------------------------------------------


def test_waves_are_dated_as_render_dates_them(cxkit: Run, tmp_path: Path) -> None:
    folder = tmp_path / "changes"
    path = change_file(folder, "menu", "2027-05-01", touchpoints=("ivr-menu",))
    config = write(
        tmp_path,
        "cxkit.yaml",
        "render:\n  waves: {stakeholders: 30, teams: 10, informed: 3, customers: 1}\n",
    )
    doc = document(cxkit, folder, "-c", config)
    (menu,) = doc["changes"]
    dates = [(w["number"], w["date"], w["days_before"]) for w in menu["waves"]]
    assert dates == [(1, "2027-04-01", 30), (2, "2027-04-21", 10), (3, "2027-04-28", 3),
                     (4, "2027-04-30", 1)]  # fmt: skip
    assert menu["window"] == {"start": "2027-04-01", "end": "2027-05-01"}
    rendered = cxkit("render", path, "-w", EXAMPLE, "-c", config, "-o", tmp_path / "pack")
    assert rendered.code == 0, rendered.err
    index = (tmp_path / "pack" / "index.md").read_text(encoding="utf-8")
    for _, date, _ in dates:
        assert date in index


def test_a_change_without_a_release_date_is_unscheduled(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(tmp_path, "someday", None, touchpoints=("final-bill",), title="One day, maybe")
    doc = document(cxkit, tmp_path)
    assert doc["conflicts"] == []
    someday = next(c for c in doc["changes"] if c["id"] == "someday")
    assert (someday["release"], someday["window"]) == (None, None)
    assert {w["date"] for w in someday["waves"]} == {None}
    text = calendar(cxkit, tmp_path)
    assert "Unscheduled (no release date, so in no date-based conflict)" in text.out
    assert f"  someday: One day, maybe ({(tmp_path / 'someday.yaml').as_posix()})" in text.out
    assert "someday" not in text.out.split("Timeline")[1].split("Unscheduled")[0]
    ics = calendar(cxkit, tmp_path, "-f", "ics")
    assert "someday" not in ics.out and "bill-a-release@cxkit" in ics.out


# --- exit codes and broken files ----------------------------------------------------------------


def test_fail_on_conflict_exits_1_only_when_there_is_one(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(tmp_path, "bill-b", "2027-05-08", touchpoints=("final-bill",))
    assert calendar(cxkit, tmp_path).code == 0  # shown, not failed
    assert calendar(cxkit, tmp_path, "--fail-on", "conflict").code == 1
    (tmp_path / "bill-b.yaml").unlink()
    assert calendar(cxkit, tmp_path, "--fail-on", "conflict").code == 0
    refused = calendar(cxkit, tmp_path, "--fail-on", "overlap")
    assert refused.code == 2 and "--fail-on" in refused.err


def test_a_broken_change_file_is_reported_and_the_others_read(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "good", "2027-05-01", touchpoints=("final-bill",))
    write(tmp_path, "a-yaml-error.yaml", "change:\n  id: x\n  title: [\n")
    body = "  reason: market\n  purpose: p\n  owner: billing\n  affects: {touchpoints: [%s]}\n"
    write(tmp_path, "b-no-title.yml", "change:\n  id: y\n" + body % "final-bill")
    write(tmp_path, "c-undefined.yaml", "change:\n  id: z\n  title: T\n" + body % "no-such-thing")
    result = calendar(cxkit, tmp_path, "-f", "json")
    assert result.code == 1
    where = tmp_path.as_posix()
    assert re.search(rf"^{where}/a-yaml-error\.yaml:3:\d+: \[error\] ", result.err, re.M)
    assert f"{where}/b-no-title.yml:2:3: [error] " in result.err
    assert f"{where}/c-undefined.yaml:7:27: [error] touchpoint 'no-such-thing' is not" in result.err
    doc = json.loads(result.out)
    assert [c["id"] for c in doc["changes"]] == ["good"]
    broken = {Path(b["file"]).name: b["problems"] for b in doc["broken"]}
    assert sorted(broken) == ["a-yaml-error.yaml", "b-no-title.yml", "c-undefined.yaml"]
    assert broken["c-undefined.yaml"][0] | {"message": ""} == {
        "file": f"{where}/c-undefined.yaml",
        "line": 7,
        "column": 27,
        "severity": "error",
        "rule": "ref-undefined",
        "message": "",
    }
    text = calendar(cxkit, tmp_path)
    assert text.code == 1
    assert "3 change files could not be read, so they are not in this calendar" in text.out
    assert "good" in text.out


def test_a_missing_folder_is_a_usage_error_and_an_empty_one_says_so(
    cxkit: Run, tmp_path: Path
) -> None:
    missing = calendar(cxkit, tmp_path / "nowhere")
    assert missing.code == 2
    assert f"folder not found: {(tmp_path / 'nowhere').as_posix()}" in missing.err
    (tmp_path / "empty").mkdir()
    empty = calendar(cxkit, tmp_path / "empty")
    assert (empty.code, empty.out) == (
        0,
        f"No change files in {(tmp_path / 'empty').as_posix()}.\n",
    )
    doc = document(cxkit, tmp_path / "empty")
    assert (doc["changes"], doc["conflicts"], doc["broken"]) == ([], [], [])


# --- formats ------------------------------------------------------------------------------------


def test_the_json_document_is_versioned_and_says_what_wrote_it(cxkit: Run, tmp_path: Path) -> None:
    change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    change_file(tmp_path, "bill-b", "2027-05-08", touchpoints=("final-bill",))
    doc = document(cxkit, tmp_path)
    assert list(doc) == ["version", "kind", "tool", "folder", "conflict_days", "changes",
                         "conflicts", "broken", "warnings"]  # fmt: skip
    assert (doc["version"], doc["kind"]) == (1, "calendar")
    assert doc["tool"] == {"name": "cxkit", "version": __version__}
    first = doc["changes"][0]
    assert list(first) == ["id", "title", "owner", "file", "release", "window", "waves"]
    assert list(first["waves"][0]) == ["number", "name", "date", "days_before", "audience"]
    assert first["waves"][0]["audience"][0] == "telephony"  # the change's owner, by id
    conflict = doc["conflicts"][0]
    assert list(conflict) == ["kind", "changes", "shared", "releases", "days_apart", "windows",
                              "overlap", "message"]  # fmt: skip
    assert conflict["message"].startswith("same touchpoint: bill-a and bill-b both change")


def test_markdown_shows_a_hostile_title_as_written(cxkit: Run, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)> *now* | [link](http://x) @everyone"
    change_file(tmp_path, "evil", "2027-05-01", touchpoints=("final-bill",), title=hostile)
    change_file(tmp_path, "evil-too", None, touchpoints=("final-bill",), title=hostile)
    result = calendar(cxkit, tmp_path, "-f", "markdown")
    assert result.code == 0, result.err
    assert "<img" not in result.out and "&lt;img" in result.out
    assert "\\*now\\*" in result.out and "\\[link\\]" in result.out
    assert "@everyone" not in result.out  # a mention nobody meant to send
    row = next(line for line in result.out.splitlines() if line.startswith("| `evil` |"))
    assert len(re.split(r"(?<!\\)\|", row)) == 5, row  # three cells: the title's | is escaped
    assert "- evil-too: &lt;img" in result.out


def test_ics_is_an_icalendar_file_of_the_waves_and_releases(cxkit: Run, tmp_path: Path) -> None:
    # Long, with characters of 2 and 4 octets in UTF-8 where the folds fall.
    title = "Überarbeitete Rechnungs-E-Mail: Zahlungsplan, Rückruf; Ärger " + "é" * 40 + "😀" * 12
    change_file(tmp_path, "bill-email", "2027-05-01", touchpoints=("final-bill",), title=title)
    change_file(tmp_path, "bill-b", "2027-05-08", touchpoints=("final-bill",))
    output = tmp_path / "out" / "changes.ics"
    result = calendar(cxkit, tmp_path, "-f", "ics", "-o", output)
    assert result.code == 0, result.err
    raw = output.read_bytes()

    # RFC 5545, 3.1: CRLF line ends, at most 75 octets a line, folds between characters.
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold inside a character's bytes would not decode
    assert any(line.startswith(b" ") for line in lines), "the long title was not folded"
    text = raw.decode("utf-8")
    assert "Zahlungsplan\\, R" in text.replace("\r\n ", "")  # TEXT escapes
    assert "R\u00fcckruf\\; \u00c4rger" in text.replace("\r\n ", "")

    calendar_ = icalendar.Calendar.from_ical(raw)
    assert str(calendar_["VERSION"]) == "2.0"
    assert str(calendar_["PRODID"]) == f"-//cxkit//cxkit {__version__}//EN"
    events = {str(e["UID"]): e for e in calendar_.walk("VEVENT")}
    assert sorted(events) == sorted(
        f"{ident}-{what}@cxkit"
        for ident in ("bill-email", "bill-b")
        for what in ("wave-1", "wave-2", "wave-3", "wave-4", "release")
    )
    release = events["bill-email-release@cxkit"]
    assert str(release["SUMMARY"]) == f"Release: {title}"
    assert release["DTSTART"].dt == dt.date(2027, 5, 1)  # a date: an all-day event
    assert release["DTEND"].dt == dt.date(2027, 5, 2)
    assert "DTSTART;VALUE=DATE:20270501\r\n" in text
    wave = events["bill-email-wave-1@cxkit"]
    assert wave["DTSTART"].dt == dt.date(2027, 4, 10)
    assert str(wave["SUMMARY"]) == f"Wave 1 (Peers and stakeholders): {title}"
    file = (tmp_path / "bill-email.yaml").as_posix()
    assert str(wave["DESCRIPTION"]).startswith(
        f"Change bill-email ({file})\nAudience: Telephony & IVR,"
    )
    assert "\n21 days before the release on 2027-05-01" in str(wave["DESCRIPTION"])
    assert all(isinstance(e["DTSTAMP"].dt, dt.datetime) for e in events.values())
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", text, re.M)

    again = calendar(cxkit, tmp_path, "-f", "ics")
    assert again.out.encode("utf-8") == raw  # the same UIDs (and, on one CXKIT_TODAY, stamps)


# --- the example --------------------------------------------------------------------------------


def test_the_example_changes_collide(cxkit: Run) -> None:
    result = cxkit("calendar", "-w", EXAMPLE, "-f", "json", cwd=ROOT)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["folder"] == "changes"
    assert {c["id"] for c in doc["changes"]} >= {"ivr-callback", "new-billing-platform"}
    (touchpoint,) = conflicts(doc, "same-touchpoint")
    assert touchpoint["changes"] == ["phone-passcode", "ivr-callback"]
    assert touchpoint["shared"]["id"] == "identity-check"
    assert touchpoint["days_apart"] == 7
    assert {c["shared"]["id"] for c in conflicts(doc, "same-team")} >= {"contact-centre", "legal"}
    assert conflicts(doc, "moment-of-truth")
    assert all("new-billing-platform" not in c["changes"] for c in doc["conflicts"])
    assert (CHANGES / "phone-passcode.yaml").is_file()
    gate = cxkit("calendar", "-w", EXAMPLE, "--fail-on", "conflict", cwd=ROOT)
    assert gate.code == 1 and "same touchpoint: phone-passcode and ivr-callback" in gate.out


def test_help_defines_the_windows(cxkit: Run) -> None:
    result = cxkit("calendar", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "A change's window runs from the day its first wave starts to its release day" in text
    assert "cxkit calendar -f ics -o changes.ics" in result.out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "ics"])
def test_every_format_writes_to_a_file(cxkit: Run, tmp_path: Path, fmt: str) -> None:
    change_file(tmp_path / "changes", "bill-a", "2027-05-01", touchpoints=("final-bill",))
    target = tmp_path / f"calendar.{fmt}"
    result = calendar(cxkit, tmp_path / "changes", "-f", fmt, "-o", target)
    assert (result.code, result.out) == (0, "")
    assert "bill-a" in target.read_text(encoding="utf-8")


def test_one_change_id_in_two_files_is_a_warning(cxkit: Run, tmp_path: Path) -> None:
    first = change_file(tmp_path, "bill-a", "2027-05-01", touchpoints=("final-bill",))
    (tmp_path / "copy.yaml").write_bytes(first.read_bytes())
    doc = document(cxkit, tmp_path)
    files = f"{(tmp_path / 'bill-a.yaml').as_posix()}, {(tmp_path / 'copy.yaml').as_posix()}"
    assert doc["warnings"] == [
        f"change id 'bill-a' is used by 2 files ({files}): give each change an id of its own"
    ]


def test_a_person_both_changes_ask_is_called_a_person(cxkit: Run) -> None:
    result = cxkit("calendar", "-w", EXAMPLE, cwd=ROOT)
    assert result.code == 0, result.err
    people = [line for line in result.out.splitlines() if "ask person " in line]
    assert people, "the example asks a person (a journey leader) in both changes"
    assert all(line.strip().startswith("same person: ") for line in people)
    teams = [line for line in result.out.splitlines() if "ask team " in line]
    assert teams and all(line.strip().startswith("same team: ") for line in teams)


def test_ics_names_the_owner_and_the_release_day_in_words(cxkit: Run, tmp_path: Path) -> None:
    target = tmp_path / "changes.ics"
    result = cxkit("calendar", "-w", EXAMPLE, "-f", "ics", "-o", target, cwd=ROOT)
    assert result.code == 0, result.err
    unfolded = target.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "\\nOwner: Telephony & IVR" in unfolded  # ivr-callback's owner, by name
    assert "\\nOn the release day\\, 2026-12-15" in unfolded
    assert "0 days before" not in unfolded
