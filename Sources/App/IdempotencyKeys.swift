import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a retry
/// with the same key and the same request gets the stored response (for 24 h) instead of creating
/// anything twice; the same key with a different request is a 422. Keys belong to the caller. The rows
/// are DomainKit's `IdempotencyRecords`, which the console's form submission ids share.
struct IdempotencyKeys: Sendable {
    let records: IdempotencyRecords

    init(pool: PostgresPool) {
        records = IdempotencyRecords(pool: pool)
    }

    enum Claim {
        case run
        case replay(APIResponse)
    }

    /// Claims the key for this request, or returns the stored answer, or refuses.
    func claim(key: String, principal: Principal, request: HTTPRequest) async throws -> Claim {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw Problem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.",
                                     errors: [FieldError(field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters")])
        }
        let fingerprint = Data((request.method.rawValue + " " + request.path + "\n").utf8) + Data(request.body)
        switch try await records.claim(userID: principal.userID, key: key, fingerprint: fingerprint) {
        case .claimed:
            return .run
        case .differentRequest:
            throw Problem.unprocessable("This Idempotency-Key was used for a different request.",
                                        errors: [FieldError(field: "Idempotency-Key", message: "was used for a different request")])
        case .running:
            throw Problem.conflict("A request with this Idempotency-Key is still running; retry shortly.")
        case .answered(let answer):
            var headers: HTTPHeaders = [:]
            for (name, value) in answer.headers { headers[name] = value }
            headers["Idempotent-Replayed"] = "true"
            return .replay(APIResponse(status: HTTPStatus(code: answer.status), headers: headers, body: .bytes(answer.body)))
        }
    }

    /// Stores the answer of a claimed request, without the members of `secrets` (`Route.secretMembers`):
    /// a retry then gets the record it created but not its secret again, which was shown once. A failure
    /// (5xx) or a streamed body releases the claim instead, so that a retry runs again; so does an answer
    /// with secrets that is not a JSON object, since it cannot be kept without them.
    func finish(key: String, principal: Principal, response: APIResponse, leavingOut secrets: Set<String> = []) async {
        guard response.status.code < 500, case .bytes(var body) = response.body else {
            await release(key: key, principal: principal)
            return
        }
        if !secrets.isEmpty {
            guard case .object(var members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
                await release(key: key, principal: principal)
                return
            }
            for name in secrets { members[name] = nil }
            // The same encoder as the answer (sorted keys), so the kept body is the answer less those members.
            guard let kept = try? ResponseJSONEncoder.encode(JSONValue.object(members)) else {
                await release(key: key, principal: principal)
                return
            }
            body = kept
        }
        var kept: [String: String] = [:]
        for name in ["Content-Type", "ETag", "Location"] { kept[name] = response.headers[name] }
        await records.finish(userID: principal.userID, key: key, answer: IdempotencyRecords.Answer(status: response.status.code, headers: kept, body: body))
    }

    func release(key: String, principal: Principal) async {
        await records.release(userID: principal.userID, key: key)
    }
}
