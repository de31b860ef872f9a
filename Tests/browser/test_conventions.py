"""Issue 15's journey in a real browser: a guest registers on an event's public page, the confirmation
arrives at an SMTP sink this test starts (aiosmtpd, through scripts/smtp-sink.py), the QR code in it
decodes with an independent decoder (zbarimg, Debian's zbar-tools) to the door code, and the organizer's
check-in desk checks that code in; a second scan says "already checked in", and the desk says so when
the connection is lost.

browser-tests.sh starts `domino worker` with the relay at SMTP_SINK_PORT; the sink listens there only
while this test runs (the worker's first attempt at our message comes after the sink is up).
"""
import datetime
import email
import email.policy
import glob
import json
import os
import re
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from console_browser import BASE, DEMO_PASSWORD, PATIENCE, Browser

ORGANIZER = "organizer@demo.domino.example"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def api(method, path, body=None, token=None):
    request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=PATIENCE) as response:
        return json.loads(response.read())


class ConventionJourney(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mailbox = tempfile.mkdtemp(prefix="domino-sink-")
        cls.sink = subprocess.Popen([os.path.join(ROOT, ".venv/bin/python"), os.path.join(ROOT, "scripts/smtp-sink.py"),
                                     os.environ["SMTP_SINK_PORT"], cls.mailbox])
        deadline = time.monotonic() + PATIENCE
        while not os.path.exists(os.path.join(cls.mailbox, "ready")):
            if time.monotonic() > deadline or cls.sink.poll() is not None:
                raise RuntimeError("the SMTP sink did not start")
            time.sleep(0.1)

    @classmethod
    def tearDownClass(cls):
        cls.sink.terminate()
        cls.sink.wait(timeout=PATIENCE)

    def setUp(self):
        # An event on today's date in Japan: the desk checks people in for today.
        token = api("POST", "/v1/auth/login", {"email": ORGANIZER, "password": DEMO_PASSWORD})["token"]
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        self.event = api("POST", "/v1/events", {
            "kind": "workshop", "titleJa": "脱炭素ワークショップ(ブラウザテスト)", "titleEn": "Decarbonization workshop (browser test)",
            "startsAt": (now - datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
            "endsAt": (now + datetime.timedelta(hours=8)).isoformat().replace("+00:00", "Z"),
            "venue": "横浜市役所 アトリウム", "format": "in_person", "inPersonCapacity": 30}, token)
        self.guest = f"guest-{int(time.time())}@example.vn"

    def wait_for_mail(self, recipient, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for envelope in glob.glob(os.path.join(self.mailbox, "*.envelope")):
                with open(envelope) as f:
                    if recipient in f.read().split("\n")[1:]:
                        with open(envelope.removesuffix(".envelope") + ".eml", "rb") as message:
                            return email.message_from_bytes(message.read(), policy=email.policy.default)
            time.sleep(0.5)
        self.fail(f"no message for {recipient} reached the sink within {timeout} s")

    def test_register_mail_qr_and_desk(self):
        guest = Browser(self, "guest")
        try:
            self.register(guest)
        finally:
            guest.close()
        code = self.door_code_from_mail()
        desk = Browser(self, "organizer")
        try:
            self.check_in(desk, code)
        finally:
            desk.close()

    def register(self, b):
        path = f"/events/{self.event['id'].lower()}/register"
        b.visit(path, "public-registration")
        self.assertIn("参加登録", b.driver.title)
        self.assertIn("残り30席", b.text())
        d = b.driver
        d.find_element(By.ID, "nameJa").send_keys("グエン・アン")
        d.find_element(By.ID, "nameEn").send_keys("Nguyen An")
        d.find_element(By.ID, "email").send_keys(self.guest)
        d.find_element(By.ID, "organisation").send_keys("Da Nang Solar JSC")
        Select(d.find_element(By.ID, "country")).select_by_value("VN")
        Select(d.find_element(By.ID, "sector")).select_by_value("industry")
        Select(d.find_element(By.ID, "role")).select_by_value("overseas_company")
        # The honeypot is out of sight and out of the tab order: a person never fills it.
        self.assertFalse(d.find_element(By.ID, "website").is_displayed())
        d.find_element(By.CSS_SELECTOR, "label[for=consent]").click()
        b.submit("form.guest-form", "public-registration-thanks")
        self.assertEqual(urllib.parse.urlparse(d.current_url).path, path + "/thanks")
        self.assertIn("お申し込みを受け付けました", b.text())

    def door_code_from_mail(self):
        message = self.wait_for_mail(self.guest)
        self.assertIn("【受付完了】", message["Subject"])
        text = message.get_body(preferencelist=("plain",)).get_content()
        printed = re.search(r"受付コード: ([A-Z0-9]{6})", text).group(1)
        pngs = [part for part in message.walk() if part.get_content_type() == "image/png"]
        self.assertEqual(len(pngs), 1)
        with tempfile.NamedTemporaryFile(suffix=".png") as image:
            image.write(pngs[0].get_content())
            image.flush()
            # zbar is not Domino's code: an independent reading of the QR code Domino drew.
            decoded = subprocess.run(["zbarimg", "--raw", "-q", image.name], capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(decoded, printed)
        return decoded

    def desk_result(self, b, expected):
        WebDriverWait(b.driver, PATIENCE).until(
            lambda d: expected in d.find_element(By.ID, "desk-result").text and d.find_element(By.ID, "desk-result").is_displayed())
        return b.driver.find_element(By.ID, "desk-result").text

    def check_in(self, b, code):
        b.sign_in(ORGANIZER)
        b.visit(f"/conventions/events/{self.event['id'].lower()}", "event")
        self.assertIn("グエン・アン / Nguyen An", b.text())
        b.click("a[href$='/desk']", "desk")
        d = b.driver
        d.find_element(By.ID, "code").send_keys(code.lower())
        d.find_element(By.CSS_SELECTOR, "#desk-form button[type=submit]").click()
        first = self.desk_result(b, "チェックインしました")
        self.assertIn("グエン・アン / Nguyen An", first)
        self.assertIn("産業（企業）・海外企業", first)
        self.assertIn("desk-result ok", d.find_element(By.ID, "desk-result").get_attribute("class"))
        b.check_page("desk-checked-in")
        d.find_element(By.ID, "code").send_keys(code)
        d.find_element(By.CSS_SELECTOR, "#desk-form button[type=submit]").click()
        self.desk_result(b, "すでにチェックイン済みです")
        self.assertIn("desk-result again", d.find_element(By.ID, "desk-result").get_attribute("class"))
        b.check_page("desk-already-checked-in")
        # The connection goes: the next code cannot be sent, and the desk is told so.
        d.execute_cdp_cmd("Network.emulateNetworkConditions",
                          {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        try:
            d.find_element(By.ID, "code").send_keys(code)
            d.find_element(By.CSS_SELECTOR, "#desk-form button[type=submit]").click()
            WebDriverWait(d, PATIENCE).until(lambda d: d.find_element(By.ID, "desk-offline").is_displayed())
            self.assertIn("接続できません", d.find_element(By.ID, "desk-offline").text)
            b.photograph("desk-offline", "desktop")
            b.phone()
            b.photograph("desk-offline", "phone")
            b.desktop()
        finally:
            d.execute_cdp_cmd("Network.emulateNetworkConditions",
                              {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    def test_online_attendance_import_dry_run_then_confirm(self):
        """A Zoom report through the console: the dry run's table first (nothing written), then the import."""
        token = api("POST", "/v1/auth/login", {"email": ORGANIZER, "password": DEMO_PASSWORD})["token"]
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        event = api("POST", "/v1/events", {
            "kind": "seminar", "titleJa": "オンラインセミナー(ブラウザテスト)", "titleEn": "Online seminar (browser test)",
            "startsAt": (now - datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
            "endsAt": (now + datetime.timedelta(hours=8)).isoformat().replace("+00:00", "Z"),
            "format": "online", "onlineCapacity": 30}, token)
        attendee = f"online-{int(time.time())}@example.vn"
        api("POST", f"/v1/events/{event['id']}/registrations", {
            "participant": {"nameEn": "Maria Santos", "email": attendee, "sector": "industry", "role": "overseas_company"}}, token)
        # Zoom writes times in the account's time zone (Japan for the programme's account).
        joined = (now + datetime.timedelta(hours=9)).strftime("%m/%d/%Y %I:%M:%S %p")
        report = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                  f"Maria Santos,{attendee},{joined},{joined},45,Yes\r\n"
                  f"Unknown Person,who-{int(time.time())}@example.com,{joined},{joined},30,Yes\r\n")
        with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8-sig", delete=False) as f:
            f.write(report)
            path = f.name
        b = Browser(self, "organizer")
        try:
            b.sign_in(ORGANIZER)
            b.visit(f"/conventions/events/{event['id'].lower()}", "online-event")
            b.click("a[href$='/attendance-import']", "attendance-import")
            d = b.driver
            Select(d.find_element(By.ID, "source")).select_by_value("zoom")
            d.find_element(By.ID, "file").send_keys(path)
            b.submit("form.panel", "attendance-import-dry-run")
            table = b.text()
            self.assertIn("UTF-8（BOM 付き）", table)
            self.assertIn(attendee, table)
            self.assertIn("取り込まない: このイベントに登録されていない", table)
            self.assertEqual(api("GET", f"/v1/events/{event['id']}/attendance", token=token)["items"][0]["attendedOnline"], 0)
            b.submit("form[action$='/attendance-import/confirm']", "attendance-import-done")
            self.assertIn("1 人を出席として受付しました", b.text())
            self.assertEqual(api("GET", f"/v1/events/{event['id']}/attendance", token=token)["items"][0]["attendedOnline"], 1)
        finally:
            b.close()
            os.unlink(path)


if __name__ == "__main__":
    unittest.main()
