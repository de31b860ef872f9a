import App
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Jobs
import Notifications
import Postgres
import TestSupport
import Testing

private let admin = Principal(userID: UUID(), role: .admin)

private func count(_ query: PostgresQuery, in pool: PostgresPool) async throws -> Int {
    try await pool.query(query)[0].decode(column: 0)
}

/// A local HTTP receiver (the project's HTTPServer on an ephemeral port) that records what it gets
/// and answers with the statuses it is told, then 204.
actor Receiver {
    struct Received: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: String
    }
    private(set) var received: [Received] = []
    private var statuses: [Int]
    /// When set, every request is answered 307 to this URL (which keeps the method and the body).
    private var location: String?

    init(failing statuses: [Int] = []) {
        self.statuses = statuses
    }

    func redirect(to location: String) {
        self.location = location
    }

    func record(_ request: HTTPRequest) -> HTTPResponse {
        received.append(Received(path: request.path, headers: request.headers, body: String(decoding: request.body, as: UTF8.self)))
        if let location { return HTTPResponse(status: HTTPStatus(code: 307), headers: ["Location": location]) }
        return HTTPResponse(status: HTTPStatus(code: statuses.isEmpty ? 204 : statuses.removeFirst()))
    }
}

/// Holds every request until requests for `size` different paths have arrived, then answers them all
/// and lets later ones through. A path counts once: a request that outwaited its attempt's time limit is
/// retried, and the retry must not stand in for a delivery that has not arrived yet.
actor Barrier {
    let size: Int
    private var arrived: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(size: Int) {
        self.size = size
    }

    var isOpen: Bool { arrived.count >= size }

    /// Lets everyone through now, as if the rest had arrived.
    func open() {
        arrived.formUnion((0..<size).map { "opened \($0)" })
        for continuation in waiting { continuation.resume() }
        waiting = []
    }

    func arrive(for path: String) async {
        arrived.insert(path)
        if isOpen {
            for continuation in waiting { continuation.resume() }
            waiting = []
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

func withReceiver<Value: Sendable>(_ receiver: Receiver, barrier: Barrier? = nil, _ body: (_ port: Int) async throws -> Value) async throws -> Value {
    var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
    // Liveness bounds, not the server's 10 s and 30 s: the deliveries share two loaded cores with the receiver. (A
    // request held at the barrier is answered only when it opens: its handler waits on a continuation, which the
    // server's handler deadline cannot cut short.)
    configuration.headerTimeout = receiverLimit
    configuration.bodyTimeout = receiverLimit
    let server = HTTPServer(configuration: configuration) { request in
        let response = await receiver.record(request)
        await barrier?.arrive(for: request.path)
        return response
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            let value = try await body(try await server.waitUntilListening())
            await server.shutdown(deadline: .now)
            try await group.waitForAll()
            return value
        } catch {
            await server.shutdown(deadline: .now)
            group.cancelAll()
            throw error
        }
    }
}

/// HMAC-SHA256 by openssl, independent of the PostgreSQL code that signs.
func opensslHMAC(key: String, message: String) async throws -> String {
    let path = NSTemporaryDirectory() + "domino-hmac-\(UUID().uuidString)"
    try message.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let output = try await Subprocess.run("openssl", ["dgst", "-sha256", "-hmac", key, "-r", path])
    return String(output.split(separator: " ")[0])
}

/// How long the receiver waits for a request's head and body.
let receiverLimit: Duration = .seconds(300)

/// An attempt's time limit where the limit is not what a test is about: a liveness bound, not production's 10 s,
/// since the request and the receiver share two loaded cores (an attempt that outwaited 10 s came twice).
let deliveryLivenessLimit: Duration = .seconds(120)

func deliveryWorker(_ pool: PostgresPool, timeLimit: Duration = deliveryLivenessLimit) -> JobWorker {
    var handlers = JobHandlers()
    WebhookDelivery.register(into: &handlers, secretsKey: AppConfiguration.developmentSecretsKey, clock: .test, timeLimit: timeLimit)
    return JobWorker(pool: pool, configuration: WorkerConfiguration(id: "deliverer", backoff: RetryBackoff(base: .zero, jitter: 0)), handlers: handlers, clock: .test)
}

/// Registers a webhook for `kpi_at_risk` at `url`, publishes one such event, runs the deliveries to the
/// end (every retry, with no backoff) and returns the endpoint and its delivery log.
func deliverKPIEvent(
    to url: String, named name: String, service: NotificationService, pool: PostgresPool,
    timeLimit: Duration = deliveryLivenessLimit
) async throws -> (endpointID: UUID, deliveries: [NotificationDelivery]) {
    let created = try await service.createEndpoint(EndpointDraft(channel: .webhook, name: name, url: url, events: [.kpiAtRisk]), by: admin)
    try await pool.transaction { db in
        try await Notifications.publish(NotificationEvent(kind: .kpiAtRisk, summary: "KPI ② ★2", occurredAt: TestClock.standardStart), on: db)
    }
    try await deliveryWorker(pool, timeLimit: timeLimit).runOnce()
    return (created.endpoint.id, try await service.deliveries(of: created.endpoint.id, limit: 10, cursor: nil, by: admin).items)
}

let checkedIn = NotificationEvent(kind: .participantCheckedIn, summary: "受付: Nguyen Van A checked in at 脱炭素コンベンション 2026",
                                  data: ["participant": .string("Nguyen Van A")], occurredAt: TestClock.standardStart)

@Suite("Notifications delivered to a local receiver")
struct NotificationTests {
    @Test("a generic webhook gets the event signed with HMAC-SHA256 over timestamp.body with the secret shown once")
    func signedWebhook() async throws {
        let pool = try await TestDatabase.fresh()
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        let receiver = Receiver()
        try await withReceiver(receiver) { port in
            let created = try await service.createEndpoint(EndpointDraft(
                channel: .webhook, name: "CRM 連携", url: "http://127.0.0.1:\(port)/hooks/domino-secret-path", events: [.participantCheckedIn]), by: admin)
            let secret = try #require(created.signingSecret)
            #expect(secret.count == 64)
            #expect(created.endpoint.urlMasked == "http://127.0.0.1:\(port)/…path")
            let queued = try await pool.transaction { db in try await Notifications.publish(checkedIn, on: db) }
            #expect(queued == 1)
            try await deliveryWorker(pool).runOnce()
            let request = try #require(await receiver.received.first)
            #expect(request.path == "/hooks/domino-secret-path")
            let timestamp = try #require(request.headers["x-domino-timestamp"])
            let expected = try await opensslHMAC(key: secret, message: timestamp + "." + request.body)
            #expect(request.headers["x-domino-signature"] == "v1=\(expected)")
            #expect(request.headers["x-domino-event"] == "participant_checked_in")
            #expect(request.body.contains(#""participant":"Nguyen Van A""#))
            #expect(request.body.contains(#""type":"participant_checked_in""#))
            let log = try await service.deliveries(of: created.endpoint.id, limit: 10, cursor: nil, by: admin)
            #expect(log.items.map(\.state) == ["delivered"])
            #expect(log.items.first?.lastStatus == 204)
            // Stored encrypted: neither the URL nor the secret is in the row as text.
            #expect(try await count("""
                SELECT count(*) FROM notification_endpoints
                WHERE position(convert_to('domino-secret-path', 'UTF8') IN url_encrypted) > 0 OR position(convert_to(\(secret), 'UTF8') IN secret_encrypted) > 0
                """, in: pool) == 0)
        }
    }

    @Test("Slack gets {\"text\": summary} unsigned; an endpoint that did not choose the event, a disabled one and a rolled-back publish get nothing")
    func slackAndFiltering() async throws {
        let pool = try await TestDatabase.fresh()
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        let receiver = Receiver()
        try await withReceiver(receiver) { port in
            _ = try await service.createEndpoint(EndpointDraft(channel: .slack, name: "#domino", url: "http://127.0.0.1:\(port)/slack", events: [.participantCheckedIn]), by: admin)
            _ = try await service.createEndpoint(EndpointDraft(channel: .teams, name: "Teams", url: "http://127.0.0.1:\(port)/teams", events: [.matchIntroduced]), by: admin)
            _ = try await service.createEndpoint(EndpointDraft(channel: .slack, name: "off", url: "http://127.0.0.1:\(port)/off", events: [.participantCheckedIn], enabled: false), by: admin)
            struct Abandoned: Error {}
            await #expect(throws: Abandoned.self) {
                try await pool.transaction { db in
                    try await Notifications.publish(NotificationEvent(kind: .participantCheckedIn, summary: "rolled back", occurredAt: TestClock.standardStart), on: db)
                    throw Abandoned()
                }
            }
            // Inside a domain write, which names its actor for the audit trigger.
            try await pool.transaction { db in
                try await db.execute("SELECT set_config('domino.actor', \(admin.userID.uuidString), true)")
                try await Notifications.publish(checkedIn, on: db)
            }
            try await deliveryWorker(pool).runOnce()
            #expect(try await count("SELECT count(*) FROM audit_log WHERE entity = 'notification_deliveries'", in: pool) == 0)
            let received = await receiver.received
            #expect(received.map(\.path) == ["/slack"])
            #expect(received.first?.body == #"{"text":"受付: Nguyen Van A checked in at 脱炭素コンベンション 2026"}"#)
            #expect(received.first?.headers["x-domino-signature"] == nil)
        }
    }

    @Test("a failing endpoint is retried until it answers 2xx; after the last attempt the delivery is failed, and redelivery sends it again")
    func retriesAndRedelivery() async throws {
        let pool = try await TestDatabase.fresh()
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        let receiver = Receiver(failing: Array(repeating: 503, count: 8))
        try await withReceiver(receiver) { port in
            let (endpointID, failed) = try await deliverKPIEvent(to: "http://127.0.0.1:\(port)/flaky", named: "flaky", service: service, pool: pool)
            #expect(failed.map(\.state) == ["failed"])
            #expect(failed.first?.attempts == 8)
            #expect(failed.first?.lastStatus == 503)
            #expect(try await count("SELECT count(*) FROM jobs WHERE kind = 'notifications.deliver' AND state = 'discarded'", in: pool) == 1)
            let again = try await service.redeliver(try #require(failed.first).id, by: admin)
            #expect(again.state == "pending")
            try await deliveryWorker(pool).runOnce()
            let delivered = try await service.deliveries(of: endpointID, limit: 10, cursor: nil, by: admin).items
            #expect(delivered.map(\.state) == ["delivered"])
            #expect(await receiver.received.count == 9)
            #expect(try await count("SELECT count(*) FROM audit_log WHERE entity = 'notification_deliveries' AND action = 'update'", in: pool) == 1)
        }
    }

    @Test("a redirect is the endpoint's answer, not followed: the signed body never reaches the address it points at, and the attempt fails")
    func redirectsAreNotFollowed() async throws {
        let pool = try await TestDatabase.fresh()
        let inside = Receiver(), mover = Receiver()
        try await withReceiver(inside) { insidePort in
            await mover.redirect(to: "http://127.0.0.1:\(insidePort)/inside")
            try await withReceiver(mover) { port in
                let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
                let (_, deliveries) = try await deliverKPIEvent(to: "http://127.0.0.1:\(port)/hook", named: "moved", service: service, pool: pool)
                #expect(deliveries.map(\.state) == ["failed"])
                #expect(deliveries.first?.lastStatus == 307)
            }
        }
        #expect(await mover.received.count == 8)
        #expect(await inside.received.isEmpty)
    }

    @Test("an endpoint that takes the request and never answers fails each attempt at the time limit; the delivery ends failed")
    func silentEndpointsTimeOut() async throws {
        let pool = try await TestDatabase.fresh()
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        // One path behind a barrier for two: it never opens by itself, so every request is held unanswered until the
        // test opens it after the run. Each attempt can end only by its 1 s limit, and the delivery log says how it
        // ended: without Domino's timer, URLSession's own timeout ended each attempt about a minute later with
        // NSURLErrorDomain -1001, and this test failed on `lastError`. Not counted: how many requests reached the
        // receiver within their second, which is up to the machine's load (CI's fell short of 8).
        let receiver = Receiver(), silence = Barrier(size: 2)
        let deliveries = try await withReceiver(receiver, barrier: silence) { port in
            let (_, deliveries) = try await deliverKPIEvent(to: "http://127.0.0.1:\(port)/hook", named: "silent", service: service, pool: pool,
                                                            timeLimit: .seconds(1))
            await silence.open()
            return deliveries
        }
        #expect(deliveries.map(\.state) == ["failed"])
        #expect(deliveries.first?.attempts == 8)
        #expect(deliveries.first?.lastStatus == nil)
        #expect(deliveries.first?.lastError == "the endpoint did not answer within 1 s")
        #expect(try await count("SELECT count(*) FROM jobs WHERE kind = 'notifications.deliver' AND state = 'discarded'", in: pool) == 1)
    }

    @Test("deliveries wait for their endpoints without holding threads: four requests are in flight at once on a two-thread pool")
    func deliveriesDoNotBlockThePool() async throws {
        let pool = try await TestDatabase.fresh()
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        // The receiver answers only once all four requests have arrived. If a delivery blocked a thread
        // while it waited, the two cooperative threads would be held by two requests and the receiver
        // (on the same pool) could never see the other two: the run would hang instead of finishing.
        let receiver = Receiver(), barrier = Barrier(size: 4)
        try await withReceiver(receiver, barrier: barrier) { port in
            for index in 0..<4 {
                _ = try await service.createEndpoint(EndpointDraft(
                    channel: .slack, name: "room \(index)", url: "http://127.0.0.1:\(port)/room/\(index)", events: [.matchIntroduced]), by: admin)
            }
            try await pool.transaction { db in
                try await Notifications.publish(NotificationEvent(kind: .matchIntroduced, summary: "紹介: 横浜グリーンエナジー → ダナン市", occurredAt: TestClock.standardStart), on: db)
            }
            try await deliveryWorker(pool).runOnce()
            // All four were held at once; a request retried after its timeout may have come twice.
            #expect(await barrier.isOpen)
            #expect(Set(await receiver.received.map(\.path)) == Set((0..<4).map { "/room/\($0)" }))
            #expect(try await count("SELECT count(*) FROM notification_deliveries WHERE state = 'delivered'", in: pool) == 4)
        }
    }

    @Test("over HTTP: admins register endpoints (201, secret once, URL masked), bad input is a 422 naming fields, PATCH needs If-Match, others get 403")
    func routes() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let body = ##"{"channel":"slack","name":"#domino-coordinators","url":"https://hooks.slack.com/services/T000/B000/XXXXsecretZZ","events":["lead_stage_changed","match_introduced"]}"##
            let created = try await TestClient.request(port: port, "POST", "/v1/notification-endpoints", headers: headers, body: body)
            #expect(created.status == 201)
            #expect(created.text.contains(#""urlMasked":"https://hooks.slack.com/…etZZ""#))
            #expect(!created.text.contains("XXXXsecret"))
            #expect(!created.text.contains("signingSecret"))
            let listed = try await TestClient.request(port: port, "GET", "/v1/notification-endpoints", headers: headers)
            #expect(listed.status == 200)
            #expect(!listed.text.contains("XXXXsecret"))

            let bad = try await TestClient.request(port: port, "POST", "/v1/notification-endpoints", headers: headers,
                                                   body: #"{"channel":"webhook","name":"","url":"http://example.com/hook","events":[]}"#)
            #expect(bad.status == 422)
            for field in ["name", "url", "events"] { #expect(bad.text.contains(#""field":"\#(field)""#)) }
            #expect(try await count("SELECT count(*) FROM notification_endpoints", in: application.pool) == 1)

            struct Created: Decodable { struct Endpoint: Decodable { let id: UUID }; let endpoint: Endpoint }
            let id = try JSONDecoder().decode(Created.self, from: Data(created.body)).endpoint.id
            let noVersion = try await TestClient.request(port: port, "PATCH", "/v1/notification-endpoints/\(id)", headers: headers, body: #"{"enabled":false}"#)
            #expect(noVersion.status == 428)
            headers["If-Match"] = "\"7\""
            let stale = try await TestClient.request(port: port, "PATCH", "/v1/notification-endpoints/\(id)", headers: headers, body: #"{"enabled":false}"#)
            #expect(stale.status == 412)
            headers["If-Match"] = "\"1\""
            let patched = try await TestClient.request(port: port, "PATCH", "/v1/notification-endpoints/\(id)", headers: headers, body: #"{"enabled":false}"#)
            #expect(patched.status == 200)
            #expect(patched.header("ETag") == "\"2\"")

            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let forbidden = try await TestClient.request(port: port, "GET", "/v1/notification-endpoints/\(id)", headers: ["Authorization": "Bearer \(coordinatorToken)"])
            #expect(forbidden.status == 403)
            #expect(try await TestClient.request(port: port, "GET", "/v1/notification-endpoints/\(UUID())", headers: ["Authorization": "Bearer \(token)"]).status == 404)
        }
    }
}

@Suite("Notification demo data")
struct NotificationDemoDataTests {
    @Test("demo data loads twice without change: one disabled Teams endpoint, its URL masked and stored encrypted")
    func loadsTwice() async throws {
        let pool = try await TestDatabase.fresh()
        try await NotificationDemoData.load(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        try await NotificationDemoData.load(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        let service = NotificationService(pool: pool, secretsKey: AppConfiguration.developmentSecretsKey)
        let endpoints = try await service.endpoints(page: PageRequest(), by: admin).items
        #expect(endpoints.map(\.urlMasked) == ["https://example.webhook.office.com/…tors"])
        #expect(endpoints.map(\.enabled) == [false])
        #expect(endpoints.map(\.events) == [[.leadStageChanged, .matchIntroduced]])
    }
}
