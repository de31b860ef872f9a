/// Masking (ISO/IEC 18004:2015 §7.8): each of the eight patterns is tried, scored with the four
/// penalty rules, and the lowest score kept, so the symbol avoids large blocks, long runs and
/// finder look-alikes that confuse a reader.
extension QRMatrix {
    /// Table 10's conditions; `i` is the row and `j` the column, as the standard writes them.
    static func maskCondition(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// XORs the mask over the data modules; applying it twice undoes it.
    mutating func toggleMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskCondition(mask, row: y, column: x) {
                self[x, y].toggle()
            }
        }
    }

    /// Chooses, applies and records (in the format information) the mask with the lowest penalty.
    mutating func applyBestMask() -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            toggleMask(mask)
            drawFormatBits(mask: mask)
            let score = penalty()
            if score < best.penalty { best = (mask, score) }
            toggleMask(mask)
        }
        toggleMask(best.mask)
        drawFormatBits(mask: best.mask)
        return best.mask
    }

    static let runPenalty = 3        // N1: a run of five, plus one per module beyond
    static let blockPenalty = 3      // N2: each 2×2 block of one colour
    static let finderPenalty = 40    // N3: 1:1:3:1:1 with four light modules on one side
    static let balancePenalty = 10   // N4: each 5 % that the dark share strays from 50 %

    /// The four rules of §7.8.3.1, over rows and columns alike.
    func penalty() -> Int {
        var total = 0
        let lines: [[Bool]] = (0..<size).map { y in (0..<size).map { self[$0, y] } }
            + (0..<size).map { x in (0..<size).map { self[x, $0] } }
        for line in lines {
            total += Self.runScore(line) + Self.finderLikeScore(line)
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = self[x, y]
                if self[x + 1, y] == colour, self[x, y + 1] == colour, self[x + 1, y + 1] == colour { total += Self.blockPenalty }
            }
        }
        let dark = modules.count { $0 }
        let deviation = abs(dark * 100 / modules.count - 50)
        total += deviation / 5 * Self.balancePenalty
        return total
    }

    static func runScore(_ line: [Bool]) -> Int {
        var score = 0
        var run = 1
        for index in 1...line.count {
            if index < line.count, line[index] == line[index - 1] {
                run += 1
            } else {
                if run >= 5 { score += runPenalty + (run - 5) }
                run = 1
            }
        }
        return score
    }

    /// Dark-light-dark×3-light-dark with four light modules before or after; the quiet zone counts as
    /// light, since a reader sees it so.
    static func finderLikeScore(_ line: [Bool]) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        let light = [Bool](repeating: false, count: 4)
        let padded = light + line + light
        var score = 0
        var start = 0
        while start + 11 <= padded.count {
            let window = padded[start..<(start + 11)]
            if Array(window) == core + light || Array(window) == light + core { score += finderPenalty }
            start += 1
        }
        return score
    }
}
