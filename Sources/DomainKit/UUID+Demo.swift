public import FoundationEssentials

extension UUID {
    /// A fixed id of the demo data, so that loading it twice finds the same records:
    /// `<prefix>-0000-4000-8000-<number>`, the prefix's eight hex digits (`0xde30_0000`) and then the
    /// number's decimal digits as the last twelve (`demo(0xde30_0000, 12)` is
    /// `de300000-0000-4000-8000-000000000012`), in the layout of a version-4 UUID. Built from its bytes,
    /// so nothing is parsed and nothing can fail; a number of more than twelve digits keeps its last twelve.
    public static func demo(_ prefix: UInt32, _ number: Int) -> UUID {
        // The decimal digits read as hex digits: 12 becomes 0x12.
        var digits: UInt64 = 0
        var remaining = number.magnitude % 1_000_000_000_000
        var shift: UInt64 = 0
        while remaining > 0 {
            digits |= UInt64(remaining % 10) << shift
            remaining /= 10
            shift += 4
        }
        func byte<Value: BinaryInteger>(_ value: Value, _ shift: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(uuid: (
            byte(prefix, 24), byte(prefix, 16), byte(prefix, 8), byte(prefix, 0), 0x00, 0x00, 0x40, 0x00, 0x80, 0x00,
            byte(digits, 40), byte(digits, 32), byte(digits, 24), byte(digits, 16), byte(digits, 8), byte(digits, 0)))
    }
}
