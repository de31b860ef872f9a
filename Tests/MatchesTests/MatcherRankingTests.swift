import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Testing

@Suite("The matcher ranks companies for a need")
struct MatcherRankingTests {
    @Test("an exact taxonomy code ranks above a parent code, credited less than half, and a sibling code; a company sharing nothing comes last with no taxonomy or text; the codes are explained")
    func taxonomyFit() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Rooftop power for public schools", codes: ["solar_pv"])
        let exact = try await world.company("Exact", titleEn: "Rooftop modules", codes: ["solar_pv"])
        let parent = try await world.company("Parent", titleEn: "Rooftop supply", codes: ["energy_supply"])
        let sibling = try await world.company("Sibling", titleEn: "Turbines", codes: ["wind_power"])
        let unrelated = try await world.company("Unrelated", titleEn: "Mangrove planting", codes: ["blue_carbon"])
        let list = try await world.ranking(need)
        // A limit, not a filter, decides the length: the unrelated company is listed, below the others.
        #expect(list.ids == [exact.id, parent.id, sibling.id, unrelated.id])
        #expect(list.item(unrelated)?.parts.taxonomy == 0)
        #expect(list.item(unrelated)?.parts.text == 0)
        #expect(list.item(exact)?.parts.taxonomy == 1)
        // A top-level code is what generic words name; holding it says little about a specific need.
        #expect(list.item(parent)?.parts.taxonomy == 0.4)
        #expect(list.item(parent)?.explanation.matchedCodes.first?.fit == .parent)
        #expect(list.item(sibling)?.parts.taxonomy == 0.2)
        #expect(list.item(exact)?.explanation.matchedCodes.first?.fit == .exact)
        #expect(list.item(sibling)?.explanation.matchedCodes.first?.companyCode == "wind_power")
        #expect(list.item(sibling)?.explanation.matchedCodes.first?.fit == .sibling)
        #expect(list.algorithmVersion.hasPrefix("matching-2."))
    }

    @Test("a company described only in Japanese ranks for an untagged English need, and an English one for a Japanese need")
    func crossLingual() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let english = try await world.need(
            in: city, titleEn: "Waste-to-energy plant", descriptionEn: "The city wants an incinerator that turns municipal solid waste into power.")
        let japanese = try await world.need(in: city, titleJa: "ごみ発電施設の導入", descriptionJa: "清掃工場で焼却熱を利用した発電を行いたい。")
        let jaCompany = try await world.company("JA only", titleJa: "ストーカ式焼却炉によるごみ発電", descriptionJa: "清掃工場の設計と建設。")
        let enCompany = try await world.company(
            "EN only", titleEn: "Stoker incinerator for waste to energy", descriptionEn: "Design and construction of refuse power plants.")
        let distractor = try await world.company("Distractor", titleEn: "Power for the city", descriptionEn: "Plant and municipal services.")

        let forEnglish = try await world.ranking(english)
        #expect(Set(forEnglish.ids.prefix(2)) == [jaCompany.id, enCompany.id])
        let jaText = try #require(forEnglish.item(jaCompany)?.parts.text)
        let enText = try #require(forEnglish.item(enCompany)?.parts.text)
        let distractorText = try #require(forEnglish.item(distractor)?.parts.text)
        // Words cannot be compared across languages; the glossary's senses and the taxonomy's concepts can,
        // so the Japanese-only company earns text evidence from the English need, and more than the
        // English distractor that shares only generic words.
        #expect(jaText > distractorText)
        #expect(enText > distractorText)
        #expect(forEnglish.item(jaCompany)?.explanation.matchedConcepts.contains { $0.code == "waste_to_energy" } == true)
        #expect(forEnglish.item(jaCompany)?.explanation.matchedWords.contains { $0.hasPrefix("incinerat") } == true)
        #expect((forEnglish.item(distractor)?.score ?? 0) < (forEnglish.item(jaCompany)?.score ?? 0))

        let forJapanese = try await world.ranking(japanese)
        #expect(Set(forJapanese.ids.prefix(2)) == [jaCompany.id, enCompany.id])
        let concept = forJapanese.item(enCompany)?.explanation.matchedConcepts.first { $0.code == "waste_to_energy" }
        #expect(concept?.companyTerms.contains("incinerator") == true)
        #expect(concept?.needTerms.contains("ごみ発電") == true)
    }

    @Test("an explanation shows the need's words as the need writes them, not their stems")
    func wordsAsWritten() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(
            in: city, titleEn: "Energy efficiency of pumping stations", descriptionEn: "The utility wants to cut the energy its BEMS reports for pumps.")
        let company = try await world.company(
            "Pumps", titleEn: "Efficient pumping with BEMS", descriptionEn: "Energy-saving pumps for water utilities.")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        // Porter's stems ("energi", "util", "effici") are how words are compared, not how a coordinator reads them;
        // a glossary sense shows by its English name ("pump"), and a word of its stem ("pumping") is listed under it, once.
        #expect(words.contains("energy") && words.contains("utility") && words.contains("pump") && words.contains("BEMS"), "\(words)")
        #expect(!words.contains("pumping"), "\(words)")
        #expect(!words.contains { ["energi", "util", "effici", "bem"].contains($0) }, "\(words)")
    }

    @Test("Japanese met pair by pair is shown as the stretch of the need's text it covers, not as pairs across word boundaries")
    func japaneseStretchesExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "下水汚泥の燃料化", descriptionJa: "処理場の更新も検討する。")
        let company = try await world.company("Fuel", titleJa: "下水汚泥燃料化設備", descriptionJa: "乾燥と炭化の設備。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        // 下水, 水汚 and 汚泥 are all met: a coordinator reads 下水汚泥; 水汚 (the end of 下水 and the start of 汚泥) means nothing.
        // The stretch 下水汚泥 is also a glossary sense: listed once, with its English name.
        #expect(words.contains("sewage sludge / 下水汚泥") && words.contains("燃料化") && !words.contains("下水汚泥"), "\(words)")
        #expect(!words.contains { ["水汚", "料化", "下水", "燃料"].contains($0) }, "\(words)")
    }

    @Test("a piece of a katakana word is no evidence: インフラ and インバーター share no イン")
    func katakanaPiecesNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "充電インフラの整備", descriptionJa: "電気バスの車庫に設ける。")
        let company = try await world.company("Inverter", titleJa: "インバーター製造", descriptionJa: "電気バスの車庫向けインバーター。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("車庫") }, "\(words)")
        #expect(!words.contains { $0 == "イン" || $0.hasPrefix("イン") }, "\(words)")
    }

    @Test("a one-character suffix of a Latin word or a number is no evidence: LED化 and IoT化 share no 化, 2030年 and 2025年 no 年")
    func suffixOfLatinWordNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "街路灯のLED化", descriptionJa: "2030年までに公園の照明も替えたい。")
        let company = try await world.company("Factory", titleJa: "工場設備のIoT化", descriptionJa: "2025年から公園の管理にも広げた。")
        let item = try #require(try await world.ranking(need).item(company))
        #expect(item.explanation.matchedWords.contains("公園"), "\(item.explanation.matchedWords)")
        #expect(!item.explanation.matchedWords.contains { ["化", "年"].contains($0) }, "\(item.explanation.matchedWords)")
    }

    @Test("a one-kanji verb or adjective stem is no evidence: 使う and 減らす in both texts list neither 使 nor 減; 熱を still lists 熱")
    func verbStemNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "空調の更新", descriptionJa: "熱を使う設備の電力を減らしたい。")
        let company = try await world.company("Aircon", titleJa: "空調制御", descriptionJa: "熱を回収し、電力を減らす。機器を使う時間も短い。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("空調") } && words.contains { $0.contains("熱") }, "\(words)")
        #expect(!words.contains { ["使", "減"].contains($0) }, "\(words)")
    }

    @Test("a unit is a measurement, not evidence: a need for a 10MW plant burning 600 tonnes a day shares MW and tonnes with a company, not a technology")
    func unitNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Incinerator with power generation",
                                        descriptionEn: "A 10MW plant burning 600 tonnes of garbage a day; the grid takes the MW it exports.")
        let company = try await world.company("Burner", titleEn: "Stoker incinerator",
                                              descriptionEn: "Incinerator lines from 5MW, 200 tonnes of garbage a day each, 20 MW in all.")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("garbage") }, "\(words)")
        #expect(!words.contains { ["MW", "mw", "tonnes", "day"].contains($0) || $0.hasSuffix("MW") }, "\(words)")
    }

    @Test("a unit in katakana is a measurement, not evidence: a need for a 10メガワット plant burning 600トン a day shares メガワット and トン with a company, not a technology")
    func katakanaUnitNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "ごみ焼却発電の導入", descriptionJa: "10メガワットの発電で、1日600トンのごみを焼却したい。")
        let company = try await world.company("Burner", titleJa: "ストーカ式ごみ焼却炉", descriptionJa: "5メガワットの発電、1日200トンのごみを焼却する炉。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("焼却") }, "\(words)")
        #expect(!words.contains { $0.contains("トン") || $0.contains("メガワット") }, "\(words)")
    }

    @Test("an adverb of one kanji is no evidence: 特に and 最も share 特 and 最 with a company, not a technology")
    func adverbNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "街路灯の更新", descriptionJa: "特に夜間の電力が最も大きい。")
        let company = try await world.company("Lamps", titleJa: "街路灯の施工", descriptionJa: "特に公園の照明で、最も多くの実績がある。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("街路灯") }, "\(words)")
        #expect(!words.contains { ["特", "最"].contains($0) }, "\(words)")
    }

    @Test("a katakana word's last letter and the kanji after it are no evidence: ダナン市内 and ヤンゴン市内 share 市内, not ン市")
    func katakanaEdgeNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "ダナン市内の街路灯", descriptionJa: "街路灯を更新したい。")
        let company = try await world.company("Lights", titleJa: "ヤンゴン市内の街路灯", descriptionJa: "街路灯の施工。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("市内") }, "\(words)")
        #expect(!words.contains { $0.contains("ン市") }, "\(words)")
    }

    @Test("a kanji pair across the edge of a known word is no evidence: 廃棄物発電 and 微生物発酵 share 物発, a piece of two words")
    func pairAcrossWordsNotExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "廃棄物発電の導入", descriptionJa: "工業団地の敷地に設ける。")
        let company = try await world.company("Ferment", titleJa: "微生物発酵槽", descriptionJa: "工業団地の敷地向けの微生物発酵。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        #expect(words.contains { $0.contains("敷地") }, "\(words)")
        #expect(!words.contains { $0.contains("物発") }, "\(words)")
    }

    @Test("a glossary sense the need writes in Japanese is listed once, by its English name and the need's word")
    func senseListedOnce() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleJa: "汚泥の乾燥", descriptionJa: "処分量を減らしたい。")
        let company = try await world.company("Dryer", titleJa: "汚泥乾燥機", descriptionJa: "汚泥を乾燥させる設備。")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        // 汚泥 is met as the sense "sludge" and as the pair 汚泥: one entry, not "sludge" and "汚泥".
        #expect(words.contains("sludge / 汚泥") && words.contains("drying / 乾燥"), "\(words)")
        #expect(!words.contains { ["sludge", "汚泥", "drying", "乾燥"].contains($0) }, "\(words)")
    }

    @Test("an English word that a met sense's name carries under another form is listed once, under the sense")
    func englishWordListedWithItsSense() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "A new incineration plant for the city")
        let company = try await world.company("Stoker", titleEn: "Stoker incinerators", descriptionEn: "We build incinerators for cities.")
        let words = try #require(try await world.ranking(need).item(company)?.explanation.matchedWords)
        // "incineration plant" is a variant of the sense "incinerator", and the word "incineration" has the stem of
        // "incinerator": one entry, not "incinerator" and "incineration".
        #expect(words.contains("incinerator") && !words.contains("incineration"), "\(words)")
    }

    @Test("words met in a track record's summary are explained as the technologies' are, to those who may see the record")
    func recordWordsExplained() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Feasibility survey for a desalination plant")
        let open = try await world.company("Open", titleEn: "Water quality sensors", records: [record("VN", "Da Nang", "Desalination feasibility survey")])
        let discreet = try await world.company(
            "Discreet", titleEn: "Water quality sensors", records: [record("VN", "Da Nang", "Desalination feasibility survey", disclosure: .coordinators)])
        let forCoordinator = try await world.ranking(need), forViewer = try await world.ranking(need, by: viewer)
        // The summary's words raise the text score; a reason that leaves them out showed a score and no words.
        #expect(forCoordinator.item(open)?.explanation.matchedWords.contains("survey") == true, "\(forCoordinator.item(open)?.explanation.matchedWords ?? [])")
        #expect(forViewer.item(open)?.explanation.matchedWords.contains("survey") == true)
        #expect(forCoordinator.item(discreet)?.explanation.matchedWords.contains("survey") == true)
        #expect(forViewer.item(discreet)?.explanation.matchedWords.contains("survey") == false)
    }

    @Test("a company whose description answers a tagged need outranks one that only holds the need's code")
    func textAboveMereCodeHolder() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(
            in: city, titleEn: "Backup power for hospitals",
            descriptionEn: "Hospitals lose power during typhoon outages; the city wants rooftop solar with storage batteries to keep wards running.",
            codes: ["disaster_resilience"])
        let holder = try await world.company(
            "Holder", titleEn: "Flood early warning", descriptionEn: "River level gauges and evacuation alerts for districts.",
            codes: ["disaster_resilience"])
        let answerer = try await world.company(
            "Answerer", titleEn: "Solar and battery backup for hospitals",
            descriptionEn: "Rooftop solar with storage batteries keeps hospital wards powered through outages.", codes: ["battery_storage"])
        let list = try await world.ranking(need)
        // The taxonomy is evidence that adds, not a gate (docs/matching.md, "The method"): 0.20 for the code
        // against 0.55 for the text, so the plain answer comes first although only the other holds the code.
        #expect(list.ids.prefix(2) == [answerer.id, holder.id])
        #expect(list.item(holder)?.parts.taxonomy == 1)
        #expect(list.item(answerer)?.parts.taxonomy == 0)
        #expect((list.item(answerer)?.parts.text ?? 0) > (list.item(holder)?.parts.text ?? 1))
        #expect(list.item(holder)?.explanation.matchedCodes.first?.fit == .exact)
        #expect(list.item(answerer)?.explanation.matchedCodes.isEmpty == true)
        #expect(list.item(answerer)?.explanation.matchedWords.isEmpty == false)
    }

    @Test("track record: a project in the same city beats one in the same country, which beats one in the same region")
    func trackRecordPlaces() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Incineration plant", codes: ["waste_to_energy"])
        let sameCity = try await world.company("City", titleEn: "Incinerator", codes: ["waste_to_energy"], records: [record("VN", "Danang")])
        let sameCountry = try await world.company("Country", titleEn: "Incinerator", codes: ["waste_to_energy"], records: [record("VN", "Hanoi")])
        let sameRegion = try await world.company("Region", titleEn: "Incinerator", codes: ["waste_to_energy"], records: [record("TH", "Bangkok")])
        let list = try await world.ranking(need)
        #expect(list.ids == [sameCity.id, sameCountry.id, sameRegion.id])
        #expect(list.items.map(\.parts.trackRecord) == [1, 0.6, 0.3])
        #expect(list.items.map { $0.explanation.trackRecords.first?.place } == ["city", "country", "region"])
    }

    @Test("a record is about the need when it names an asked code or a child of one, not when a generic word names the parent")
    func recordAboutTheNeed() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Greenhouse gas inventory", codes: ["mrv"])
        // "city" names the top-level concept `city`, the parent of `mrv`: a record with the city is not about a GHG inventory.
        let generic = try await world.company(
            "Generic", titleEn: "Emission accounting", codes: ["mrv"], records: [record("VN", "Da Nang", "Household composting with the city")])
        let about = try await world.company(
            "About", titleEn: "Emission accounting", codes: ["mrv"], records: [record("VN", "Da Nang", "GHG inventory of public buildings")])
        let list = try await world.ranking(need)
        #expect(list.item(about)?.parts.trackRecord == 1)
        #expect(list.item(generic)?.parts.trackRecord == MatchWeights.standard.unrelatedRecordFactor)
        #expect(list.ids.prefix(2) == [about.id, generic.id])
    }

    @Test("equal scores and evidence are ordered by name, and the same data gives the same ranking")
    func deterministic() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "LED street lighting", codes: ["lighting"])
        var made: [UUID] = []
        for index in [2, 0, 3, 1] { made.append(try await world.company("Twin \(index)", titleEn: "LED street lights", codes: ["lighting"]).id) }
        let first = try await world.ranking(need)
        #expect(first.ids == [made[1], made[3], made[0], made[2]])
        #expect(Set(first.items.map(\.score)).count == 1)
        #expect(try await world.ranking(need) == first)
    }
}

@Suite("Ranking cuts its work short without changing the order")
struct RankingPruningTests {
    @Test("a short ranking is exactly the head of a long one")
    func headOfLongRanking() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Solar with batteries for schools", codes: ["solar_pv", "battery_storage"])
        let places: [(String, String?)] = [("VN", "Da Nang"), ("VN", "Hue"), ("TH", "Bangkok"), ("KE", "Nairobi")]
        for index in 0..<12 {
            let codes = index % 3 == 0 ? ["solar_pv", "battery_storage"] : index % 3 == 1 ? ["solar_pv"] : ["microgrid"]
            let place = places[index % places.count]
            try await world.company("Company \(index)", titleEn: "Solar and storage \(index)", codes: codes,
                                    records: index % 2 == 0 ? [record(place.0, place.1, "Solar rooftops")] : [])
        }
        let long = try await world.ranking(need, MatchFilter(limit: 100))
        #expect(long.items.count == 12)
        for limit in [1, 3, 5] {
            let short = try await world.ranking(need, MatchFilter(limit: limit))
            #expect(short.items == Array(long.items.prefix(limit)), "limit \(limit)")
        }
    }
}
