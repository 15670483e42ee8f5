"""The coverage figures as JSON, one shape for `validate -f json`, SARIF and `diff -f json`.

{"touchpoints": {"owned", "total", "percent"}, "moments_of_truth": {...},
 "journeys_led": {...},
 "journeys": [{"id", "touchpoints": {...}, "moments_of_truth": {...}, "leader": bool}]}
"""

from __future__ import annotations

from typing import Any

from cxkit.analysis.coverage import Coverage


def coverage_document(coverage: Coverage) -> dict[str, Any]:
    return {
        "touchpoints": coverage.touchpoints.as_dict(),
        "moments_of_truth": coverage.moments_of_truth.as_dict(),
        "journeys_led": coverage.leaders.as_dict(),
        "journeys": [
            {
                "id": j.id,
                "touchpoints": j.touchpoints.as_dict(),
                "moments_of_truth": j.moments_of_truth.as_dict(),
                "leader": j.leader,
            }
            for j in coverage.journeys
        ],
    }
