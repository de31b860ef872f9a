import Cities
import Companies
import FoundationEssentials
import Postgres
import TestSupport
import Testing
@testable import Matches

/// What building the index reads faster must read exactly as before (docs/matching.md, Freshness and speed).
@Suite struct IndexBuildTests {
    @Test("folded scalars equal the lower-cased text made half-width, for every scalar and for mixed texts")
    func foldedEqualsLowercased() async {
        @Sendable func expected(_ text: String) -> [Unicode.Scalar] { Array(text.lowercased().unicodeScalars.map(TextAnalysis.halfWidth)) }
        let differing = await TestThreads.compute { () -> [UInt32] in
            (UInt32(0)...0x10FFFF).filter { value in
                guard let scalar = Unicode.Scalar(value) else { return false }
                let text = String(String.UnicodeScalarView([scalar]))
                return TextAnalysis.folded(text) != expected(text)
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20).map { String($0, radix: 16) })")
        for text in ["ＬＥＤ照明と太陽光発電、Ａｂｃ。", "ΟΔΟΣ ΣΑΣ σ", "İstanbul Đà Nẵng", "ﬁre ß Straße", "LED-Beleuchtung 街路灯 ｶﾀｶﾅ", ""] {
            #expect(TextAnalysis.folded(text) == expected(text), "\(text)")
        }
        // The phrase search normalises kana after folding; the text as it read it before: kana normalised, then half-width.
        for text in ["ｶﾞｽﾀｰﾋﾞﾝとﾊﾟﾈﾙ、ＬＥＤ", "ガスタービン", "ｳﾞｧＡﾞ", "Ａ゛ｶ゛"] {
            #expect(TextAnalysis.normalisedKana(TextAnalysis.folded(text))
                == TextAnalysis.normalisedKana(Array(text.lowercased().unicodeScalars)).map(TextAnalysis.halfWidth), "\(text)")
        }
    }

    @Test("packed terms give back the sorted numbers they were made of, at every size of gap")
    func packedTermsRoundTrip() {
        let lists: [[Int32]] = [
            [], [0], [0, 0], [0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, Int32.max],
            [5, 5, 6], Array(stride(from: 3, to: 60_000, by: 517)),
        ]
        for list in lists { #expect(PackedTerms(list).terms == list, "\(list.prefix(5))") }
    }

    @Test("a build's workers compute on threads of their own: while every one of them is busy, a task still gets a cooperative thread")
    func workersLeaveTheCooperativePool() async throws {
        let state = MatchIndexState(vocabulary: ConceptVocabulary(RankingReferenceTests.taxonomy))
        let workers = (0..<MatchIndex.buildWorkers).map { _ in state.buildWorker() }
        // Each worker reads one row, and the read computes until a task on the cooperative pool has seen every worker busy.
        let check = CooperativePoolCheck(jobs: workers.count)
        async let shares = FeatureDeriver.derive(Array(0..<workers.count), with: workers) { _ in
            check.job()
            return (version: 1, profile: nil)
        }
        await check.releaseFromCooperativePool()
        #expect(try await shares.count == workers.count)
        #expect(check.everyJobReleased)
    }

    @Test("a company's technologies read from their array of fields as written: absent texts, quotes, braces, commas, line breaks, codes")
    func technologiesReadAsWritten() async throws {
        let world = try await MatchWorld.fresh()
        defer { world.pool.close() }
        let company = try await world.company("Arrays Inc.")
        let drafts = [
            CompanyTechnologyDraft(titleEn: #"Say "hi", {braces} and \back\slash"#, descriptionEn: "NULL", taxonomyCodes: ["solar_pv", "battery_storage"],
                                   maturity: .pilot, disclosure: .coordinators),
            CompanyTechnologyDraft(titleJa: "太陽光\n発電、「屋根」", descriptionJa: "  前後の空白  ", maturity: .concept, disclosure: .partners),
            CompanyTechnologyDraft(titleJa: "+", titleEn: "", descriptionEn: "a,b", taxonomyCodes: [], maturity: .commercial, disclosure: .public),
        ]
        var written: [UUID: CompanyTechnologyDraft] = [:]
        for draft in drafts {
            do {
                let technology = try await world.companies.createTechnology(draft, companyID: company.id, by: admin)
                written[technology.id] = draft
            } catch {
                // An empty title is refused by the directory; the rest must still read back.
                #expect(draft.titleEn == "")
            }
        }
        let order: [UUID] = try await world.pool.query("""
            SELECT id FROM company_technologies WHERE company_id = \(company.id) ORDER BY created_at, id
            """).map { try $0.decode("id") }
        let read = try await world.pool.withConnection { try await MatchSourceStore().profiles([company.id], on: $0) }
        let technologies = try #require(read.first?.profile?.technologies)
        #expect(technologies.map(\.id) == order)
        #expect(technologies.count == written.count)
        for technology in technologies {
            let draft = try #require(written[technology.id])
            #expect(technology.titleJa == draft.titleJa)
            #expect(technology.titleEn == draft.titleEn)
            #expect(technology.descriptionJa == draft.descriptionJa)
            #expect(technology.descriptionEn == draft.descriptionEn)
            #expect(technology.taxonomyCodes == (draft.taxonomyCodes ?? []))
            #expect(technology.maturity.rawValue == draft.maturity.rawValue)
            #expect(technology.disclosure.rawValue == draft.disclosure.rawValue)
        }
    }

    @Test("a company's track records read from their array of fields as written: absent city, year and summary, awkward texts, platform records last")
    func trackRecordsReadAsWritten() async throws {
        let world = try await MatchWorld.fresh()
        defer { world.pool.close() }
        let company = try await world.company("Records Inc.")
        // Keyed by country, one record each.
        let drafts = [
            CompanyTrackRecordDraft(country: "VN", city: #"Da "Nang", {old} \town"#, year: 2019, summary: "NULL", disclosure: .public),
            CompanyTrackRecordDraft(country: "TH", disclosure: .partners),
            CompanyTrackRecordDraft(country: "PH", city: "セブ", year: 1900, summary: "下水汚泥の\n焼却、「発電」, a,b", disclosure: .coordinators),
            CompanyTrackRecordDraft(country: "ID", city: " Jakarta ", year: 2100, summary: "+", disclosure: .public),
        ]
        for draft in drafts { _ = try await world.companies.createTrackRecord(draft, companyID: company.id, by: admin) }
        let city = try await world.city("Cebu", "セブ", country: "PH")
        let need = try await world.need(in: city, titleEn: "Landfill gas capture", codes: ["landfill", "biogas"])
        let won = try await world.pool.query("""
            INSERT INTO matches (company_id, need_id, channel, status) VALUES (\(company.id), \(need.id), 'coordinator', 'won')
            RETURNING extract(year FROM updated_at)::integer AS year
            """)[0].decode("year", as: Int.self)
        let read = try await world.pool.withConnection { try await MatchSourceStore().profiles([company.id], on: $0) }
        let records = try #require(read.first?.profile?.trackRecords)
        #expect(records.count == drafts.count + 1)
        #expect(records.map(\.fromPlatform) == [false, false, false, false, true])
        for record in records.dropLast() {
            let draft = try #require(drafts.first { $0.country == record.country })
            #expect(record.city == draft.city)
            #expect(record.cityId == nil)
            #expect(record.year == draft.year)
            #expect(record.summary == draft.summary)
            #expect(record.taxonomyCodes.isEmpty)
            #expect(record.disclosure.rawValue == draft.disclosure.rawValue)
        }
        #expect(records.last == TrackRecordProfile(
            country: "PH", city: "Cebu", cityId: city.id, year: won, summary: "Landfill gas capture", taxonomyCodes: ["landfill", "biogas"],
            disclosure: .coordinators, fromPlatform: true))
    }
}
