"""A Chromium session for the console's journeys, with the checks every page must pass.

Every page visited through `Browser.visit` (or `Browser.check_page` after a click) is checked for: no
browser console errors, no request to any host but 127.0.0.1, `<html lang>`, a `<title>` ending in
"– Domino", one `<h1>`, a label for every form field, nothing wider than 375 px on a phone and header
targets and form fields of 44 px at least there; axe-core's WCAG 2.x A and AA rules (contrast, names, alt text,
landmarks, ARIA…) with zero violations; and the
keyboard: the first Tab reaches the skip link, focus then follows the page's order (no positive
tabindex) and every focused element shows a focus ring. It is also photographed at desktop and phone
width into CONSOLE_SCREENSHOTS.
"""
import importlib.util
import json
import os
import re
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["CONSOLE_URL"]
SHOTS = os.environ["CONSOLE_SCREENSHOTS"]
DEMO_PASSWORD = "yokohama-demo-2026"
PHONE = {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True}
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
# How long a wait for a page, a script or a result on it may last: a liveness bound, not what the journeys
# test. CI's loaded machine takes minutes over a test that takes seconds here, and the server's handler alone
# may take 30 s before its 503; 20 s waits for a page after a click were shorter than that.
PATIENCE = 180

# Finds form fields without a label: a <label for>, a wrapping label, or aria-label / aria-labelledby.
UNLABELLED_FIELDS = """
return Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(f => f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button')
  .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
  .map(f => f.outerHTML);
"""

# Elements wider than the phone's viewport, to say what overflowed when the check fails.
OVERFLOWING = """
return Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .filter(e => !e.closest('.table-wrap') || e.classList.contains('table-wrap'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className);
"""


# The header's links and buttons (brand, language switch, sign out), the navigation and the form fields
# one types into or chooses from, with their size: on a phone each is a touch target, 44 px at least
# (CONSOLE.md, after DADS), which axe does not check. Checkboxes are 24 px in a 44 px row with their label;
# a field hidden from people (the registration form's honeypot, aria-hidden) is no target.
SMALL_TARGETS = """
return Array.from(document.querySelectorAll('header a, header button, nav a, main select, main textarea, ' +
    'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])'))
  .filter(e => e.getClientRects().length > 0 && !e.closest('[aria-hidden=true]'))
  .map(e => [e.textContent.trim() || e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
  .filter(([_, r]) => r.height < 44 || r.width < 44)
  .map(([text, r]) => text + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
"""

# Tables that scroll sideways at phone width: a column out of sight is a column a person does not read.
# A table of records stacks into cards there (Table.make(stacked:)); a wide table of figures must fit.
SIDEWAYS_TABLES = """
return Array.from(document.querySelectorAll('.table-wrap'))
  .filter(e => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => (e.getAttribute('aria-label') || '') + ' ' + e.scrollWidth + 'px');
"""

# Characters Japanese typesetting never puts at the start of a line (JIS X 4051's closing brackets,
# punctuation, small kana and ー), found at one: the text before them ends a line above. A break that the
# browser makes only because a word overflows ignores kinsoku (a 「。」 opened a line at 375 px while
# word-break: keep-all made a sentence one word).
LINE_START_PUNCTUATION = """
const forbidden = "、。，．・：；？！ー」』）】〕〉》］｝ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々";
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
const rect = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getClientRects()[0]; };
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (let i = 1; i < node.data.length; i++) {
    if (!forbidden.includes(node.data[i])) continue;
    const here = rect(node, i), before = rect(node, i - 1);
    if (here && before && here.top >= before.bottom - 2) found.push(node.data.slice(Math.max(0, i - 10), i + 3));
  }
}
return found;
"""


# axe-core, as the axe-playwright-python package ships it (installed by `make venv`, see the Makefile);
# only the script is used, so Playwright itself is not needed (find_spec does not import the package).
AXE_SOURCE = open(os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js"),
                  encoding="utf-8").read()

# Runs axe on the document with the WCAG 2.0/2.1 A and AA rules (JIS X 8341-3:2016 AA ≈ WCAG 2.x AA).
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));
"""

# The focused element: where it is in document order among focusable elements, and whether it shows a
# focus ring (an outline or a box shadow), since CONSOLE.md asks for a visible ring on everything.
FOCUSED = """
const e = document.activeElement;
if (!e || e === document.body) return null;
const all = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
  .filter(x => x.tabIndex >= 0 && !x.disabled && x.getClientRects().length > 0);
