public import DomainKit
public import FoundationEssentials
public import Postgres

/// Demo data for `make run`: the annual convention (hybrid, two days, with sessions) and about 200
/// fictional participants across the three sectors, students from universities in and outside
/// Yokohama, a good part of them checked in at the door or online; and a smaller workshop. Idempotent:
/// events and sessions upsert by fixed ids, people by email, registrations by person and event, and
/// check-ins by their unique key, so loading twice changes nothing. Every email is at example domains.
public enum ConventionDemoData {
    static let conventionID = UUID.demo(0xde30_0000, 1)
    static let workshopID = UUID.demo(0xde30_0000, 2)
    /// 2026-12-01 09:00 JST in the story (DemoCalendar moves it).
    static let storyConventionStart = Date(timeIntervalSince1970: 1_796_083_200)
    static let participantCount = 200

    /// Names in Japanese script, their reading (フリガナ, as a Japanese registration form asks it) and in Latin letters.
    static let families = [("佐藤", "サトウ", "Sato"), ("鈴木", "スズキ", "Suzuki"), ("高橋", "タカハシ", "Takahashi"),
                           ("田中", "タナカ", "Tanaka"), ("伊藤", "イトウ", "Ito"), ("渡辺", "ワタナベ", "Watanabe"),
                           ("山本", "ヤマモト", "Yamamoto"), ("中村", "ナカムラ", "Nakamura"), ("小林", "コバヤシ", "Kobayashi"),
                           ("加藤", "カトウ", "Kato")]
    static let givens = [("翔太", "ショウタ", "Shota"), ("美咲", "ミサキ", "Misaki"), ("大輔", "ダイスケ", "Daisuke"),
                         ("陽菜", "ヒナ", "Hina"), ("健", "ケン", "Ken"), ("さくら", "サクラ", "Sakura"), ("拓海", "タクミ", "Takumi"),
                         ("葵", "アオイ", "Aoi"), ("蓮", "レン", "Ren"), ("結衣", "ユイ", "Yui"), ("悠真", "ユウマ", "Yuma")]
    static let overseas = [("VN", ["Nguyen Van An", "Tran Thi Mai", "Le Minh Duc", "Pham Thu Ha"]),
                           ("TH", ["Somchai Charoen", "Suda Wongsa", "Anan Boonmee"]),
                           ("PH", ["Maria Santos", "Jose Reyes", "Ana Cruz"]),
                           ("MY", ["Ahmad Razak", "Siti Aminah"]), ("ID", ["Budi Santoso", "Dewi Lestari"])]
    static let yokohamaUniversities = ["ynu", "ycu", "kanagawa_u", "kanto_gakuin", "tcu_yokohama", "keio", "science_tokyo"]
    static let otherUniversities = ["utokyo", "waseda", "dut", "chula", "usc_cebu"]

    /// (sector, role, how many): 80 industry, 70 academia, 50 government.
    static let mix: [(String, String, Int)] = [
        ("industry", "overseas_company", 30), ("industry", "facility_owner", 15), ("industry", "power_distributor", 10),
        ("industry", "local_company", 25), ("academia", "student", 50), ("academia", "researcher", 12), ("academia", "faculty", 8),
        ("government", "city_official", 30), ("government", "national_government", 10), ("government", "international_organisation", 10),
    ]

    static let sessions: [(Int, String, String, String, Double, Double, String)] = [
        (1, "keynote", "開会・基調講演：横浜の脱炭素と国際連携", "Opening keynote: Yokohama's decarbonization and city partnerships", 0, 1.5, "Main hall"),
        (2, "panel", "パネル：アジアの都市と公民連携", "Panel: Asian cities and public-private partnership", 2, 3.5, "Main hall"),
        (3, "student_presentation", "学生による脱炭素研究発表", "Student research on decarbonization", 4, 6, "Room 301"),
        (4, "exhibition", "企業展示", "Company exhibition", 1, 8, "Exhibition hall"),
        (5, "business_meetings", "ビジネスマッチング商談会", "Business matching meetings", 24, 30, "Rooms 411-418"),
    ]


    /// A door code per index, distinct for every index below 25⁶ (the multiplier is coprime to 25⁶).
    static func code(_ index: Int) -> String {
        var value = (index * 7_919 + 104_729) % 244_140_625
        return String((0..<6).map { _ in
            defer { value /= 25 }
            return RegistrationCode.alphabet[value % 25]
        })
    }

