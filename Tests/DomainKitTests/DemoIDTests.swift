import DomainKit
import Foundation
import Testing

@Suite("Fixed ids of the demo data")
struct DemoIDTests {
    @Test("the demo data's fixed ids have the prefix and the number's digits, as the literals they replace")
    func demoIDs() {
        #expect(UUID.demo(0xde30_0000, 1) == UUID(uuidString: "de300000-0000-4000-8000-000000000001"))
        #expect(UUID.demo(0xde31_0000, 12) == UUID(uuidString: "de310000-0000-4000-8000-000000000012"))
        #expect(UUID.demo(0xde00_0000, 109) == UUID(uuidString: "de000000-0000-4000-8000-000000000109"))
        #expect(UUID.demo(0xde20_0000, 987_654_321_098) == UUID(uuidString: "de200000-0000-4000-8000-987654321098"))
    }
}
