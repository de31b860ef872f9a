"""What only a browser shows, found walking an organizer's day on a phone (ux13): the events list reads
as one card per event at 375 px (four columns once squeezed each name to three characters a line), and
the desk shows a refused code on its own line under the sentence, not glued to its last word."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from console_browser import PATIENCE, Browser

ORGANIZER = "organizer@demo.domino.example"

# Whether any table of the page scrolls sideways inside its frame at the current width.
SIDEWAYS_TABLES = """
return Array.from(document.querySelectorAll('.table-wrap')).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.getAttribute('aria-label'));
"""


class OrganizerPhoneJourney(unittest.TestCase):
    def setUp(self):
        self.browser = Browser(self, "organizer")

    def tearDown(self):
        self.browser.close()

    def test_events_list_and_desk_on_a_phone(self):
        b = self.browser
        b.sign_in(ORGANIZER)
        self.assertIn("当日の受付", b.text())
        b.click("main a[href='/conventions']", "events-from-home")
        b.phone()
        try:
            self.assertEqual(b.driver.execute_script(SIDEWAYS_TABLES), [], "the events list scrolls sideways at 375 px")
        finally:
            b.desktop()
        b.click("main td a[href^='/conventions/events/']", "event")
        b.click("a[href$='/desk']", "desk")
        d = b.driver
        b.phone()
        d.find_element(By.ID, "code").send_keys("ZZZZZZ")
        d.find_element(By.CSS_SELECTOR, "#desk-form button[type=submit]").click()
        WebDriverWait(d, PATIENCE).until(lambda d: d.find_element(By.ID, "desk-result").is_displayed()
                                   and "ZZZZZZ" in d.find_element(By.ID, "desk-result").text)
        headline = d.find_element(By.CSS_SELECTOR, "#desk-result .desk-headline")
        detail = d.find_element(By.CSS_SELECTOR, "#desk-result .desk-detail")
        self.assertIn("0・O・1・I・L・2・Z・5・S・8・B", headline.text)
        self.assertGreaterEqual(detail.rect["y"], headline.rect["y"] + headline.rect["height"] - 1,
                                "the typed code sits on the sentence's last line")
        b.photograph("desk-refused-code", "phone")
        b.desktop()
