"""The console's journeys, each as its role, on the demo data (docs/console.md)."""
import unittest
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from console_browser import Browser

COORDINATOR = "coordinator@demo.domino.example"
ADMIN = "admin@demo.domino.example"
VIEWER = "viewer@demo.domino.example"
LIAISON = "liaison@demo.domino.example"
COMPANY = "company@demo.domino.example"


class Journey(unittest.TestCase):
    role = None

    def setUp(self):
        self.browser = Browser(self, self.role)

    def tearDown(self):
        self.browser.close()

    def path(self):
        return urllib.parse.urlparse(self.browser.driver.current_url).path


class CoordinatorJourney(Journey):
    role = "coordinator"

    def test_home_needs_lead_and_language(self):
        b = self.browser
        b.sign_in(COORDINATOR)
        self.assertIn("担当案件", b.text())
        b.visit("/needs", "needs")
        search = b.driver.find_element(By.ID, "q")
        search.send_keys("廃棄物")
        b.submit("form[role=search]", "needs-search-ja")
        b.driver.find_element(By.ID, "q").clear()
        b.driver.find_element(By.ID, "q").send_keys("solar")
        b.submit("form[role=search]", "needs-search-en")
        b.visit("/needs?q=%E5%BB%83%E6%A3%84%E7%89%A9", "needs-search")
        b.click("main table tbody a", "need")
        self.assertIn("マッチした企業", b.text())
        b.submit("form[action$='/leads']", "lead-started")
        self.assertTrue(self.path().startswith("/leads/"))
        self.assertIn("案件を開始しました", b.text())
        Select(b.driver.find_element(By.ID, "to")).select_by_value("qualified")
        b.driver.find_element(By.ID, "note").send_keys("初回面談で関心を確認")
        b.submit("form[action$='/stage']", "lead-moved")
        self.assertIn("段階を変更しました", b.text())
        b.driver.find_element(By.ID, "notes").send_keys("ダナン市環境局と面談")
        b.driver.find_element(By.ID, "nextAction").send_keys("見積りを送る")
        b.submit("form[action$='/activities']", "lead-activity")
        self.assertIn("ダナン市環境局と面談", b.text())
        b.click("a.language-switch", "lead-english")
        self.assertEqual(b.driver.execute_script("return document.documentElement.lang"), "en")
        self.assertIn("Stage history", b.text())
        b.visit("/kpi", "kpi-english")
        b.click("a.language-switch", "kpi-japanese")
        b.submit("form[action='/logout']", "signed-out")
        self.assertEqual(self.path(), "/login")


class LiaisonJourney(Journey):
    role = "liaison"

    def test_my_city_needs_and_report_one(self):
        b = self.browser
        b.sign_in(LIAISON)
        b.visit("/needs", "my-city-needs")
        b.visit("/needs/new", "add-need")
        b.driver.find_element(By.ID, "titleJa").send_keys("下水汚泥の再資源化")
        b.driver.find_element(By.ID, "descriptionEn").send_keys("Sewage sludge to fertiliser and biogas")
        filter_box = b.driver.find_element(By.ID, "taxonomyCodes-filter")
        self.assertTrue(filter_box.is_displayed(), "the filter box appears with JavaScript")
        filter_box.send_keys("waste")
        b.driver.find_element(By.CSS_SELECTOR, "#taxonomyCodes-list li:not([hidden]) input").click()
        b.submit("form[action='/needs/new']", "need-reported")
        self.assertTrue(self.path().startswith("/needs/"))
        self.assertIn("下水汚泥の再資源化", b.driver.find_element(By.TAG_NAME, "h1").text)
        b.click("a[href$='/edit']", "edit-need")
        b.driver.find_element(By.ID, "titleEn").send_keys("Sewage sludge recycling")
        Select(b.driver.find_element(By.ID, "status")).select_by_value("in_progress")
        b.submit("form[action$='/edit']", "need-saved")
        self.assertIn("ニーズを保存しました", b.text())

    def test_a_refused_need_keeps_the_input(self):
        b = self.browser
        b.sign_in(LIAISON)
        b.visit("/needs/new", "add-need-empty")
        b.driver.find_element(By.ID, "descriptionJa").send_keys("件名なし")
        b.submit("form[action='/needs/new']", "add-need-error", status=422)
        self.assertIn("件名を日本語か英語で入力してください", b.text())
        self.assertEqual(b.driver.find_element(By.ID, "descriptionJa").get_attribute("value"), "件名なし")


class CompanyJourney(Journey):
    role = "company"

    def test_my_company(self):
        b = self.browser
        b.sign_in(COMPANY)
        b.click("nav a[href^='/companies/']", "my-company")
        self.assertIn("技術", b.text())


class CouncilJourney(Journey):
    role = "viewer"

    def test_kpi_dashboard(self):
        b = self.browser
        b.sign_in(VIEWER)
        b.visit("/kpi", "kpi")
        Select(b.driver.find_element(By.ID, "fy")).select_by_value("2024")
        b.submit("form[action='/kpi']", "kpi-fy2024")
        self.assertIn("令和6年度", b.driver.find_element(By.TAG_NAME, "h1").text)
        self.assertGreater(len(b.driver.find_elements(By.CSS_SELECTOR, "svg.chart")), 0)
        self.assertGreater(len(b.driver.find_elements(By.CSS_SELECTOR, "main table")), 1)
        link = b.driver.find_element(By.CSS_SELECTOR, "a[href^='/kpi/report.csv']").get_attribute("href")
        self.assertTrue(link.endswith("/kpi/report.csv?fy=2024"))
        b.visit("/users", "users-refused", status=403)
        self.assertEqual(b.driver.find_element(By.TAG_NAME, "h1").text, "このページは表示できません")


class AdminJourney(Journey):
    role = "admin"

    def test_users_and_kpis(self):
        b = self.browser
        b.sign_in(ADMIN)
        b.click("nav a[href='/users']", "users")
        self.assertIn("coordinator@demo.domino.example", b.text())
        b.visit("/kpi", "kpi")
        b.visit("/no/such/page", "not-found", status=404)
        self.assertEqual(b.driver.find_element(By.TAG_NAME, "h1").text, "ページが見つかりません")


if __name__ == "__main__":
    unittest.main()
