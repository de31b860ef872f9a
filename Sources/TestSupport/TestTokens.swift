import Accounts
public import App
public import DomainKit
public import Foundation

extension Application {
    /// A user of `role` (bound to a placeholder company or liaison base where the role needs one) and a
    /// session token for it. Each call makes a new user, so tests never share sessions.
    public func token(for role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil) async throws -> (token: String, principal: Principal) {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@test.domino.example"
        let password = "correct horse battery staple"
        let user = try await accounts.createUser(
            NewUser(email: email, displayName: "Test \(role.rawValue)", role: role,
                    companyID: role == .company ? try await boundCompany(companyID) : nil,
                    liaisonBaseID: role == .liaison ? try await boundLiaisonBase(liaisonBaseID) : nil,
                    password: password),
            actor: nil)
        let issued = try await accounts.login(email: email, password: password, clientAddress: "127.0.0.1")
        let principal = Principal(userID: user.id, role: role, companyID: user.companyID, liaisonBaseID: user.liaisonBaseID)
        return (issued.token, principal)
    }

    private func boundCompany(_ given: UUID?) async throws -> UUID {
        if let given { return given }
        return try await DirectoryPlaceholders.company(in: pool)
    }

    private func boundLiaisonBase(_ given: UUID?) async throws -> UUID {
        if let given { return given }
        return try await DirectoryPlaceholders.liaisonBase(in: pool)
    }
}
