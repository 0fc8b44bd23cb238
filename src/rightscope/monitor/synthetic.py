"""Synthetic logs of a deployed welfare fraud risk model, for the demo and the tests.

Six months of decisions (January to June 2026), grievances and safeguard events for the
``examples/welfare-fraud-risk.yaml`` use case. Households outside the EU are flagged for investigation
at the same rate as everyone else for three months; from April a model update doubles their rate, a
disparity the monitoring run must find. Grievances rise with it, and some are about losing housing
or food, which the assessment did not register: unforeseen impacts. No real person is represented.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

MONTHS = [dt.date(2026, m, 1) for m in range(1, 7)]
NATIONALITY = (("NL", 0.62), ("EU", 0.14), ("non-EU", 0.24))
HOUSEHOLD = (("single", 0.45), ("single-parent", 0.2), ("couple", 0.2), ("couple-with-children", 0.15))
BASE_FLAG_RATE = 0.10
DISPARITY_FROM = dt.date(2026, 4, 1)
NON_EU_RATE_AFTER = 0.21

GRIEVANCE_TEXTS = {
    "R1": [
        "I was selected for a fraud check again although nothing changed; my neighbours from the same country were "
        "all selected too. I think the system targets people because of their nationality.",
        "Only families with a foreign background in our street got the investigation letter. It feels like we are "
        "treated as suspects because of where we come from.",
    ],
    "R2": [
        "My benefit was suspended while the investigation runs and I have had no payment for five weeks.",
        "The municipality stopped my social assistance after the risk check and asks me to repay money I never owed.",
    ],
    "R4": [
        "Nobody can tell me why I was selected. The letter only says a model was used and I cannot see the reasons.",
    ],
    "unforeseen-housing": [
        "Because my benefit was stopped I could not pay the rent and the housing corporation started eviction "
        "proceedings against my family.",
    ],
    "unforeseen-food": [
        "Since the payments stopped we depend on the food bank; there is not enough food for the children at home.",
    ],
}


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def write_welfare_logs(folder: Path, *, seed: int = 7, per_month: int = 2000) -> dict[str, Path]:
    """Write decisions.csv, grievances.csv and events.csv into ``folder``; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}.csv" for name in ("decisions", "grievances", "events")}
    flagged_by_month: dict[dt.date, int] = {}
    with paths["decisions"].open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["decision_date", "nationality_group", "sex", "age_band", "household_type", "flagged", "fraud_found"]
        )
        for month in MONTHS:
            flagged_by_month[month] = 0
            for _ in range(per_month):
                day = month + dt.timedelta(days=rng.randrange(28))
                nationality = _pick(rng, NATIONALITY)
                rate = NON_EU_RATE_AFTER if nationality == "non-EU" and month >= DISPARITY_FROM else BASE_FLAG_RATE
                flagged = int(rng.random() < rate)
                # After the update the extra non-EU selections find fraud less often: over-targeting.
                over_targeted = nationality == "non-EU" and month >= DISPARITY_FROM
                fraud = int(rng.random() < ((0.06 if over_targeted else 0.12) if flagged else 0.01))
                flagged_by_month[month] += flagged
                writer.writerow(
                    [
                        day.isoformat(),
                        nationality,
                        rng.choice(["F", "M"]),
                        rng.choice(["18-29", "30-44", "45-64", "65+"]),
                        _pick(rng, HOUSEHOLD),
                        flagged,
                        fraud,
                    ]
                )
    with paths["grievances"].open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "received", "channel", "text", "status", "remedied_on"])
        number = 0
        for month in MONTHS:
            after = month >= DISPARITY_FROM
            plan = {"R2": 3 + (4 if after else 0), "R1": 1 + (5 if after else 0), "R4": 2}
            if after:
                plan.update({"unforeseen-housing": 2, "unforeseen-food": 1})
            for key, count in plan.items():
                for _ in range(count):
                    number += 1
                    received = month + dt.timedelta(days=rng.randrange(28))
                    status = rng.choice(["received", "acknowledged", "remedied", "closed"])
                    delay = rng.randrange(10, 30) if not after else rng.randrange(25, 70)
                    remedied = received + dt.timedelta(days=delay) if status in {"remedied", "closed"} else None
                    text = rng.choice(GRIEVANCE_TEXTS[key])
                    writer.writerow(
                        [
                            f"G{number:04d}",
                            received.isoformat(),
                            rng.choice(["web", "phone", "desk"]),
                            text,
                            status,
                            remedied.isoformat() if remedied else "",
                        ]
                    )
    with paths["events"].open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["time", "type", "response_hours"])
        for month in MONTHS:
            after = month >= DISPARITY_FROM
            counts = {"human_override": 18, "appeal": 30 + (25 if after else 0)}
            for kind, count in counts.items():
                for _ in range(count):
                    writer.writerow(
                        [(month + dt.timedelta(days=rng.randrange(28))).isoformat(), kind, rng.randrange(4, 72)]
                    )
            appeals = counts["appeal"]
            overturned = round(appeals * (0.08 if not after else 0.27))
            for index in range(appeals):
                kind = "appeal_overturned" if index < overturned else "appeal_upheld"
                writer.writerow([(month + dt.timedelta(days=rng.randrange(28))).isoformat(), kind, ""])
            if after:
                writer.writerow([(month + dt.timedelta(days=20)).isoformat(), "serious_incident", 48])
    return paths
