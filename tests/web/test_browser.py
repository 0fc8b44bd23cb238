"""The web platform in a real browser: headless Debian Chromium driven by Playwright.

One walk through the main job, as the people who do it: an assessor signs in, creates an assessment
from a sector template, adds a risk and sees the register change, opens a consultation; a stakeholder
with the invitation link gives input in French; the assessor sees it classified; a reviewer approves;
the report is downloaded as PDF. Screenshots of the main pages go to ``RIGHTSCOPE_SCREENSHOTS`` when it
is set (``make screenshots`` writes them into ``docs/images/web/`` for docs/web.md), else to a
temporary folder. Without Chromium or Playwright the test is skipped with the reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_report_browser import axe_script  # noqa: F401 (a fixture: axe-core installed with npm)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PASSWORD = "a-browser-password-1"
FRENCH_INPUT = (
    "Le logiciel classe les candidatures et écarte les femmes qui ont interrompu leur carrière pour élever "
    "leurs enfants. On ne nous dit jamais pourquoi notre dossier est rejeté ni comment contester la décision."
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")


@pytest.fixture
def browser(audit_flushable: None) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RIGHTSCOPE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def accessible(page: Any, axe: Path | None, name: str) -> None:
    """No serious or critical axe-core violation on the page (where npm could install axe-core)."""
    assert page.locator("h1").count() == 1, f"{name}: one h1"
    assert page.evaluate("document.documentElement.lang") in {"en", "fr", "es"}
    if axe is None:
        return
    # Evaluated through the DevTools protocol: the site's content security policy (rightly) refuses a <script>.
    page.evaluate(axe.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{name}: {serious}"


def register_rows(page: Any) -> list[str]:
    return page.locator("table.register tbody tr th[scope=row]").all_inner_texts()


def test_assess_consult_approve_and_download(browser, live_server, shots, axe_script):  # noqa: F811
    from rightscope.web.orgs.demo import load_demo

    load_demo(PASSWORD)
    base = live_server.url
    errors: list[str] = []

    assessor = sign_in(browser, base, "assessor")
    assessor.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    assert "/o/demo/" in assessor.url
    assessor.screenshot(path=shots / "dashboard.png", full_page=True)
    accessible(assessor, axe_script, "dashboard")

    # A new assessment from the hiring template.
    assessor.goto(f"{base}/o/demo/assessments/new/")
    assessor.get_by_label("sector template").select_option("hiring")
    assessor.get_by_label("name of the system and its use").fill("CV ranking at the city council")
    assessor.get_by_label("its purpose and the decision it supports").fill("Rank job applications for interview")
    assessor.get_by_label("the technology").fill("gradient boosted ranking model")
    assessor.get_by_label("deployer (who uses it)").fill("City council")
    assessor.get_by_label("provider (who built it)").fill("Vendor Ltd")
    assessor.get_by_label("deployment countries").fill("France")
    assessor.get_by_label("people affected per year").fill("5000")
    assessor.get_by_role("button", name="Create").click()
    assessor.wait_for_load_state()
    assert re.search(r"/assessments/\d+/$", assessor.url), assessor.url
    detail_url = assessor.url
    before = register_rows(assessor)
    assert before, "the template brings the sector's typical risks"

    # Add a risk: the register gains a row.
    assessor.get_by_role("link", name="Add a risk").click()
    assessor.get_by_label("risk id").fill("R-browser")
    assessor.get_by_label("the right at stake").select_option("privacy")
    assessor.get_by_label("scenario: how the harm would happen, to whom").fill(
        "Applicants' social media profiles are scraped and scored without their knowledge."
    )
    assessor.get_by_label("scale (gravity)").select_option("3")
    assessor.get_by_label("scope (reach)").select_option("3")
    assessor.get_by_label("remediability").select_option("2")
    assessor.locator("#id_likelihood").select_option("3")
    assessor.get_by_role("button", name="Save").click()
    assessor.wait_for_load_state()
    after = register_rows(assessor)
    assert set(after) == set(before) | {"R-browser"}
    assessor.screenshot(path=shots / "assessment.png", full_page=True)
    accessible(assessor, axe_script, "assessment")

    # Open a consultation in French.
    assessor.get_by_role("link", name="Open a consultation").click()
    assessor.get_by_label("language of the page").select_option("fr")
    assessor.get_by_role("button", name="Open the consultation").click()
    assessor.wait_for_load_state()
    consultation_url = assessor.url
    invitation = assessor.locator("#invitation").inner_text().strip()
    assert "/c/" in invitation

    # A stakeholder with the link, on a phone, in French.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(invitation)
    assert phone.locator("html").get_attribute("lang") == "fr"
    assert phone.get_by_role("heading", name="Ce que fait le système").is_visible()
    wide = phone.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id)"
    )
    assert not wide, f"the consultation page fits a phone's width; too wide: {wide}"
    phone.locator("#id_text").fill(FRENCH_INPUT)
    phone.get_by_label("je consens à l'utilisation de cette contribution dans l'évaluation").check()
    phone.screenshot(path=shots / "consultation-public.png", full_page=True)
    accessible(phone, axe_script, "consultation page")
    phone.get_by_role("button", name="Envoyer ma contribution").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Merci").is_visible()

    # The assessor sees it, classified.
    assessor.goto(consultation_url)
    general = assessor.locator("#general")
    assert FRENCH_INPUT[:40] in general.inner_text()
    assert general.locator(".badge").count() >= 1, "the input is classified to at least one right"
    assessor.screenshot(path=shots / "consultation-assessor.png", full_page=True)
    accessible(assessor, axe_script, "consultation, assessor's view")

    # Send for review; a reviewer approves.
    assessor.goto(detail_url)
    assessor.get_by_role("button", name="Send for review").click()
    assessor.wait_for_load_state()
    reviewer = sign_in(browser, base, "reviewer")
    reviewer.goto(detail_url)
    reviewer.get_by_role("link", name="Sign off").click()
    reviewer.get_by_label("decision").select_option("approved")
    reviewer.get_by_label("your role").fill("Data protection officer")
    reviewer.get_by_role("button", name="Record the decision").click()
    reviewer.wait_for_load_state()
    assert "Approved" in reviewer.locator(".badge").first.inner_text()

    # Download the report as PDF.
    reviewer.get_by_role("link", name="Reports").click()
    reviewer.screenshot(path=shots / "reports.png", full_page=True)
    accessible(reviewer, axe_script, "reports")
    _download_pdf(reviewer, shots)
    assert not errors, errors


def _download_pdf(page: Any, shots: Path) -> None:
    page.get_by_label("format").select_option("pdf")
    page.get_by_role("button", name=re.compile("Download|Prepare")).click()
    link = page.get_by_role("link", name=re.compile("Download", re.IGNORECASE))
    link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    target = shots / "report.pdf"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    target.unlink()
