@testable import DomainKit
import Testing

/// The source a limit per client address counts (audit36): an IPv6 host's /64, an IPv4 address, anything else as sent.
@Suite("Client address as a limit's source")
struct ClientAddressTests {
    @Test("an IPv6 address counts as its /64, however it is written", arguments: [
        ("2001:db8:5:6::1", "2001:db8:5:6::/64"),
        ("2001:db8:5:6:ffff:ffff:ffff:ffff", "2001:db8:5:6::/64"),
        ("2001:0DB8:0005:0006:0:0:0:9", "2001:db8:5:6::/64"),
        ("2001:db8::5:6:7:8", "2001:db8:0:0::/64"),
        ("fe80::1%eth0", "fe80:0:0:0::/64"),
        ("::1", "0:0:0:0::/64"),
        ("64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"),
    ])
    func ipv6(address: String, source: String) {
        #expect(ClientAddress.limitKey(address) == source)
    }

    @Test("an IPv4 address, an IPv4-mapped IPv6 address and text that is no address", arguments: [
        ("192.0.2.1", "192.0.2.1"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("::FFFF:c000:0201", "192.0.2.1"),
        ("unknown", "unknown"),
        ("1:::2", "1:::2"),
        ("1::2::3", "1::2::3"),
        ("1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"),
        ("12345::1", "12345::1"),
        ("::ffff:1.2.3.256", "::ffff:1.2.3.256"),
    ])
    func others(address: String, source: String) {
        #expect(ClientAddress.limitKey(address) == source)
    }
}
