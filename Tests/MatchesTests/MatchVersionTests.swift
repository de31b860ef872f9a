import Foundation
@testable import Matches
import Testing

/// The matcher's version cannot be forgotten (issue 16): it is derived from the weights, the glossary and
/// `MatchWeights.methodRevision`, and the scores of a fixed directory are recorded per version, so a change
/// of method that moves any score under an unchanged version fails here.
@Suite("The matcher's version follows its weights, vocabulary and method")
struct MatchVersionTests {
    /// Version → digest of the fixed directory's rankings. A new version (weights or glossary changed, or the
    /// method revision raised) is recorded here with the digest the failing test prints; an old entry stays,
    /// so a version once released always names the same scores.
    static let recorded: [String: String] = [
        "matching-2.1-e983c24d": "cf54aa4b607795b0",
        "matching-2.1-4e3aa99d": "bd4513998cd85ae8",
    ]

    /// Rankings of three needs (tagged, untagged English, untagged Japanese) over the reference directory,
    /// every score and part at six decimals, as one FNV-1a 64 digest.
    static func digest() -> String {
        let state = RankingReferenceTests.directory(editRounds: 0)
        let matcher = Matcher()
        let needs = [
            NeedProfile(cityNameEn: "Da Nang", cityNameJa: "ダナン", country: "VN", title: "Solar", text: "Solar panels for schools",
                        taxonomyCodes: ["solar_pv"]),
            NeedProfile(cityNameEn: "Bangkok", cityNameJa: "バンコク", country: "TH", title: "Waste", text: "An incinerator for the city",
                        taxonomyCodes: []),
            NeedProfile(cityNameEn: "Cebu", cityNameJa: "セブ", country: "PH", title: "蓄電池", text: "病院の蓄電池と太陽光発電", taxonomyCodes: []),
        ]
        var text = ""
        for need in needs {
            for scored in matcher.rank(matcher.analyse(need, in: state), in: state, limit: 300, include: { _ in true }) {
                let p = scored.parts
                text += scored.features.sortName + String(format: " %.6f %.6f %.6f %.6f %.6f\n", scored.score, p.taxonomy, p.text, p.trackRecord, p.readiness)
            }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    @Test("the scores of a fixed directory are the ones recorded for the current version")
    func scoresRecordedForVersion() {
        let version = MatchWeights.algorithmVersion
        let digest = Self.digest()
        #expect(Self.recorded[version] != nil, "new version \(version): record \"\(version)\": \"\(digest)\" in MatchVersionTests.recorded")
        if let expected = Self.recorded[version] {
            #expect(expected == digest, "scores changed under \(version): raise MatchWeights.methodRevision, then record the new version")
        }
    }

    @Test("changing a weight, a glossary line or the method revision changes the version")
    func versionFollowsInputs() {
        let standard = MatchWeights.standard
        var weights = standard
        weights.k1 += 0.1
        #expect(weights.fingerprint != standard.fingerprint)
        weights = standard
        weights.credibleScore += 0.01
        #expect(weights.fingerprint != standard.fingerprint)
        #expect(standard.fingerprint(glossary: Glossary.shipped.source + "\n新語 ; new term ; A") != standard.fingerprint)
        #expect(standard.fingerprint(glossary: Glossary.shipped.source, methodRevision: MatchWeights.methodRevision + 1) != standard.fingerprint)
        #expect(MatchWeights.algorithmVersion.hasPrefix("matching-2.\(MatchWeights.methodRevision)-"))
    }
}