    public static func load(pool: PostgresPool, organizerID: UUID?, story: DemoCalendar) async throws {
        let conventionStart = story.instant(storyConventionStart)
        try await pool.transaction { db in
            let organizers = organizerID.map { [$0] } ?? []
            let end = conventionStart.addingTimeInterval(33 * 3600)
            let workshopStart = story.instant(Date(timeIntervalSince1970: 1_802_048_400))  // 2027-02-08 10:00 JST in the story
            let year = CalendarDate(inJapanAt: conventionStart).year
            for (id, kind, ja, en, start, finish, venue, format, inPerson, online) in [
                (conventionID, "convention", "横浜脱炭素ビジネスマッチング・コンベンション\(year)", "Yokohama Decarbonization Business Matching Convention \(year)",
                 conventionStart, end, "パシフィコ横浜", "hybrid", 250 as Int?, 500 as Int?),
                (workshopID, "workshop", "ダナン市向け廃棄物発電ワークショップ", "Waste-to-energy workshop for Da Nang", workshopStart,
                 workshopStart.addingTimeInterval(3 * 3600), "横浜市役所 会議室", "in_person", 40, nil),
            ] {
                try await db.execute("""
                    INSERT INTO events (id, kind, title_ja, title_en, starts_at, ends_at, fiscal_year, venue, format, in_person_capacity,
                        online_capacity, organizer_user_ids)
                    VALUES (\(id), \(kind), \(ja), \(en), \(start), \(finish), \(FiscalYear(containing: start).startYear), \(venue), \(format), \(inPerson), \(online), \(organizers))
                    ON CONFLICT (id) DO UPDATE SET organizer_user_ids = EXCLUDED.organizer_user_ids
                    """)
            }
            for (number, type, ja, en, from, to, room) in sessions {
                try await db.execute("""
                    INSERT INTO event_sessions (id, event_id, type, title_ja, title_en, starts_at, ends_at, room)
                    VALUES (\(UUID.demo(0xde31_0000, number)), \(conventionID), \(type), \(ja), \(en),
                        \(conventionStart.addingTimeInterval(from * 3600)), \(conventionStart.addingTimeInterval(to * 3600)), \(room))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
            var index = 0
            for (sector, role, count) in mix {
                for _ in 0..<count {
                    try await loadParticipant(index, sector: sector, role: role, conventionStart: conventionStart, on: db)
                    index += 1
                }
            }
        }
    }

    /// One person, registered for the convention (and every fifth for the workshop); two in three of
    /// the convention's people checked in on the first day, in person at the door or online via Zoom.
    private static func loadParticipant(
        _ index: Int, sector: String, role: String, conventionStart: Date, on db: PostgresConnection
    ) async throws {
        let family = families[index % families.count], given = givens[(index / families.count) % givens.count]
        var (nameJa, reading, nameEn, country, organisation): (String?, String?, String, String, String)
        if role == "overseas_company" || role == "international_organisation" || (role == "city_official" && index % 2 == 0) {
            let (code, names) = overseas[index % overseas.count]
            (nameJa, reading, nameEn, country) = (nil, nil, names[index % names.count], code)
            organisation = role == "international_organisation" ? "Asian Development Network (demo)" : role == "city_official"
                ? "\(code) city government (demo)" : "\(code) Clean Energy Co. (demo)"
        } else {
            (nameJa, reading, nameEn, country) = ("\(family.0) \(given.0)", "\(family.1) \(given.1)", "\(given.2) \(family.2)", "JP")
            organisation = role == "city_official" ? "横浜市 国際局（デモ）" : sector == "academia" ? "大学（デモ）" : "横浜デモ産業株式会社"
        }
        let university: String? = sector == "academia"
            ? (index % 3 == 0 ? otherUniversities[index % otherUniversities.count] : yokohamaUniversities[index % yokohamaUniversities.count]) : nil
        let number = String(index)
        let email = "demo.participant\(String(repeating: "0", count: max(0, 3 - number.count)))\(number)@example.jp"
        let participant = try await db.query("""
            INSERT INTO participants (name_ja, name_reading, name_en, email, organisation, country, sector, role, university_id, consent_share_contact)
            VALUES (\(nameJa), \(reading), \(nameEn), \(email), \(organisation), \(country), \(sector), \(role), \(university), \(index % 3 == 0))
            ON CONFLICT ((lower(email))) DO UPDATE SET email = participants.email
            RETURNING id
            """)
        let participantID: UUID = try participant[0].decode("id")
        let online = index % 10 >= 7
        let checkedIn = index % 3 != 2
        let registration = try await db.query("""
            INSERT INTO registrations (event_id, participant_id, attendance, status, code)
            VALUES (\(conventionID), \(participantID), \(online ? "online" : "in_person"), \(checkedIn ? "attended" : "registered"), \(code(index)))
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
        // Only a registration made now is checked in: one loaded before keeps what organizers did with it since.
        if checkedIn, let made = registration.first {
            try await db.execute("""
                INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at, duration_minutes)
                VALUES (\(conventionID), \(try made.decode("id", as: UUID.self)), \(CalendarDate(inJapanAt: conventionStart)), \(online ? "online" : "in_person"),
                    \(online ? "zoom" : "code"), \(conventionStart.addingTimeInterval(Double(index % 60) * 60)), \(online ? 90 + index % 120 : nil))
                ON CONFLICT (registration_id, day, session_id) DO NOTHING
                """)
        }
        if index % 5 == 0 {
            try await db.execute("""
                INSERT INTO registrations (event_id, participant_id, attendance, status, code)
                VALUES (\(workshopID), \(participantID), 'in_person', 'registered', \(code(index)))
                ON CONFLICT DO NOTHING
                """)
        }
    }
}
