import DomainKit
import Foundation
import Postgres
import Testing

@Suite("Japanese fiscal years")
struct FiscalYearTests {
    /// 2024-04-01 00:00 JST is 2024-03-31 15:00 UTC.
    let fy2024Start = Date(timeIntervalSince1970: 1_711_897_200)

    @Test("FY2024 begins at April 1 00:00 in Japan, not in UTC")
    func boundary() {
        #expect(FiscalYear(containing: fy2024Start) == FiscalYear(2024))
        #expect(FiscalYear(containing: fy2024Start.addingTimeInterval(-1)) == FiscalYear(2023))
        #expect(FiscalYear(2024).start == fy2024Start)
    }

    @Test("first and last days: April 1 and March 31, across a leap year and far years")
    func days() {
        #expect(FiscalYear(2024).firstDay.description == "2024-04-01")
        #expect(FiscalYear(2023).lastDay.description == "2024-03-31")
        #expect(FiscalYear(2027).lastDay.description == "2028-03-31")
        #expect(FiscalYear(2000).firstDay.description == "2000-04-01")
        #expect(FiscalYear(2100).lastDay.description == "2101-03-31")
    }

    @Test("FY2024 ends at March 31 24:00 in Japan")
    func end() {
        let fy2025Start = Date(timeIntervalSince1970: 1_743_433_200)
        #expect(FiscalYear(2024).end == fy2025Start)
        #expect(FiscalYear(2024).contains(fy2025Start.addingTimeInterval(-0.001)))
        #expect(!FiscalYear(2024).contains(fy2025Start))
    }

    @Test("reports name the Japanese era", arguments: [(2024, "令和6年度"), (2019, "令和元年度"), (2018, "平成30年度")])
    func eraNames(year: Int, name: String) {
        #expect(FiscalYear(year).japaneseName == name)
    }
}