const style = getComputedStyle(e);
const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
return {index: all.indexOf(e), ring: ring, html: e.outerHTML.slice(0, 120), skip: e.classList.contains('skip-link')};
"""

POSITIVE_TABINDEX = "return Array.from(document.querySelectorAll('[tabindex]')).filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 120));"


class Browser:
    def __init__(self, test, role):
        self.test = test
        self.role = role
        self.journey = test._testMethodName.removeprefix("test_")
        self.shot = 0
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--disable-extensions", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-default-apps", "--disable-sync",
                         "--lang=ja", "--window-size=1280,900"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.execute_cdp_cmd("Network.enable", {})
        # axe-core on a long page can take Selenium's default 30 s when the machine is loaded (a make test
        # beside other builds once timed out); how long it takes is not what the journeys test.
        self.driver.set_script_timeout(PATIENCE)
        self.desktop()

    def close(self):
        self.driver.quit()

    def desktop(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)

    def phone(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)

    def visit(self, path, name, status=200):
        self.driver.get(BASE + path)
        self.check_page(name, status)

    def click(self, selector, name):
        self.navigate_by(lambda: self.driver.find_element(By.CSS_SELECTOR, selector).click())
        self.check_page(name)

    def submit(self, form_selector, name, status=200):
        self.navigate_by(lambda: self.driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click())
        self.check_page(name, status)

    def navigate_by(self, action):
        """Runs an action that loads another page and waits for that page: the old document must be gone
        first, or its readyState "complete" is read before the new one arrives (a sign-in was once checked
        on the login page it was leaving, with no <h1> yet)."""
        self.driver.execute_script("window.dominoLeaving = true")
        action()
        # A mark on the old window, not an element reference: chromedriver reports a node of a replaced
        # document as a generic error, not as stale. Scripts may fail while the new page loads; retry.
        WebDriverWait(self.driver, PATIENCE, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return window.dominoLeaving !== true && document.readyState === 'complete'"))

    def wait_loaded(self):
        WebDriverWait(self.driver, PATIENCE).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def sign_in(self, email):
        self.visit("/login", "login")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
        self.submit("form.login-form", "home")
        self.test.assertEqual(urllib.parse.urlparse(self.driver.current_url).path, "/")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def check_page(self, name, status=200):
        """The checks every page passes, at desktop and then phone width, with a screenshot of each."""
        driver = self.driver
        where = f"{self.role}/{name} ({driver.current_url})"
        lang = driver.execute_script("return document.documentElement.lang")
        self.test.assertIn(lang, ("ja", "en"), where)
        self.test.assertTrue(driver.title.endswith("– Domino"), f"{where}: title {driver.title!r}")
        self.test.assertEqual(len(driver.find_elements(By.TAG_NAME, "h1")), 1, where)
        for landmark in ("header", "main"):
            self.test.assertEqual(len(driver.find_elements(By.TAG_NAME, landmark)), 1, f"{where}: <{landmark}>")
        self.test.assertTrue(driver.find_elements(By.CSS_SELECTOR, "a.skip-link[href='#main']"), f"{where}: skip link")
        self.test.assertEqual(driver.execute_script(UNLABELLED_FIELDS), [], f"{where}: fields without labels")
        self.check_accessibility(where)
        self.photograph(name, "desktop")
        self.phone()
        try:
            width = driver.execute_script("return document.documentElement.scrollWidth")
            self.test.assertLessEqual(width, 375, f"{where}: {width}px wide at 375px: {driver.execute_script(OVERFLOWING)}")
            self.test.assertEqual(driver.execute_script(SMALL_TARGETS), [], f"{where}: header targets or fields under 44px on a phone")
            self.test.assertEqual(driver.execute_script(SIDEWAYS_TABLES), [], f"{where}: tables that scroll sideways at 375px")
            self.test.assertEqual(driver.execute_script(LINE_START_PUNCTUATION), [], f"{where}: lines at 375px that start with punctuation or a small kana")
            self.photograph(name, "phone")
        finally:
            self.desktop()
        self.check_logs(where, status)

    def check_accessibility(self, where, tabs=12):
        """axe-core's WCAG A/AA rules find nothing; the keyboard reaches the skip link first, then moves
        forward in document order, each stop with a visible focus ring."""
        driver = self.driver
        if not driver.execute_script("return typeof axe !== 'undefined'"):
            driver.execute_script(AXE_SOURCE)
        violations = driver.execute_async_script(RUN_AXE)
        self.test.assertEqual(violations, [], f"{where}: axe-core violations")
        self.test.assertEqual(driver.execute_script(POSITIVE_TABINDEX), [], f"{where}: positive tabindex breaks the focus order")
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
        body = driver.find_element(By.TAG_NAME, "body")
        driver.execute_script("arguments[0].setAttribute('tabindex', '-1'); arguments[0].focus(); arguments[0].removeAttribute('tabindex');", body)
        previous = -1
        for stop in range(tabs):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            focused = driver.execute_script(FOCUSED)
            if focused is None:
                break
            if stop == 0:
                self.test.assertTrue(focused["skip"], f"{where}: the first Tab reaches {focused['html']}, not the skip link")
            self.test.assertTrue(focused["ring"], f"{where}: no visible focus ring on {focused['html']}")
            if focused["index"] <= previous:
                break  # wrapped around to the browser's own controls, or the end of the page
            previous = focused["index"]
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")

    def photograph(self, name, width):
        self.shot += 1
        metrics = PHONE if width == "phone" else DESKTOP
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(metrics, height=min(max(height, 600), 6000)))
        path = os.path.join(SHOTS, f"{self.role}-{self.journey}-{self.shot:02d}-{re.sub(r'[^a-z0-9-]', '-', name)}-{width}.png")
        self.driver.save_screenshot(path)
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)

    def check_logs(self, where, status=200):
        """No console errors (CSP violations included), and no request leaves 127.0.0.1. A page the
        journey expects to be an error page (403, 404, a refused form's 422) is logged by Chromium as
        a failed load of that one document; that line, and only for the expected status, is allowed."""
        expected = f"{self.driver.current_url} - Failed to load resource: the server responded with a status of {status} "
        errors = [entry["message"] for entry in self.driver.get_log("browser")
                  if entry["level"] in ("SEVERE", "ERROR") and not (status >= 400 and entry["message"].startswith(expected))]
        self.test.assertEqual(errors, [], f"{where}: browser console errors")
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] != "Network.requestWillBeSent":
                continue
            url = message["params"]["request"]["url"]
            if url.startswith("data:") or url.startswith("about:"):
                continue
            self.test.assertEqual(urllib.parse.urlparse(url).hostname, "127.0.0.1", f"{where}: request to {url}")
