/// A PNG writer for black-and-white images (W3C PNG, Third Edition; RFC 1950 zlib; RFC 1951 deflate):
/// one bit per pixel in grayscale, filter type 0 on every scanline, the image data in stored
/// (uncompressed) deflate blocks. Stored blocks keep the writer small enough to check by eye; a QR code
/// at one bit per pixel is a few kilobytes anyway.
public enum PNGImage {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The largest stored block (RFC 1951 §3.2.4: LEN is 16 bits).
    static let maximumStoredBlock = 65_535

    /// `isBlack(x, y)` for every pixel of a `width` × `height` image.
    public static func blackAndWhite(width: Int, height: Int, isBlack: (Int, Int) -> Bool) -> [UInt8] {
        precondition(width > 0 && height > 0, "an image has at least one pixel")
        let rowBytes = (width + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            raw.append(0) // filter type None
            for byteIndex in 0..<rowBytes {
                var byte: UInt8 = 0
                for bit in 0..<8 {
                    let x = byteIndex * 8 + bit
                    // In grayscale 1 is white; padding bits past the width are white too.
                    let white = x >= width || !isBlack(x, y)
                    byte |= (white ? 1 : 0) << UInt8(7 - bit)
                }
                raw.append(byte)
            }
        }
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [1, 0, 0, 0, 0] // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        var png = signature
        png += chunk("IHDR", header)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    /// A chunk: length, type, data, and the CRC-32 of type and data (PNG §5.3).
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        result += typed
        result.appendBigEndian(CRC32.checksum(typed))
        return result
    }

    /// A zlib stream (RFC 1950): CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (so CMF·256+FLG is a
    /// multiple of 31, no dictionary), stored blocks, and the Adler-32 of the uncompressed data.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(maximumStoredBlock, data.count - offset)
            let isFinal = offset + length == data.count
            // BFINAL then BTYPE 00; the rest of the byte pads to the boundary (RFC 1951 §3.2.4).
            result.append(isFinal ? 1 : 0)
            let len = UInt16(length)
            result += [UInt8(len & 0xFF), UInt8(len >> 8), UInt8(~len & 0xFF), UInt8(~len >> 8)]
            result += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        result.appendBigEndian(Adler32.checksum(data))
        return result
    }
}

/// CRC-32 as PNG and zlib's gzip use it: polynomial 0xEDB88320 (reflected), initial and final XOR all ones.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// Adler-32 (RFC 1950 §8.2): two sums modulo 65521, the largest prime below 2¹⁶.
enum Adler32 {
    static let modulus: UInt32 = 65_521

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        // 5552 bytes is the most that can be summed before a 32-bit b could overflow (zlib's NMAX).
        var index = 0
        while index < bytes.count {
            let end = min(index + 5552, bytes.count)
            for byte in bytes[index..<end] {
                a += UInt32(byte)
                b += a
            }
            a %= modulus
            b %= modulus
            index = end
        }
        return b << 16 | a
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
