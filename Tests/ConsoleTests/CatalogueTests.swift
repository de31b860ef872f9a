@testable import Console
import Foundation
import Postgres
import DomainKit
import Testing

@Suite("Catalogue and formats")
struct CatalogueTests {
    @Test("every message has a Japanese and an English text")
    func complete() {
        let missingJa = Message.allCases.filter { Catalogue.ja[$0]?.isEmpty ?? true }
        let missingEn = Message.allCases.filter { Catalogue.en[$0]?.isEmpty ?? true }
        #expect(missingJa.isEmpty, "missing in Catalogue+ja.swift: \(missingJa)")
        #expect(missingEn.isEmpty, "missing in Catalogue+en.swift: \(missingEn)")
    }

    @Test("placeholders agree between the languages")
    func placeholders() {
        for message in Message.allCases {
            let ja = Catalogue.ja[message] ?? "", en = Catalogue.en[message] ?? ""
            for index in 0..<4 {
                #expect(ja.contains("{\(index)}") == en.contains("{\(index)}"), "\(message) {\(index)}")
            }
        }
    }

    @Test("Japanese texts put their asides in full-width parentheses: 0/100席（キャンセル待ち0人）")
    func fullWidthParentheses() {
        let halfWidth = Message.allCases.filter { message in Catalogue.ja[message]?.contains { $0 == "(" || $0 == ")" } ?? false }
        #expect(halfWidth.isEmpty, "half-width ( ) in Catalogue+ja.swift: \(halfWidth)")
    }

    @Test("dates read 2026年12月3日 and 3 Dec 2026, in Japan's calendar")
    func dates() {
        let day = CalendarDate(year: 2026, month: 12, day: 3)!
        #expect(Language.ja.date(day) == "2026年12月3日")
        #expect(Language.en.date(day) == "3 Dec 2026")
        // 2026-12-02 15:00 UTC is already 3 December in Japan.
        let instant = Date(timeIntervalSince1970: 1_796_223_600)
        #expect(Language.ja.date(instant) == "2026年12月3日")
    }

    @Test("fiscal years read 令和8年度（FY2026）in Japanese, full-width parentheses in Japanese text, and FY2026 (令和8年度) in English")
    func fiscalYears() {
        #expect(Language.ja.fiscalYear(FiscalYear(2026)) == "令和8年度（FY2026）")
        #expect(Language.en.fiscalYear(FiscalYear(2026)) == "FY2026 (令和8年度)")
    }

    @Test("numbers have thousands separators; scores two decimals")
    func numbers() {
        #expect(Language.ja.number(1_234_567) == "1,234,567")
        #expect(Language.en.number(-1000) == "-1,000")
        #expect(Language.en.number(12) == "12")
        #expect(Language.en.decimal(0.5) == "0.50")
        #expect(Language.en.decimal(1.234) == "1.23")
    }

    @Test("a count of one takes the singular in English; every count message has its one-variant in both languages")
    func counts() {
        #expect(Language.en.count(1, .needsFound, one: .needsFoundOne) == "1 need")
        #expect(Language.en.count(1_200, .needsFound, one: .needsFoundOne) == "1,200 needs")
        #expect(Language.en.count(1, .attendanceImportConfirm, one: .attendanceImportConfirmOne) == "Check in 1 person")
        #expect(Language.ja.count(1, .needsFound, one: .needsFoundOne) == "ニーズ 1件")
        for one in Message.allCases where one.rawValue.hasSuffix("One") {
            #expect(Catalogue.ja[one]?.contains("1") == true && Catalogue.en[one]?.contains("1") == true, "\(one)")
        }
    }

    @Test("text missing in the reader's language falls back to the other, marked")
    func fallback() {
        #expect(Language.ja.pick(ja: nil, en: "Solar") == ("Solar", true))
        #expect(Language.en.pick(ja: "太陽光", en: "") == ("太陽光", true))
        #expect(Language.en.pick(ja: "太陽光", en: "Solar") == ("Solar", false))
    }
}

@Suite("Cookies")
struct CookieTests {
    @Test("session cookies are HttpOnly and SameSite=Strict, and Secure only when asked")
    func attributes() {
        #expect(Cookies.set("domino_session", "t", secure: false) == "domino_session=t; Path=/; SameSite=Strict; HttpOnly")
        #expect(Cookies.set("domino_session", "t", secure: true) == "domino_session=t; Path=/; SameSite=Strict; HttpOnly; Secure")
        #expect(Cookies.clear("domino_session", secure: false).hasSuffix("Max-Age=0"))
    }
}
