/// A QR code of Domino's own (ISO/IEC 18004:2015): byte mode, error correction level M, the smallest
/// version from 1 to 40 that holds the payload, the mask with the lowest penalty.
///
/// A payload that is not plain ASCII is announced as UTF-8 with an ECI header (designator 26, §7.4.2),
/// so a decoder does not have to guess between UTF-8 and Shift JIS for Japanese text.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    /// The mask pattern chosen (0–7, §7.8.2).
    public let mask: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major; true is dark.
    let modules: [Bool]

    public enum Failure: Error, Sendable, Equatable {
        /// More bytes than a version-40 M symbol holds (2,331 with the byte-mode header).
        case payloadTooLong(bytes: Int)
    }

    /// Dark or light at column `x`, row `y`.
    public func isDark(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    public init(text: String) throws(Failure) {
        try self.init(bytes: Array(text.utf8), utf8: !text.utf8.allSatisfy { $0 < 0x80 })
    }

    /// Encodes `bytes`; `utf8` adds the ECI header that says the bytes are UTF-8.
    public init(bytes: [UInt8], utf8: Bool = false) throws(Failure) {
        let headerBits = (utf8 ? 12 : 0) + 4
        guard let capacity = QRCapacity.versions.lazy.map(QRCapacity.init(version:)).first(where: {
            headerBits + $0.byteCountBits + bytes.count * 8 <= $0.dataCodewords * 8
        }) else {
            throw .payloadTooLong(bytes: bytes.count)
        }
        let data = Self.dataCodewords(bytes, utf8: utf8, capacity: capacity)
        let codewords = Self.interleavedWithErrorCorrection(data, capacity: capacity)
        var matrix = QRMatrix(capacity: capacity)
        matrix.drawFunctionPatterns()
        matrix.place(codewords)
        let mask = matrix.applyBestMask()
        version = capacity.version
        self.mask = mask
        size = capacity.size
        modules = matrix.modules
    }

    /// The bit stream of §7.4: [ECI 0111 + 00011010] + mode 0100 + count + bytes, then the terminator,
    /// zero bits to a byte boundary, and the pad codewords 11101100 00010001 in turn (§7.4.10).
    static func dataCodewords(_ bytes: [UInt8], utf8: Bool, capacity: QRCapacity) -> [UInt8] {
        var bits = BitBuffer()
        if utf8 {
            bits.append(0b0111, count: 4)
            bits.append(26, count: 8)
        }
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: capacity.byteCountBits)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = capacity.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < capacity.dataCodewords {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks (the last `rawCodewords % blocks` blocks one codeword longer), adds
    /// each block's Reed–Solomon codewords, and interleaves: the i-th data codeword of every block in
    /// turn, then the i-th error-correction codeword of every block (§7.6).
    static func interleavedWithErrorCorrection(_ data: [UInt8], capacity: QRCapacity) -> [UInt8] {
        let longBlocks = capacity.rawCodewords % capacity.blocks
        let shortBlocks = capacity.blocks - longBlocks
        let shortDataLength = capacity.rawCodewords / capacity.blocks - capacity.eccPerBlock
        let divisor = ReedSolomon.divisor(degree: capacity.eccPerBlock)
        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for block in 0..<capacity.blocks {
            let length = shortDataLength + (block < shortBlocks ? 0 : 1)
            let slice = Array(data[offset..<(offset + length)])
            offset += length
            dataBlocks.append(slice)
            eccBlocks.append(ReedSolomon.remainder(of: slice, divisor: divisor))
        }
        var result: [UInt8] = []
        result.reserveCapacity(capacity.rawCodewords)
        for index in 0...shortDataLength {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<capacity.eccPerBlock {
            for block in eccBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, offset in
                byte << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0)
            }
        }
    }
}
