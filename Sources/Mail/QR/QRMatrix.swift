/// The module grid while a symbol is being built: which modules are dark, and which belong to function
/// patterns (never masked, never holding data). Coordinates are column `x`, row `y` from the top left.
struct QRMatrix {
    let capacity: QRCapacity
    let size: Int
    var modules: [Bool]
    var isFunction: [Bool]

    init(capacity: QRCapacity) {
        self.capacity = capacity
        size = capacity.size
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    subscript(x: Int, y: Int) -> Bool {
        get { modules[y * size + x] }
        set { modules[y * size + x] = newValue }
    }

    mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Timing patterns (§6.3.5), the three finders with their separators (§6.3.3, §6.3.4), alignment
    /// patterns (§6.3.6), the format areas reserved (drawn for real with the mask) and, from version 7,
    /// the version information (§7.10).
    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(6, index, index % 2 == 0)
            setFunction(index, 6, index % 2 == 0)
        }
        drawFinder(x: 3, y: 3)
        drawFinder(x: size - 4, y: 3)
        drawFinder(x: 3, y: size - 4)
        let centres = capacity.alignmentCentres
        let last = centres.count - 1
        for (i, x) in centres.enumerated() {
            for (j, y) in centres.enumerated() {
                // The three corners where a finder already stands get no alignment pattern.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormatBits(mask: 0)
        drawVersionBits()
    }

    /// A 7×7 finder centred on (x, y) and its one-module light separator, clipped at the edges.
    private mutating func drawFinder(x: Int, y: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let (column, row) = (x + dx, y + dy)
                guard (0..<size).contains(column), (0..<size).contains(row) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(column, row, distance != 2 && distance != 4)
            }
        }
    }

    /// The 15-bit format information (§7.9): level M is 00, then the mask, a BCH(15,5) remainder under
    /// generator 0x537, XOR 0x5412 so it is never all zero. Drawn twice, around the top-left finder
    /// and split between the other two, with the always-dark module beside the bottom-left finder.
    mutating func drawFormatBits(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { setFunction(8, index, bit(index)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for index in 9..<15 { setFunction(14 - index, 8, bit(index)) }
        for index in 0..<8 { setFunction(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { setFunction(8, size - 15 + index, bit(index)) }
        setFunction(8, size - 8, true)
    }

    /// The 18-bit version information of versions 7 to 40 (§7.10): the version and a BCH(18,6)
    /// remainder under generator 0x1F25, in two 6×3 blocks beside the top-right and bottom-left finders.
    private mutating func drawVersionBits() {
        guard capacity.version >= 7 else { return }
        var remainder = capacity.version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = capacity.version << 12 | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let (a, b) = (size - 11 + index % 3, index / 3)
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// Places the codewords' bits in the two-module-wide columns, right to left, zig-zagging up and down,
    /// skipping function modules and the vertical timing column (§7.7.3). Remainder bits stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for column in [right, right - 1] where !isFunction[y * size + column] && bitIndex < totalBits {
                    self[column, y] = (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }
}
