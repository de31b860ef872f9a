// Foundation's, not FoundationEssentials': the Unicode normalisations live only there.
import Foundation

/// The one fold of search (search17): what every `q` is compared in, the same as the SQL function `search_fold`
/// (migration 0108) that every stored search column and trigram index goes through, so that a query typed one way
/// finds text stored the other. Unicode NFKC (Ｄａ Ｎａｎｇ and ＡＢＣ２０２６ typed full-width are the ASCII
/// letters and digits, ﾀﾞﾅﾝ is ダナン, U+3000 and the no-break space are a space, ① is 1, ㈱ is (株)), lower case,
/// and every run of white space (Unicode's White_Space property) one ASCII space. `SearchFoldTests` runs a table of
/// strings through both and compares.
///
/// Lower case is the simple mapping, as PostgreSQL's `lower()` (one code point for one): Swift's full mapping
/// writes İ (U+0130) as i + U+0307, where the database writes i, and a query folded so missed İzmir.
public func searchFold(_ text: String) -> String {
    searchFold(normalized: nfkc(text))
}

/// `searchFold` of a text already in NFKC, so that a caller that normalises first (`Taxonomy.searchForm`) does not
/// normalise twice.
func searchFold(normalized text: String) -> String {
    var folded = String.UnicodeScalarView()
    var inWhiteSpace = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
            if !inWhiteSpace { folded.append(" ") }
            inWhiteSpace = true
        } else {
            inWhiteSpace = false
            // Only U+0130 lower-cases to more than one code point (SpecialCasing.txt); its first is the simple mapping.
            folded.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
        }
    }
    return String(folded)
}

/// NFKC as Unicode defines it, compatibility decomposition then canonical composition (UAX #15). Foundation's
/// `precomposedStringWithCompatibilityMapping` on Linux composes before it maps: ﾀﾞ came out as タ + U+3099, not ダ,
/// and missed the ダ that PostgreSQL's `normalize(…, NFKC)` stores.
func nfkc(_ text: String) -> String {
    text.decomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
}
