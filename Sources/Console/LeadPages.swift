import Coordinators
import FoundationEssentials

/// Words for a lead's stages and activities, and the "what changed" list of a stale stage move.
enum LeadPages {
    static func stageMessage(_ stage: LeadStage) -> Message {
        switch stage {
        case .lead: .stageLead
        case .qualified: .stageQualified
        case .proposal: .stageProposal
        case .negotiation: .stageNegotiation
        case .won: .stageWon
        case .commercialized: .stageCommercialized
        case .lost: .stageLost
        case .onHold: .stageOnHold
        }
    }

    static func roleMessage(_ role: ConsortiumRole) -> Message {
        switch role {
        case .prime: .memberPrime
        case .partner: .memberPartner
        case .supplier: .memberSupplier
        }
    }

    static func kindMessage(_ kind: ActivityKind) -> Message {
        switch kind {
        case .meeting: .kindMeeting
        case .siteVisit: .kindSiteVisit
        case .webMeeting: .kindWebMeeting
        case .workshop: .kindWorkshop
        case .call: .kindCall
        case .email: .kindEmail
        case .report: .kindReport
        }
    }

    /// The stage the person saw against the stage now, and every stage change recorded since they
    /// opened the page (the history is the record of what others did).
    static func changes(_ request: ConsoleRequest, seenStage: LeadStage?, seenAt: Date, lead: Lead, history: [LeadStageChange]) -> [HTML] {
        let t = request.language
        var items: [HTML] = []
        if let seenStage, seenStage != lead.stage {
            items.append(el("li", [], t(.stageChangedFromTo, t(stageMessage(seenStage)), t(stageMessage(lead.stage)))))
        }
        for change in history where change.changedAt >= seenAt {
            items.append(el("li", [], t(.changeAt, t.date(change.changedAt), t(stageMessage(change.to)), change.reason ?? change.note ?? "")))
        }
        if items.isEmpty { items.append(el("li", [], t(.otherFieldsChanged))) }
        return items
    }
}
