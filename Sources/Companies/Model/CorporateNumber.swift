/// 法人番号, the 13-digit corporate number of the National Tax Agency. The leading digit is a check
/// digit over the 12-digit base: 9 − (Σ P_n × Q_n mod 9), where P_n is the n-th digit counted from the
/// right and Q_n is 1 for odd n, 2 for even n. Migration 0006 checks the same rule in SQL.
public enum CorporateNumber {
    public static let length = 13

    public static func isValid(_ text: String) -> Bool {
        let digits = text.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard digits.count == length, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return digits[0] == checkDigit(base: Array(digits.dropFirst()))
    }

    /// The check digit of a 12-digit base, most significant digit first.
    public static func checkDigit(base: [Int]) -> Int {
        var sum = 0
        for (offset, digit) in base.reversed().enumerated() {
            let n = offset + 1
            sum += digit * (n % 2 == 1 ? 1 : 2)
        }
        return 9 - sum % 9
    }
}
