"""Every page a role can reach by following links, at phone width (docs/console.md).

The journeys check the pages they visit; a page no journey visits went unchecked, and at 375 px seven tables
on such pages scrolled sideways (a need's coverage, a lead's history and activities, a company's technologies,
the KPI recount history, an event's attendance counts, the coordinators). Here each role, signed in, follows
every link from its home page, one page for each shape of address (ids and query values aside), and each page
must: answer 200 with no browser console error, be one `<h1>` in the reader's language, fit 375 px, have no
table that scrolls sideways, no line that starts with punctuation or a small kana, and no touch target under
44 px. The roles alternate the two languages. axe and the keyboard are the journeys' checks (they take seconds
a page).
"""
import collections
import re
import unittest
import urllib.parse

from selenium.webdriver.common.by import By

import console_browser as cb
from console_browser import Browser

# Links that leave the console, change the session, or download a file rather than show a page.
NOT_PAGES = re.compile(r"^/(logout|language|assets/|v1/|openapi)|\.(csv|ics|json|yaml)(\?|$)|/export")
# A liveness bound on one role's walk, well past what any role reaches (the admin: about 120 shapes).
MOST_PAGES = 400


def shape(path):
    """The page's kind: its path with ids and numbers as N, and the names (not values) of its query."""
    parts = urllib.parse.urlsplit(path)
    kind = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+", "N", parts.path)
    keys = sorted(urllib.parse.parse_qs(parts.query, keep_blank_values=True))
    return kind + ("?" + "&".join(keys) if keys else "")


class EveryPage(unittest.TestCase):
    def walk(self, role, language):
        browser = Browser(self, role)
        self.addCleanup(browser.close)
        browser.sign_in(f"{role}@demo.domino.example")
        driver = browser.driver
        if language == "en":
            driver.get(cb.BASE + "/language?to=en&back=%2F")
        queue, shapes = collections.deque(["/"]), set()
        while queue:
            path = queue.popleft()
            if shape(path) in shapes:
                continue
            shapes.add(shape(path))
            self.assertLessEqual(len(shapes), MOST_PAGES, f"{role}: more page kinds than {MOST_PAGES}")
            driver.get(cb.BASE + path)
            where = f"{role}/{language} {path}"
            for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
                target = link.get_attribute("href") or ""
                if target.startswith(cb.BASE):
                    local = target[len(cb.BASE):].split("#")[0] or "/"
                    if not NOT_PAGES.search(local) and shape(local) not in shapes:
                        queue.append(local)
            self.assertEqual(driver.execute_script("return document.documentElement.lang"), language, where)
            self.assertEqual(len(driver.find_elements(By.TAG_NAME, "h1")), 1, where)
            browser.phone()
            try:
                width = driver.execute_script("return document.documentElement.scrollWidth")
                self.assertLessEqual(width, 375, f"{where}: {width}px wide at 375px: {driver.execute_script(cb.OVERFLOWING)}")
                self.assertEqual(driver.execute_script(cb.SIDEWAYS_TABLES), [], f"{where}: tables that scroll sideways at 375px")
                self.assertEqual(driver.execute_script(cb.LINE_START_PUNCTUATION), [], f"{where}: lines at 375px that start with punctuation or a small kana")
                self.assertEqual(driver.execute_script(cb.SMALL_TARGETS), [], f"{where}: header targets or fields under 44px on a phone")
            finally:
                browser.desktop()
            browser.check_logs(where)
        return shapes

    def test_admin(self):
        self.assertIn("/audit", self.walk("admin", "en"))

    def test_coordinator(self):
        self.assertIn("/needs/coverage", self.walk("coordinator", "ja"))

    def test_organizer(self):
        self.assertIn("/conventions/events/N", self.walk("organizer", "en"))

    def test_viewer(self):
        self.assertIn("/kpi", self.walk("viewer", "ja"))

    def test_company(self):
        self.assertIn("/companies/N", self.walk("company", "en"))

    def test_liaison(self):
        self.assertIn("/needs/new", self.walk("liaison", "ja"))
