"""Fifty people at once on the web platform: browsing the law, opening assessments, giving input.

Read by ``run.py`` (which sets ``RIGHTSCOPE_BENCH_PLAN`` to the JSON plan written by setup_site.py).
Each simulated user waits 0.5 to 2 s between requests, as a person reading pages does. Requests are
grouped by kind in the statistics: law pages, assessment pages, the consultation page and the
consultation input (a POST that classifies the text with identify before answering).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["RIGHTSCOPE_BENCH_PLAN"]).read_text(encoding="utf-8"))
SESSIONS = itertools.cycle(PLAN["sessions"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUTS = [
    "The cameras at the stadium entrance scan every face, and I was stopped because the system mistook me for someone.",
    "Les caméras filment la manifestation et la police garde les images de tout le monde.",
    "Nadie nos explicó cómo se usan las imágenes ni cuánto tiempo se guardan.",
    "People in my neighbourhood stopped going to protests since the cameras were installed.",
]


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.client.cookies.set(PLAN["session_cookie"], next(SESSIONS))

    @task(5)
    def law(self) -> None:
        self.client.get(random.choice(PLAN["law"]), name="law page")

    @task(3)
    def assessment(self) -> None:
        self.client.get(random.choice(PLAN["assessments"]), name="assessment page")

    @task(1)
    def consultation(self) -> None:
        page = self.client.get(PLAN["consultation"], name="consultation page")
        token = CSRF.search(page.text)
        if token is None:
            page.failure("no CSRF token in the consultation page")
            return
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "text": random.choice(INPUTS),
            "risk_id": "",
            "consent_processing": "on",
            "lang": "en",
        }
        with self.client.post(
            PLAN["consultation"], data=data, name="consultation input", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"input not accepted: {answer.status_code}")
