"""Typed input survives the language switch (ux12, docs/console.md "Typed input and the language switch"):
a coordinator half-way through a need's form switches to English and finds what they typed; a password
typed on the account page is never carried. Each step is photographed (before and after the switch)."""
import unittest
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from console_browser import Browser

COORDINATOR = "coordinator@demo.domino.example"


class LanguageCarryJourney(unittest.TestCase):
    def setUp(self):
        self.browser = Browser(self, "coordinator")

    def tearDown(self):
        self.browser.close()

    def field(self, name):
        return self.browser.driver.find_element(By.NAME, name)

    def test_typed_input_survives_the_language_switch(self):
        b = self.browser
        b.sign_in(COORDINATOR)
        b.visit("/needs/new", "need-form-typed-ja")
        self.field("titleJa").send_keys("下水汚泥の減量")
        self.field("descriptionEn").send_keys("Sewage sludge volume reduction for a city of 1.2 million")
        b.driver.find_element(By.CSS_SELECTOR, "input[name=taxonomyCodes]").click()
        ticked = b.driver.find_element(By.CSS_SELECTOR, "input[name=taxonomyCodes]").get_attribute("value")
        source = Select(self.field("source"))
        source.select_by_index(len(source.options) - 1)
        chosen = source.first_selected_option.get_attribute("value")
        b.photograph("need-form-before-switch", "desktop")
        b.phone()
        b.photograph("need-form-before-switch", "phone")
        b.desktop()
        b.click("a.language-switch", "need-form-after-switch-en")
        self.assertEqual(b.driver.execute_script("return document.documentElement.lang"), "en")
        self.assertEqual(urllib.parse.urlparse(b.driver.current_url).path, "/needs/new")
        self.assertEqual(self.field("titleJa").get_attribute("value"), "下水汚泥の減量")
        self.assertEqual(self.field("descriptionEn").get_attribute("value"), "Sewage sludge volume reduction for a city of 1.2 million")
        self.assertTrue(b.driver.find_element(By.CSS_SELECTOR, f"input[name=taxonomyCodes][value='{ticked}']").is_selected())
        self.assertEqual(Select(self.field("source")).first_selected_option.get_attribute("value"), chosen)
        # Carried once: opening the form again shows it empty.
        b.visit("/needs/new", "need-form-again-en")
        self.assertEqual(self.field("titleJa").get_attribute("value"), "")

        # A refused form (answered at its POST) carries what was sent, though nothing was typed since.
        self.field("descriptionJa").send_keys("人口120万人の市の下水汚泥を減らしたい")
        b.submit("main form[method=post]", "need-form-refused-en", status=422)
        b.click("a.language-switch", "need-form-refused-after-switch-ja")
        self.assertEqual(b.driver.execute_script("return document.documentElement.lang"), "ja")
        self.assertEqual(self.field("descriptionJa").get_attribute("value"), "人口120万人の市の下水汚泥を減らしたい")

        # A password is never carried; the other typed field of that form is not a password, so nothing comes back.
        b.visit("/account", "account-typed-ja")
        self.field("currentPassword").send_keys("yokohama-demo-2026")
        self.field("newPassword").send_keys("a new passphrase of mine")
        b.click("a.language-switch", "account-after-switch-en")
        self.assertEqual(b.driver.execute_script("return document.documentElement.lang"), "en")
        self.assertEqual(self.field("currentPassword").get_attribute("value"), "")
        self.assertEqual(self.field("newPassword").get_attribute("value"), "")
        self.assertEqual(b.driver.execute_script("return window.sessionStorage.length"), 0, "nothing stays in the tab's storage")

    def test_forms_nobody_changed_are_not_carried(self):
        """A need's page holds lists served without a chosen option (the company to pin, the decision): the browser
        shows their first option, which is no change, so switching there stores nothing (probe10)."""
        b = self.browser
        b.sign_in(COORDINATOR)
        b.visit("/needs", "needs-list-ja")
        need = b.driver.execute_script(
            "return Array.from(document.querySelectorAll('main a')).map(a => a.getAttribute('href'))"
            ".find(h => /^\\/needs\\/[0-9a-f-]{36}$/.test(h));")
        b.visit(need, "need-page-untouched-ja")
        self.assertTrue(b.driver.find_elements(By.CSS_SELECTOR, "main form select[name=decision]"), "the need's page has lists")
        # The switch is clicked but kept from leaving, so what it stored can be read.
        b.driver.execute_script("""var link = document.querySelector('a.language-switch');
            link.addEventListener('click', function (event) { event.preventDefault(); });
            link.click();""")
        self.assertIsNone(b.driver.execute_script("return window.sessionStorage.getItem('domino-typed-input')"))
        # A list someone changed is carried.
        Select(b.driver.find_element(By.CSS_SELECTOR, "main form select[name=decision]")).select_by_index(1)
        b.driver.execute_script("document.querySelector('a.language-switch').click();")
        self.assertIsNotNone(b.driver.execute_script("return window.sessionStorage.getItem('domino-typed-input')"))
