import Cities
import Companies
public import DomainKit
public import FoundationEssentials
public import Postgres

/// Demo data for `make run`: coordinator profiles, eleven leads on the three MOU cities at various
/// stages with their history, consortia, activities (some next actions overdue) and knowledge notes.
/// Written through `CoordinatorService`, so every rule and audit entry applies. Idempotent: profiles
/// are looked up by user, leads by title, notes by title, so loading twice changes nothing.
public enum CoordinatorDemoData {
    /// (email, name, expertise, languages, countries, former employer, senior, capacity). The first is
    /// the demo coordinator user; App creates the users.
    public static let coordinators: [(email: String, name: String, expertise: [String], languages: [String], countries: [String],
                                      formerEmployer: String?, senior: Bool, capacity: Int)] = [
        ("coordinator@demo.domino.example", "山田 太郎", ["waste_to_energy", "landfill"], ["ja", "en"], ["VN", "PH", "TH"],
         "横浜市資源循環局（OB）", true, 8),
        ("coordinator.suzuki@demo.domino.example", "鈴木 花子", ["water_supply", "sewage_treatment"], ["ja", "en"], ["PH", "VN"],
         "Yokohama Waterworks Bureau (demo)", false, 10),
        ("coordinator.tanaka@demo.domino.example", "田中 健", ["ev", "ev_charging", "efficiency"], ["ja", "en", "th"], ["TH"],
         "A Yokohama EV maker (demo)", true, 6),
        ("coordinator.nguyen@demo.domino.example", "Nguyen Thi Lan", ["solar_pv", "ems"], ["vi", "en", "ja"], ["VN"], nil, false, 10),
    ]

    struct DemoLead {
        let title: String
        let owner: Int
        let city: String
        /// The fixed id number of a CityDemoData need.
        let need: Int
        let channel: LeadSourceChannel
        let value: Int64?
        let closeOn: String?
        /// Stages after `lead`, each with the day it was reached.
        let path: [(LeadStage, String)]
        let reason: String?
        /// (corporate number, Japanese name, role) of CompanyDemoData companies.
        let companies: [(String, String, ConsortiumRole)]
        let partner: String?
    }

    static let leads: [DemoLead] = [
        DemoLead(title: "ダナン市 廃棄物発電（WtE）導入", owner: 0, city: "Da Nang", need: 1, channel: .policyDialogue, value: 4_500_000_000,
                 closeOn: "2027-02-26", path: [(.qualified, "2025-07-10"), (.proposal, "2025-11-20"), (.negotiation, "2026-03-05")],
                 reason: nil, companies: [("7020001034567", "ベイサイド環境エンジニアリング", .prime), ("8020001101234", "横浜ポートロジスティクス", .supplier)],
                 partner: "Da Nang urban environment company (demo)"),
        DemoLead(title: "Da Nang rooftop solar on public buildings", owner: 3, city: "Da Nang", need: 2, channel: .liaisonBase,
                 value: 380_000_000, closeOn: "2025-12-15",
                 path: [(.qualified, "2024-10-01"), (.proposal, "2025-01-15"), (.negotiation, "2025-04-01"), (.won, "2025-06-30"),
                        (.commercialized, "2025-12-10")],
                 reason: nil, companies: [("3020001012345", "横浜グリーンエナジー", .prime)], partner: nil),
        DemoLead(title: "ダナン市 下水処理場 省エネ化", owner: 1, city: "Da Nang", need: 3, channel: .liaisonBase, value: 650_000_000,
                 closeOn: "2027-06-30", path: [(.qualified, "2026-02-02")], reason: nil, companies: [],
                 partner: "Da Nang water supply company (demo)"),
        DemoLead(title: "Cebu landfill gas capture", owner: 0, city: "Cebu City", need: 4, channel: .liaisonBase, value: 900_000_000,
                 closeOn: "2026-12-18", path: [(.qualified, "2025-09-01"), (.proposal, "2026-01-22")], reason: nil,
                 companies: [("8011001078901", "川崎リサイクルシステムズ", .partner)], partner: "Cebu industrial park operator (demo)"),
        DemoLead(title: "セブ市 無収水対策（漏水検知）", owner: 1, city: "Cebu City", need: 5, channel: .inquiry, value: 210_000_000,
                 closeOn: "2026-09-30", path: [(.qualified, "2025-05-12"), (.proposal, "2025-08-04"), (.negotiation, "2025-12-01"),
                                               (.won, "2026-04-14")],
                 reason: nil, companies: [("5020001023456", "みなと水道テクノ", .prime)], partner: nil),
        DemoLead(title: "Bangkok municipal solid waste incineration", owner: 0, city: "Bangkok", need: 6, channel: .policyDialogue,
                 value: 12_000_000_000, closeOn: "2026-03-31", path: [(.qualified, "2025-04-20"), (.proposal, "2025-08-30"), (.lost, "2026-01-15")],
                 reason: "The city chose a competing bid (demo).", companies: [("7020001034567", "ベイサイド環境エンジニアリング", .prime)], partner: nil),
        DemoLead(title: "バンコク都 電気バスと充電インフラ", owner: 2, city: "Bangkok", need: 7, channel: .convention, value: 1_600_000_000,
                 closeOn: nil, path: [(.qualified, "2025-11-05"), (.onHold, "2026-02-27")],
                 reason: "Waiting for the city's FY2026 budget (demo).", companies: [("5020001067890", "金沢シーサイドEVモビリティ", .prime)], partner: nil),
        DemoLead(title: "Bangkok factory energy audits", owner: 2, city: "Bangkok", need: 8, channel: .convention, value: 45_000_000,
                 closeOn: "2026-10-30", path: [], reason: nil, companies: [("3020001089012", "戸塚省エネ診断", .prime)],
                 partner: "Bangkok factory owners' association (demo)"),
        // Commercialized in earlier fiscal years, so the KPI dashboard's ① has a history.
        DemoLead(title: "Cebu City LED street lighting", owner: 1, city: "Cebu City", need: 5, channel: .liaisonBase, value: 95_000_000,
                 closeOn: "2025-01-31",
                 path: [(.qualified, "2024-09-20"), (.proposal, "2024-10-15"), (.negotiation, "2024-11-20"), (.won, "2024-12-20"),
                        (.commercialized, "2025-02-14")],
                 reason: nil, companies: [("3020001089012", "戸塚省エネ診断", .prime)], partner: nil),
        DemoLead(title: "バンコク 病院の冷凍機更新", owner: 2, city: "Bangkok", need: 8, channel: .convention, value: 120_000_000,
                 closeOn: "2025-03-10",
                 path: [(.qualified, "2024-09-25"), (.proposal, "2024-11-01"), (.negotiation, "2024-12-05"), (.won, "2025-01-20"),
                        (.commercialized, "2025-03-10")],
                 reason: nil, companies: [("3020001089012", "戸塚省エネ診断", .prime)], partner: nil),
        DemoLead(title: "Da Nang industrial park solar PPA", owner: 3, city: "Da Nang", need: 2, channel: .liaisonBase, value: 520_000_000,
                 closeOn: "2025-10-31",
                 path: [(.qualified, "2024-10-10"), (.proposal, "2025-01-10"), (.negotiation, "2025-04-15"), (.won, "2025-07-01"),
                        (.commercialized, "2025-10-20")],
                 reason: nil, companies: [("3020001012345", "横浜グリーンエナジー", .prime)], partner: nil),
    ]

