import Accounts
import App
import Companies
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A company asks to join Domino (signup31): the public form, the mailed confirmation link, the administrator's
/// review with the likely existing companies, and the decision (approve as a new or an existing company, which invites
/// the applicant; decline with a mailed reason). Real server, fresh database; mail read from the outbox.
@Suite("Console applications to join as a company")
struct ConsoleCompanyApplicationTests {
    /// A valid 法人番号 (check digit 8) and another (check digit 6).
    static let number = "8700110005901"
    static let otherNumber = "6020001077096"

    static func email() -> String { "applicant-\(UUID().uuidString.prefix(8).lowercased())@console.test.domino.example" }

    static func form(email: String, _ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("nameJa", "みなと水素テック株式会社"), ("nameEn", "Minato Hydrogen Tech Co., Ltd."), ("corporateNumber", ""),
            ("website", "https://minato-h2.example.jp"), ("size", "sme"), ("offer", "小型の水素製造装置と、港湾での運用の経験があります。"),
            ("applicantName", "港 花子"), ("email", email), ("department", "海外事業部"), ("consent", "yes"),
        ]
        for (name, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
        }
        return fields.filter { !($0.0 == "consent" && $0.1.isEmpty) }
    }

    static func apply(_ browser: inout ConsoleBrowser, email: String, _ changes: [String: String] = [:]) async throws -> TestClient.Response {
        _ = try await browser.get("/apply")
        return try await browser.post("/apply", form: form(email: email, changes))
    }

    static func mails(_ application: Application, kind: String = "company_application") async throws -> [(to: String, subject: String, text: String)] {
        try await application.pool.query("SELECT recipient, subject, text_body FROM mail_outbox WHERE kind = \(kind) ORDER BY id").map {
            (try $0.decode("recipient"), try $0.decode("subject"), try $0.decode("text_body"))
        }
    }

    static func confirmLink(in text: String) throws -> String {
        String(try #require(text.firstMatch(of: /\/apply\/confirm\/dma_[A-Za-z0-9_-]{43}/)).output)
    }

    /// Applies and confirms; the application's page path.
    static func appliedAndConfirmed(_ port: Int, _ application: Application, email: String, _ changes: [String: String] = [:]) async throws -> String {
        var company = ConsoleBrowser(port: port)
        #expect(try await apply(&company, email: email, changes).status == 303)
        let link = try confirmLink(in: try #require(try await mails(application).last { $0.to == email }).text)
        _ = try await company.get(link)
        #expect(try await company.post(link, form: []).status == 200)
        let id: UUID = try await application.pool.query("SELECT id FROM company_applications WHERE email = \(email)")[0].decode("id")
        return "/applications/\(id.uuidString.lowercased())"
    }

    static func admin(_ port: Int, _ application: Application) async throws -> ConsoleBrowser {
        let (email, _) = try await ConsoleBrowser.user(application, .admin)
        var admin = ConsoleBrowser(port: port)
        #expect(try await admin.signIn(email).status == 303)
        return admin
    }

    static func count(_ sql: PostgresQuery, _ application: Application) async throws -> Int {
        try await application.pool.query(sql)[0].decode("n")
    }

    @Test("apply, confirm the address, approve as a new company: the invitation sets a password and the company user sees their company")
    func newCompanyRoundTrip() async throws {
        try await withTestServer { port, application in
            var company = ConsoleBrowser(port: port)
            let login = try await company.get("/login")
            #expect(login.text.contains("href=\"/apply\">企業として参加を申し込む</a>"))
            let email = Self.email()
            let sent = try await Self.apply(&company, email: email)
            #expect(sent.status == 303 && sent.header("Location") == "/apply/sent")
            #expect(try await company.get("/apply/sent").text.contains("申し込みを確認するリンクを送りました"))
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications WHERE state = 'unconfirmed'", application) == 1)

            let mails = try await Self.mails(application)
            try #require(mails.count == 1)
            #expect(mails[0].to == email && mails[0].subject == "Domino 参加申し込みの確認 / Confirm your application to Domino")
            let japanese = try #require(mails[0].text.range(of: "参加申し込みを受け付けました"))
            let english = try #require(mails[0].text.range(of: "We received an application to join Domino"))
            #expect(japanese.lowerBound < english.lowerBound, "Japanese first")
            let link = try Self.confirmLink(in: mails[0].text)

            var admin = try await Self.admin(port, application)
            #expect(!(try await admin.get("/applications").text.contains("みなと水素テック")), "an unconfirmed application does not reach the programme")

            let confirm = try await company.get(link)
            #expect(confirm.status == 200 && confirm.text.contains("申し込みを確認する"))
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications WHERE state = 'waiting'", application) == 0, "a GET confirms nothing")
            let confirmed = try await company.post(link, form: [])
            #expect(confirmed.status == 200 && confirmed.text.contains("メールアドレスを確認しました"))
            _ = try await company.get("/apply")
            #expect(try await company.post(link, form: []).status == 404, "the link works once")

            #expect(try await admin.get("/admin").text.contains("1件が判断待ち"))
            let list = try await admin.get("/applications")
            #expect(list.text.contains("みなと水素テック株式会社 / Minato Hydrogen Tech Co., Ltd.") && list.text.contains("table-wrap"))
            let id: UUID = try await application.pool.query("SELECT id FROM company_applications WHERE email = \(email)")[0].decode("id")
            let path = "/applications/\(id.uuidString.lowercased())"
            let page = try await admin.get(path)
            #expect(page.text.contains("小型の水素製造装置") && page.text.contains("海外事業部") && page.text.contains(email))
            #expect(page.text.contains("法人番号や名前が一致する会社はありません"))
            #expect(page.text.contains("id=\"company-new\" name=\"company\" value=\"new\" checked"))
            let companiesBefore = try await Self.count("SELECT count(*) AS n FROM companies", application)

            let approved = try await admin.post(path + "/approve", form: [("company", "new")])
            #expect(approved.status == 303 && approved.header("Location") == path + "?approved=1")
            #expect(try await admin.get(path + "?approved=1").text.contains("承認しました"))
            #expect(try await Self.count("SELECT count(*) AS n FROM companies", application) == companiesBefore + 1)
            let companyID: UUID = try await application.pool.query("SELECT company_id FROM company_applications WHERE id = \(id)")[0].decode("company_id")
            let user = try await application.pool.query("SELECT role, company_id, display_name FROM users WHERE email = \(email)")[0]
            #expect(try user.decode("role", as: String.self) == "company" && user.decode("company_id", as: UUID.self) == companyID)
            #expect(try user.decode("display_name", as: String.self) == "港 花子")
            let actions: [String] = try await application.pool.query("""
                SELECT action FROM audit_log WHERE action LIKE 'company_application.%' AND entity_id = \(id.uuidString.lowercased())
                """).map { try $0.decode("action") }
            #expect(actions == ["company_application.approve"])
            #expect(!(try await admin.get("/admin").text.contains("判断待ち")))

            let invitation = try #require(try await ConsolePasswordResetTests.mails(application).first { $0.to == email })
            let setLink = try ConsolePasswordResetTests.link(in: invitation.text)
            var person = ConsoleBrowser(port: port)
            _ = try await person.get(setLink)
            let chosen = "a passphrase of the hydrogen company 2026"
            #expect(try await person.post(setLink, form: [("newPassword", chosen), ("newPasswordAgain", chosen)]).status == 200)
            #expect(try await person.signIn(email, password: chosen).status == 303)
            let home = try await person.get("/")
            #expect(home.text.contains("href=\"/companies/\(companyID.uuidString.lowercased())\""))
            let own = try await person.get("/companies/\(companyID.uuidString.lowercased())")
            #expect(own.status == 200 && own.text.contains("みなと水素テック株式会社"))
        }
    }

    @Test("approved onto an existing company: the same 法人番号 is offered and chosen, no company is added, the user joins it")
    func ontoExistingCompany() async throws {
        try await withTestServer { port, application in
            let existing: UUID = try await application.pool.query("""
                INSERT INTO companies (name_ja, name_en, corporate_number, size) VALUES ('港水素工業', 'Port Hydrogen Works', \(Self.number), 'large') RETURNING id
                """)[0].decode("id")
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email, ["corporateNumber": "８７００１１０００５９０１"])
            var admin = try await Self.admin(port, application)
            admin.cookies["domino_lang"] = "en"
            let page = try await admin.get(path)
            #expect(page.text.contains("Port Hydrogen Works") && page.text.contains("same 法人番号"))
            #expect(page.text.contains("name=\"company\" value=\"\(existing.uuidString.lowercased())\" checked"), "the company with the same number is chosen")
            let before = try await Self.count("SELECT count(*) AS n FROM companies", application)
            let approved = try await admin.post(path + "/approve", form: [("company", existing.uuidString.lowercased())])
            #expect(approved.status == 303)
            #expect(try await Self.count("SELECT count(*) AS n FROM companies", application) == before)
            let bound: UUID = try await application.pool.query("SELECT company_id FROM users WHERE email = \(email)")[0].decode("company_id")
            #expect(bound == existing)
            #expect(try await admin.get(path).text.contains("Open the company&#39;s page"))
            #expect(try await ConsolePasswordResetTests.mails(application).contains { $0.to == email && $0.text.contains("/password-reset/dmr_") })
        }
    }

    @Test("an archived company is listed as likely, marked and not offered; approving onto it is refused (422), nothing written, the application still waits")
    func ontoArchivedCompany() async throws {
        try await withTestServer { port, application in
            let archived: UUID = try await application.pool.query("""
                INSERT INTO companies (name_ja, name_en, corporate_number, size, archived)
                VALUES ('港水素工業', 'Port Hydrogen Works', \(Self.number), 'large', true) RETURNING id
                """)[0].decode("id")
            let value = archived.uuidString.lowercased()
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email, ["corporateNumber": Self.number])
            var admin = try await Self.admin(port, application)
            let page = try await admin.get(path)
            #expect(page.text.contains("href=\"/companies/\(value)\"") && page.text.contains("アーカイブ済みのため選べません"), "listed, and why it cannot be chosen")
            #expect(!page.text.contains("name=\"company\" value=\"\(value)\""), "not offered")
            #expect(page.text.contains("name=\"company\" value=\"new\" checked"))

            // From a page read before it was archived: refused beside the choice.
            let (companies, users) = (try await Self.count("SELECT count(*) AS n FROM companies", application),
                                      try await Self.count("SELECT count(*) AS n FROM users", application))
            let refused = try await admin.post(path + "/approve", form: [("company", value)])
            #expect(refused.status == 422 && refused.text.contains("選んだ会社はアーカイブされているため、加えられません"))
            #expect(try await Self.count("SELECT count(*) AS n FROM companies", application) == companies)
            #expect(try await Self.count("SELECT count(*) AS n FROM users", application) == users)
            let state: String = try await application.pool.query("SELECT state FROM company_applications WHERE email = \(email)")[0].decode("state")
            #expect(state == "waiting")
            #expect(try await ConsolePasswordResetTests.mails(application).allSatisfy { $0.to != email }, "nobody invited")
        }
    }

    @Test("declined with a reason the applicant receives; a decision taken twice is a 409 and changes nothing")
    func declineAndDecideOnce() async throws {
        try await withTestServer { port, application in
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email)
            var admin = try await Self.admin(port, application)
            _ = try await admin.get(path)
            let empty = try await admin.post(path + "/decline", form: [("reason", "  ")])
            #expect(empty.status == 422 && empty.text.contains("見送る理由を入力してください"))
            let reason = "今年度の対象は横浜市内に拠点のある企業に限っています。"
            let declined = try await admin.post(path + "/decline", form: [("reason", reason)])
            #expect(declined.status == 303 && declined.header("Location") == path + "?declined=1")
            let mail = try #require(try await Self.mails(application).last)
            #expect(mail.to == email && mail.subject == "Domino 参加申し込みについて / About your application to Domino")
            #expect(mail.text.contains(reason) && mail.text.contains("港 花子 様") && mail.text.contains("Dear 港 花子"))
            let mailsAfterDecline = try await Self.mails(application).count

            let again = try await admin.post(path + "/decline", form: [("reason", "二度目")])
            #expect(again.status == 409 && again.text.contains("この申し込みはすでに判断されています"))
            let approve = try await admin.post(path + "/approve", form: [("company", "new")])
            #expect(approve.status == 409 && approve.text.contains("この申し込みはすでに判断されています"))
            #expect(try await Self.mails(application).count == mailsAfterDecline)
            #expect(try await Self.count("SELECT count(*) AS n FROM users WHERE email = \(email)", application) == 0)
            let state: String = try await application.pool.query("SELECT state FROM company_applications WHERE email = \(email)")[0].decode("state")
            #expect(state == "declined")
            #expect(try await admin.get(path).text.contains(reason))
        }
    }

    @Test("a decided application past its retention shows the reason and the decision but not the applicant, saying when it was anonymised")
    func anonymisedPage() async throws {
        try await withTestServer { port, application in
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email)
            var admin = try await Self.admin(port, application)
            _ = try await admin.get(path)
            let reason = "今年度の対象は横浜市内に拠点のある企業に限っています。"
            #expect(try await admin.post(path + "/decline", form: [("reason", reason)]).status == 303)
            let later = application.clock.now().addingTimeInterval(CompanyService.decidedApplicationRetention + 86_400)
            #expect(try await CompanyService(pool: application.pool, clock: application.clock).anonymiseDecidedApplications(now: later) == 1)
            let page = try await admin.get(path)
            #expect(page.status == 200 && page.text.contains(reason) && page.text.contains("匿名化しました"))
            #expect(!page.text.contains(email) && !page.text.contains("港 花子"))
        }
    }

    @Test("an approval taken twice is a 409: one company, one user, one invitation")
    func approveOnce() async throws {
        try await withTestServer { port, application in
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email)
            var admin = try await Self.admin(port, application)
            _ = try await admin.get(path)
            #expect(try await admin.post(path + "/approve", form: [("company", "new")]).status == 303)
            let companies = try await Self.count("SELECT count(*) AS n FROM companies", application)
            let second = try await admin.post(path + "/approve", form: [("company", "new")])
            #expect(second.status == 409 && second.text.contains("この申し込みはすでに判断されています"))
            #expect(try await Self.count("SELECT count(*) AS n FROM companies", application) == companies)
            #expect(try await ConsolePasswordResetTests.mails(application).filter { $0.to == email }.count == 1)
        }
    }

    @Test("refusals keep the input and store nothing: a bad 法人番号, no consent, too long a text")
    func formRefusals() async throws {
        try await withTestServer { port, application in
            var company = ConsoleBrowser(port: port)
            let email = Self.email()
            let badNumber = try await Self.apply(&company, email: email, ["corporateNumber": "1234567890123"])
            #expect(badNumber.status == 422 && badNumber.text.contains("法人番号は13桁の数字で入力してください"))
            #expect(badNumber.text.contains("value=\"1234567890123\"") && badNumber.text.contains("value=\"港 花子\""), "the input is kept")
            let noConsent = try await Self.apply(&company, email: email, ["consent": ""])
            #expect(noConsent.status == 422 && noConsent.text.contains("データの利用への同意が必要です"))
            #expect(noConsent.text.contains("小型の水素製造装置と、港湾での運用の経験があります。"))
            let long = try await Self.apply(&company, email: email, ["offer": String(repeating: "水", count: 1001)])
            #expect(long.status == 422 && long.text.contains("1,000文字以内で入力してください"))
            let noName = try await Self.apply(&company, email: email, ["nameJa": "", "nameEn": ""])
            #expect(noName.status == 422 && noName.text.contains("会社名を日本語か英語で入力してください"))
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications", application) == 0)
            #expect(try await Self.mails(application).isEmpty)
        }
    }

    @Test("the name reading (フリガナ): anything but kana is refused beside the field (422, input kept, nothing written); half-width kana are stored full-width")
    func nameReadingOnTheForm() async throws {
        try await withTestServer { port, application in
            var company = ConsoleBrowser(port: port)
            let email = Self.email()
            let refused = try await Self.apply(&company, email: email, ["nameReading": "Minato Suiso"])
            #expect(refused.status == 422 && refused.text.contains("id=\"nameReading-error\">企業名フリガナはひらがなかカタカナで入力してください"))
            #expect(refused.text.contains("value=\"Minato Suiso\"") && refused.text.contains("value=\"港 花子\""), "the input is kept")
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications", application) == 0)
            #expect(try await Self.mails(application).isEmpty)

            #expect(try await Self.apply(&company, email: email, ["nameReading": "ﾐﾅﾄ ｽｲｿﾃｯｸ"]).status == 303)
            let stored: String? = try await application.pool.query("SELECT name_reading FROM company_applications WHERE email = \(email)")[0].decode("name_reading")
            #expect(stored == "ミナト スイソテック")
        }
    }

    @Test("approval passes the reading on: to the company it creates, and to a picked company without one; a company's own reading stays")
    func approvalPassesReadingOn() async throws {
        try await withTestServer { port, application in
            var admin = try await Self.admin(port, application)
            func reading(_ company: UUID) async throws -> (reading: String?, version: Int, updatedAt: Date) {
                let row = try await application.pool.query("SELECT name_reading, version, updated_at FROM companies WHERE id = \(company)")[0]
                return (try row.decode("name_reading"), try row.decode("version"), try row.decode("updated_at"))
            }
            func approve(_ path: String, onto company: String) async throws -> UUID {
                _ = try await admin.get(path)
                #expect(try await admin.post(path + "/approve", form: [("company", company)]).status == 303)
                let id = try #require(UUID(uuidString: String(path.dropFirst("/applications/".count))))
                return try await application.pool.query("SELECT company_id FROM company_applications WHERE id = \(id)")[0].decode("company_id")
            }

            let asNew = try await Self.appliedAndConfirmed(port, application, email: Self.email(), ["nameReading": "みなと すいそてっく"])
            #expect(try await admin.get(asNew).text.contains("みなと すいそてっく"), "shown on the review page")
            let created = try await approve(asNew, onto: "new")
            #expect(try await reading(created).reading == "みなと すいそてっく")

            let bare: UUID = try await application.pool.query("""
                INSERT INTO companies (name_ja, corporate_number, size) VALUES ('港水素工業', \(Self.number), 'large') RETURNING id
                """)[0].decode("id")
            let bareBefore = try await reading(bare)
            let ontoBare = try await Self.appliedAndConfirmed(port, application, email: Self.email(), ["nameReading": "ミナトスイソコウギョウ"])
            #expect(try await approve(ontoBare, onto: bare.uuidString.lowercased()) == bare)
            let bareAfter = try await reading(bare)
            #expect(bareAfter.reading == "ミナトスイソコウギョウ" && bareAfter.version == bareBefore.version + 1, "filled, as a new version")
            #expect(bareAfter.updatedAt == application.clock.now(), "stamped by the programme clock, not the database's")

            let named: UUID = try await application.pool.query("""
                INSERT INTO companies (name_ja, corporate_number, size, name_reading)
                VALUES ('港水素販売', \(Self.otherNumber), 'sme', 'ミナトスイソハンバイ') RETURNING id
                """)[0].decode("id")
            let namedBefore = try await reading(named)
            let ontoNamed = try await Self.appliedAndConfirmed(port, application, email: Self.email(), ["nameReading": "ミナト"])
            #expect(try await approve(ontoNamed, onto: named.uuidString.lowercased()) == named)
            #expect(try await reading(named) == namedBefore, "a reading the company has stays")
        }
    }

    @Test("a link expired or unknown is refused and confirms nothing")
    func linkRefusals() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            var company = ConsoleBrowser(port: port)
            #expect(try await company.get("/apply/confirm/dma_" + String(repeating: "A", count: 43)).status == 404)
            #expect(try await company.get("/apply/confirm/nonsense").status == 404)
            let email = Self.email()
            #expect(try await Self.apply(&company, email: email).status == 303)
            let link = try Self.confirmLink(in: try #require(try await Self.mails(application).first).text)
            clock.advance(seconds: 3 * 86400 + 1)
            let expired = try await company.get(link)
            #expect(expired.status == 404 && expired.text.contains("このリンクは無効です"))
            _ = try await company.get("/apply")
            #expect(try await company.post(link, form: []).status == 404)
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications WHERE state = 'waiting'", application) == 0)
        }
    }

    @Test("the same answer for an address whose application waits: no second row, no mail; an unconfirmed one gets a new link")
    func sameAnswerForWaitingAddress() async throws {
        try await withTestServer { port, application in
            let email = Self.email()
            var company = ConsoleBrowser(port: port)
            #expect(try await Self.apply(&company, email: email).status == 303)
            let first = try Self.confirmLink(in: try #require(try await Self.mails(application).first).text)
            let again = try await Self.apply(&company, email: email.uppercased(), ["offer": "書き直した内容"])
            #expect(again.status == 303 && again.header("Location") == "/apply/sent")
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications", application) == 1)
            let mails = try await Self.mails(application)
            try #require(mails.count == 2)
            let second = try Self.confirmLink(in: mails[1].text)
            #expect(try await company.get(first).status == 404, "the newer link replaces the older")
            _ = try await company.get(second)
            #expect(try await company.post(second, form: []).status == 200)

            let waiting = try await Self.apply(&company, email: email, ["offer": "三度目"])
            #expect(waiting.status == 303 && waiting.header("Location") == "/apply/sent")
            #expect(try await Self.count("SELECT count(*) AS n FROM company_applications", application) == 1)
            #expect(try await Self.mails(application).count == 2, "nothing is mailed for an application that waits")
            let offer: String = try await application.pool.query("SELECT offer FROM company_applications")[0].decode("offer")
            #expect(offer == "書き直した内容", "the confirmed application is not changed")
        }
    }

    @Test("only administrators review: a coordinator, the council and a company user are refused", arguments: [Role.coordinator, .viewer, .company])
    func reviewersOnly(role: Role) async throws {
        try await withTestServer { port, application in
            let email = Self.email()
            let path = try await Self.appliedAndConfirmed(port, application, email: email)
            var bound: UUID?
            if role == .company { bound = try await DirectoryPlaceholders.company(in: application.pool) }
            let (other, _) = try await ConsoleBrowser.user(application, role, companyID: bound)
            var browser = ConsoleBrowser(port: port)
            #expect(try await browser.signIn(other).status == 303)
            #expect(try await browser.get("/applications").status == 403)
            #expect(try await browser.get(path).status == 403)
            _ = try await browser.get("/")
            #expect(try await browser.post(path + "/approve", form: [("company", "new")]).status == 403)
            #expect(try await browser.post(path + "/decline", form: [("reason", "no")]).status == 403)
            let state: String = try await application.pool.query("SELECT state FROM company_applications WHERE email = \(email)")[0].decode("state")
            #expect(state == "waiting")
        }
    }
}
