extension QRCode {
    /// The quiet zone: four light modules on every side (ISO/IEC 18004:2015 §6.3.8).
    public static let quietZone = 4

    /// The symbol as a PNG, `scale` pixels per module, with the quiet zone. Whole pixels per module
    /// keep the edges crisp at any zoom a mail reader applies.
    public func png(scale: Int = 6) -> [UInt8] {
        precondition(scale >= 1, "a module is at least one pixel")
        let side = (size + 2 * Self.quietZone) * scale
        return PNGImage.blackAndWhite(width: side, height: side) { x, y in
            let column = x / scale - Self.quietZone
            let row = y / scale - Self.quietZone
            guard (0..<size).contains(column), (0..<size).contains(row) else { return false }
            return isDark(x: column, y: row)
        }
    }
}