    /// (title, body, codes, countries) of knowledge notes, by the first coordinator.
    static let notes: [(String?, String?, String, [String], [String])] = [
        ("ダナンのごみ質と焼却", nil, "雨季はごみの含水率が高く、低位発熱量が下がる。助燃を見込んだ設計が要る。", ["waste_to_energy"], ["VN"]),
        (nil, "Non-revenue water in Cebu", "Measure night flows per district metered area before proposing sensors.", ["water_supply"], ["PH"]),
        (nil, "JCM financing checklist", "Model projects need MRV from the start; budget for monitoring equipment.", ["mrv", "solar_pv"], ["VN", "TH", "PH"]),
    ]

    /// Text as earlier seeds wrote it, and as it reads now (Japanese takes full-width parentheses):
    /// (earlier, now) of lead titles and of former employers.
    static let earlierLeadTitles = [("ダナン市 廃棄物発電 (WtE) 導入", "ダナン市 廃棄物発電（WtE）導入"), ("セブ市 無収水対策 (漏水検知)", "セブ市 無収水対策（漏水検知）")]
    static let earlierFormerEmployers = [("横浜市資源循環局 (OB)", "横浜市資源循環局（OB）")]

    /// Corrects, in place, demo text that an earlier seed wrote, before `load` looks leads up by title:
    /// otherwise a re-seed of an old database would keep the old text. Only the demo's own leads (by their
    /// reference) and only an exact earlier text change, so a user's edit is kept and a second run does nothing.
    public static func renameEarlierText(at instant: Date, pool: PostgresPool) async throws {
        _ = try await pool.execute("""
            UPDATE leads l SET title = r.now, version = l.version + 1, updated_at = \(instant)
            FROM unnest(\(earlierLeadTitles.map(\.0))::text[], \(earlierLeadTitles.map(\.1))::text[]) AS r (earlier, now)
            WHERE l.title = r.earlier AND l.source_reference LIKE 'demo #%'
            """)
        _ = try await pool.execute("""
            UPDATE coordinators c SET former_employer = r.now, version = c.version + 1, updated_at = \(instant)
            FROM unnest(\(earlierFormerEmployers.map(\.0))::text[], \(earlierFormerEmployers.map(\.1))::text[]) AS r (earlier, now)
            WHERE c.former_employer = r.earlier
            """)
    }

