import DomainKit
import Testing

@Suite("Country codes")
struct CountryCodeTests {
    @Test("assigned ISO 3166-1 alpha-2 codes pass; reserved, user-assigned and malformed ones do not", arguments: [
        ("VN", true), ("JP", true), ("GB", true), ("TL", true), ("SS", true), ("XK", true), ("AX", true),
        ("UK", false), ("EU", false), ("XX", false), ("ZZ", false), ("AA", false), ("QM", false), ("AN", false),
        ("vn", false), ("V", false), ("VNM", false), ("", false), ("ＶＮ", false),
    ])
    func assigned(code: String, passes: Bool) {
        #expect(Validation.isCountryCode(code) == passes)
    }
}
