/// The block structure of error correction level M, the one level Domino encodes (ISO/IEC 18004:2015
/// §7.5.1, Table 9): M restores about 15 % of a damaged or badly lit code, the usual choice for codes
/// shown on a phone or printed on a ticket.
struct QRCapacity: Sendable, Equatable {
    let version: Int
    /// Error-correction codewords per block (every block of a version has the same number).
    let eccPerBlock: Int
    let blocks: Int
    /// All codewords the symbol holds, data and error correction (Table 1).
    let rawCodewords: Int

    static let versions = 1...40

    /// Table 9, level M: error-correction codewords per block, by version (index 0 unused).
    private static let eccPerBlockM = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    /// Table 9, level M: number of blocks, by version.
    private static let blocksM = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    init(version: Int) {
        precondition(Self.versions.contains(version), "QR versions are 1 to 40")
        self.version = version
        eccPerBlock = Self.eccPerBlockM[version]
        blocks = Self.blocksM[version]
        rawCodewords = Self.rawDataModules(version: version) / 8
    }

    var dataCodewords: Int { rawCodewords - eccPerBlock * blocks }
    var size: Int { version * 4 + 17 }

    /// Modules left for codewords once the function patterns are drawn (Table 1, "data modules"):
    /// the whole square less finders, separators, timing, alignment, format and version areas.
    static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Centres of the alignment patterns along each axis (Annex E, Table E.1), computed: evenly spaced
    /// from the last row back to 6, the spacing even, version 32 the one exception in the table.
    var alignmentCentres: [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var centres = [6]
        var position = size - 7
        while centres.count < count {
            centres.insert(position, at: 1)
            position -= step
        }
        return centres
    }

    /// Bits of the character count indicator in byte mode (Table 3): 8 up to version 9, then 16.
    var byteCountBits: Int { version <= 9 ? 8 : 16 }
}