    public static func load(
        service: CoordinatorService, userIDs: [String: UUID], admin: Principal, today: Date
    ) async throws {
        var profiles: [UUID] = []
        for demo in coordinators {
            guard let userID = userIDs[demo.email] else { continue }
            let existing = try await service.pool.withConnection { try await service.coordinators.find(userID: userID, on: $0) }
            if let existing {
                profiles.append(existing.id)
                continue
            }
            let profile = try await service.createCoordinator(
                CoordinatorDraft(userId: userID, displayName: demo.name, expertiseCodes: demo.expertise, languages: demo.languages,
                                 countries: demo.countries, formerEmployer: demo.formerEmployer, senior: demo.senior, capacity: demo.capacity),
                by: admin)
            profiles.append(profile.id)
        }
        guard profiles.count == coordinators.count else { return }
        let cityIDs = Dictionary(uniqueKeysWithValues: try await service.cities.cities(CityFilter(relationship: .mouPartner), page: PageRequest(), by: admin)
            .items.map { ($0.nameEn, $0.id) })
        let todayInJapan = CalendarDate(inJapanAt: today).daysSinceEpoch
        let story = DemoCalendar(today: CalendarDate(inJapanAt: today))
        for (number, demo) in leads.enumerated() {
            // A lead is the demo's by its title or, once a user renamed it, by its reference; either found, it is left alone.
            let reference = "demo #\(number < 9 ? "0" : "")\(number + 1)"
            guard let cityID = cityIDs[demo.city],
                  try await service.leads(LeadFilter(text: demo.title), page: PageRequest(), by: admin).items.isEmpty,
                  try await service.leads(LeadFilter(text: reference), page: PageRequest(), by: admin).items.isEmpty else { continue }
            let created = story.noon(demo.path.first.map { _ in "2024-09-02" } ?? "2026-05-11")
            let owner = Principal(userID: try userIDs.demoRecord(coordinators[demo.owner].email), role: .coordinator)
            var lead = try await service.at(created).createLead(
                LeadDraft(title: demo.title, cityId: cityID, needIds: [needID(demo.need)], sourceChannel: demo.channel,
                          sourceReference: reference, ownerCoordinatorId: profiles[demo.owner], estimatedValueYen: demo.value,
                          expectedCloseOn: demo.closeOn.map(story.day)), by: admin)
            for (stage, day) in demo.path {
                lead = try await service.at(story.noon(day)).transition(
                    lead.id, LeadTransition(to: stage, reason: stage.needsReason ? demo.reason : nil), ifVersion: lead.version, by: owner)
            }
            for (number, name, role) in demo.companies {
                if let company = try await company(number, named: name, service: service, admin: admin) {
                    _ = try await service.addCompany(LeadCompanyDraft(companyId: company, role: role), to: lead.id, by: owner)
                }
            }
            if let name = demo.partner,
               let partner = try await service.cities.localPartners(of: cityID, page: PageRequest(), by: admin).items.first(where: { $0.name == name }) {
                _ = try await service.addLocalPartner(LeadLocalPartnerDraft(localPartnerId: partner.id), to: lead.id, by: owner)
            }
            // One activity per lead: open leads get a next action, every other one already overdue.
            let due = CalendarDate(daysSinceEpoch: todayInJapan + (demo.owner % 2 == 0 ? -5 : 14))
            _ = try await service.createActivity(
                LeadActivityDraft(kind: lead.stage.isActive ? .siteVisit : .report, occurredOn: CalendarDate(daysSinceEpoch: todayInJapan - 20),
                                  participants: ["City environment department", "横浜市国際局"], notes: "Demo activity on \(demo.city).",
                                  nextAction: lead.stage.isActive ? "Send the revised estimate / 見積書の改訂版を送付" : nil,
                                  nextActionDueOn: lead.stage.isActive ? due : nil),
                on: lead.id, by: owner)
        }
        let author = Principal(userID: try userIDs.demoRecord(coordinators[0].email), role: .coordinator)
        for (titleJa, titleEn, body, codes, countries) in notes {
            let title = titleJa ?? titleEn ?? ""
            guard try await service.knowledgeNotes(KnowledgeNoteFilter(text: title), page: PageRequest(), by: admin).items.isEmpty else { continue }
            let japanese = titleJa != nil
            _ = try await service.createKnowledgeNote(
                KnowledgeNoteDraft(titleJa: titleJa, titleEn: titleEn, bodyJa: japanese ? body : nil, bodyEn: japanese ? nil : body,
                                   taxonomyCodes: codes, countries: countries), by: author)
        }
    }

    /// The fixed ids of CityDemoData's needs.
    static func needID(_ number: Int) -> UUID {
        UUID.demo(0xde00_0000, number)
    }

    static func company(_ corporateNumber: String, named name: String, service: CoordinatorService, admin: Principal) async throws -> UUID? {
        try await service.companies.companies(CompanyFilter(text: name), page: PageRequest(), by: admin).items
            .first(where: { $0.corporateNumber == corporateNumber })?.id
    }
}

extension CoordinatorService {
    /// The same service with its clock stopped at `instant`: demo history at the days of its story,
    /// and "today" in tests.
    public func at(_ instant: Date) -> CoordinatorService {
        CoordinatorService(pool: pool, cities: cities, companies: companies, clock: .fixed(instant))
    }
}
