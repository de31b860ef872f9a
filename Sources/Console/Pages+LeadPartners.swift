import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// A lead's local partners (`addLeadLocalPartner`, `removeLeadLocalPartner`): organisations of the
/// lead's city, chosen from `listLocalPartners`. Partners themselves are made on the cities pages.
extension Console {
    var leadPartnerPages: [Page] {
        [
            Page(.post, "/leads/{id}/local-partners",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "listLocalPartners", "addLeadLocalPartner"]) { console, request in
                let id = try request.pathUUID("id")
                guard let partner = request.formValue("localPartnerId").flatMap(UUID.init(uuidString:)) else { throw ConsoleError.badRequest }
                do {
                    _ = try await console.services.coordinators.addLocalPartner(LeadLocalPartnerDraft(localPartnerId: partner), to: id, by: try request.principal)
                } catch RecordError.conflict {
                    return try await console.leadPage(request, move: nil, notice: .leadPartnerExists, status: HTTPStatus(code: 409))
                } catch RecordError.invalid {
                    return try await console.leadPage(request, move: nil, notice: .leadPartnerInvalid, status: HTTPStatus(code: 422))
                }
                return Layout.seeOther("/leads/\(id.uuidString.lowercased())?partnerAdded=1#partners")
            },
            Page(.post, "/leads/{id}/local-partners/{partnerId}/remove",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "listLocalPartners", "removeLeadLocalPartner"]) { console, request in
                let id = try request.pathUUID("id")
                try await console.services.coordinators.removeLocalPartner(try request.pathUUID("partnerId"), from: id, by: try request.principal)
                return Layout.seeOther("/leads/\(id.uuidString.lowercased())?partnerRemoved=1#partners")
            },
        ]
    }

    /// The partners on the lead, a button to take each off, and the city's other partners to add.
    func leadPartnerSection(_ request: ConsoleRequest, lead: Lead, path: String) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        guard allows(principal.role, "listLocalPartners") else { return [] }
        let onLead = try await services.coordinators.consortium(of: lead.id, by: principal).localPartners
        let partners = try await allLocalPartners(of: lead.cityId, principal)
        let names = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0.name) })
        let canWrite = allows(principal.role, "addLeadLocalPartner")
        var content: [HTML] = [el("h2", [attr("id", "partners")], t(.leadPartners))]
        content.append(onLead.isEmpty ? el("p", [], t(.leadNoPartners)) : Table.make(
            caption: t(.leadPartners), captionShown: false, headers: [t(.leadPartnerName), t(.leadPartnerAdded)] + (canWrite ? [t(.removeMember)] : []),
            numeric: [], compact: [1],
            rows: onLead.map { partner in
                let name = names[partner.localPartnerId] ?? "—"
                var row: [HTML] = [.text(name), .text(t.date(partner.addedAt))]
                if canWrite {
                    row.append(el("form", [attr("method", "post"), attr("action", "\(path)/local-partners/\(partner.localPartnerId.uuidString.lowercased())/remove")], [
                        Layout.csrfField(request),
                        el("button", [attr("type", "submit"), attr("class", "secondary"), attr("aria-label", t(.removeMemberFor, name))], t(.removeMember)),
                    ]))
                }
                return row
            }))
        guard canWrite else { return content }
        let linked = Set(onLead.map(\.localPartnerId))
        let candidates = partners.filter { !linked.contains($0.id) }
        if partners.isEmpty {
            content.append(el("p", [attr("class", "explain")], [.text(t(.matchNoPartners) + " "), el("a", [attr("href", "/cities")], t(.matchCitiesLink))]))
        } else if !candidates.isEmpty {
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/local-partners"), attr("class", "panel")], [
                Layout.csrfField(request),
                Form.select(name: "localPartnerId", label: t(.leadPartnerName), options: candidates.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: nil),
                el("button", [attr("type", "submit")], t(.leadAddPartner)),
            ]))
        }
        return content
    }

    /// Every partner of the city, page by page (the API's pages hold 100): the lead's partners are named
    /// and the rest offered however many the city has (harden11: only the first 100 were).
    private func allLocalPartners(of city: UUID, _ principal: Principal) async throws -> [LocalPartner] {
        try await Self.everyPage { try await services.cities.localPartners(of: city, page: $0, by: principal) }
    }
}
