"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One test case per workspace file: it fails when the file has findings at or above the failing
severity; every finding of the file is listed in the case.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO
from xml.etree import ElementTree as ET

from cxkit.checks.engine import ValidationResult
from cxkit.checks.findings import SEVERITY_RANK, Finding
from cxkit.report.coverage_json import coverage_document
from cxkit.report.escape import xml
from cxkit.report.parsable import line


def write(result: ValidationResult, out: TextIO, *, color: bool) -> None:
    by_file = {path: list(group) for path, group in groupby(result.findings, key=lambda f: f.path)}
    paths = list(dict.fromkeys([*result.files, *by_file]))
    floor = SEVERITY_RANK[result.fail_severity]
    suite = ET.Element("testsuite", name="cxkit validate", tests=str(len(paths)))
    _coverage(suite, result)
    failures = 0
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="cxkit", name=xml(path))
        findings = by_file.get(path, [])
        failing = [f for f in findings if SEVERITY_RANK[f.severity] >= floor]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                type=failing[0].rule,
                message=f"{len(failing)} finding(s) at or above {result.fail_severity}",
            )
            failure.text = _lines(findings)
        elif findings:
            ET.SubElement(case, "system-out").text = _lines(findings)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element("testsuites", name="cxkit", tests=str(len(paths)), failures=str(failures))
    suites.append(suite)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")


def _coverage(suite: ET.Element, result: ValidationResult) -> None:
    """The coverage figures as the suite's properties (`coverage.touchpoints` = `29/31 (93%)`),
    overall and per journey, where CI systems show a test report's properties."""
    figures = coverage_document(result.coverage)
    properties = ET.SubElement(suite, "properties")
    named = [(f"coverage.{key}", figures[key]) for key in ("touchpoints", "moments_of_truth")]
    named.append(("coverage.journeys_led", figures["journeys_led"]))
    for journey in figures["journeys"]:
        for key in ("touchpoints", "moments_of_truth"):
            named.append((f"coverage.journey.{journey['id']}.{key}", journey[key]))
    for name, figure in named:
        value = f"{figure['owned']}/{figure['total']} ({figure['percent']}%)"
        ET.SubElement(properties, "property", name=xml(name), value=value)


def _lines(findings: list[Finding]) -> str:
    return xml("\n".join(line(f) for f in findings))
