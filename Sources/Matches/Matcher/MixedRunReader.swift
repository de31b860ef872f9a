/// Reads a text scalar by scalar into its mixed runs (`TextAnalysis.mixedRuns`), so that `TermReader` finds them in
/// the one pass it makes over a text.
struct MixedRunReader {
    private var run: [Unicode.Scalar] = []
    private var hasJapanese = false
    private var hasLatin = false

    /// Adds a scalar of the text; gives back the run it ends, when it ends one that holds both scripts.
    mutating func read(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        let narrow = TextAnalysis.halfWidth(scalar)
        if TextAnalysis.isJapanese(narrow) {
            run.append(narrow)
            hasJapanese = true
        } else if Glossary.isLatin(narrow) {
            run.append(("A"..."Z").contains(narrow) ? Unicode.Scalar(UInt8(narrow.value) + 32) : narrow)
            hasLatin = true
        } else {
            return finish()
        }
        return nil
    }

    /// Ends the run being read; gives it back when it holds both scripts.
    mutating func finish() -> [Unicode.Scalar]? {
        defer { run.removeAll(keepingCapacity: true); hasJapanese = false; hasLatin = false }
        return hasJapanese && hasLatin ? run : nil
    }
}
