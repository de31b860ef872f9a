/// The client address as the limits per source count it (audit36). An IPv4 address is one source. An IPv6 host
/// is not one address but a /64 at least (RFC 7421: every subnet a host sits on is a /64, and SLAAC and privacy
/// addresses, RFC 8981, let it take any of its 2^64 addresses at will), so keying a limit on the whole IPv6
/// address let one caller send its 21st, 22nd, … application from a fresh address each time and never meet the
/// limit. Every limit per source (the public forms' `PublicAttempts`, password link requests, login throttling)
/// keys on `limitKey`, the one way to say which source a request came from.
public enum ClientAddress {
    /// `2001:db8:1:2:aaaa::1` → `2001:db8:1:2::/64`; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, as a
    /// dual-stack socket reports an IPv4 peer) → `192.0.2.1`; an IPv4 address, or anything that is not an IPv6
    /// address in text form (a proxy's `unknown`), unchanged.
    public static func limitKey(_ address: String) -> String {
        guard address.contains(":"), let groups = ipv6Groups(address) else { return address }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "\(groups[6] >> 8).\(groups[6] & 0xFF).\(groups[7] >> 8).\(groups[7] & 0xFF)"
        }
        return groups[0..<4].map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// The eight 16-bit groups of an IPv6 address in text form (RFC 4291 §2.2: `::` once, a dotted IPv4 tail, a
    /// zone after `%` ignored), nil when `text` is not one.
    static func ipv6Groups(_ text: String) -> [UInt16]? {
        let address = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard address.utf8.count <= 45 else { return nil }
        func parse(_ part: Substring) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var groups: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    let octets = piece.split(separator: ".", omittingEmptySubsequences: false)
                    let values = octets.compactMap { $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) ? UInt8($0) : nil }
                    guard octets.count == 4, values.count == 4 else { return nil }
                    groups += [UInt16(values[0]) << 8 | UInt16(values[1]), UInt16(values[2]) << 8 | UInt16(values[3])]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    groups.append(value)
                }
            }
            return groups
        }
        let halves = address.split(separator: "::", omittingEmptySubsequences: false)
        switch halves.count {
        case 1:
            guard let groups = parse(address), groups.count == 8 else { return nil }
            return groups
        case 2:
            guard let head = parse(halves[0]), let tail = parse(halves[1]), head.count + tail.count <= 7 else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        default:
            return nil
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
