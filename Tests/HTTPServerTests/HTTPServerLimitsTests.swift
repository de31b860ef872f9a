import TestSupport
import EventIO
import HTTPServer
import Testing

@Suite("Time limits, connection limits and shutdown")
struct HTTPServerLimitsTests {
    @Test("a head that stops arriving gets 408 and a close (slowloris)")
    func slowloris() async throws {
        try await withServer({ $0.headerTimeout = .milliseconds(200) }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 408)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a body that stops arriving gets 408 and a close")
    func slowBody() async throws {
        try await withServer({ $0.bodyTimeout = .milliseconds(200) }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try await client.readResponse().status == 408)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("an idle keep-alive connection is closed without a response")
    func idleClose() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(200) }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a handler that overruns its deadline is cancelled and the client gets 503")
    func handlerTimeout() async throws {
        let cancelled = TestEvent()
        try await withServer({ $0.handlerTimeout = .milliseconds(200) }, handler: { _ in
            // Waits until cancelled; a cancelled sleep throws, which is how we know.
            do { try await EventLoop.sleep(for: .seconds(3600)) } catch { cancelled.fire() }
            return HTTPResponse(text: "too late")
        }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 503)
            #expect(response.header("content-type") == "application/problem+json")
            await cancelled.wait()
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a handler that finishes in time leaves no deadline behind: the connection serves on past it")
    func deadlineEndsWithTheHandler() async throws {
        // A deadline far longer than a trivial handler needs even on CI's loaded machine, where a process can be
        // starved for many seconds (5 s was not): the test is about the timer outliving its handler, not about how
        // fast the handler runs. The idle timeout (60 s) stays well past the wait below.
        try await withServer({ $0.handlerTimeout = .seconds(20) }, handler: { _ in
            HTTPResponse(text: "in time")
        }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            // Past the first request's deadline: had its timer fired, the connection would be closed.
            try await EventLoop.sleep(for: .seconds(21))
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try await client.readResponse()
            #expect(second.status == 200)
            #expect(second.header("connection") != "close")
        }
    }

    @Test("a connection over the limit gets 503 and a close, and the admitted one keeps working")
    func maxConnections() async throws {
        try await withServer({ $0.maxConnections = 1 }) { _, port in
            let first = try await TestClient.connect(port: port)
            try await first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await first.readResponse().status == 200)
            let second = try await TestClient.connect(port: port)
            #expect(try await second.readResponse().status == 503)
            #expect(try await second.isClosedByServer())
            try await first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await first.readResponse().status == 200)
        }
    }

    @Test("shutdown lets the request in flight finish, refuses new connections and run() returns")
    func gracefulShutdown() async throws {
        let entered = TestEvent()
        let release = TestEvent()
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.idleTimeout = .seconds(60)
        let server = HTTPServer(configuration: configuration) { request in
            if request.path == "/slow" {
                entered.fire()
                await release.wait()
            }
            return HTTPResponse(text: "done")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.waitUntilListening()
            let idle = try await TestClient.connect(port: port)
            try await idle.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await idle.readResponse().status == 200)
            let busy = try await TestClient.connect(port: port)
            try await busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            await entered.wait()

            // The drain's deadline only bounds a broken run: the checks below run before the release, however slowly.
            await server.shutdown(deadline: .after(.seconds(300)))
            await #expect(throws: TestClient.Failure.refused) { _ = try await TestClient.connect(port: port) }
            #expect(try await idle.isClosedByServer())

            release.fire()
            let response = try await busy.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "done")
            #expect(response.header("connection") == "close")
            #expect(try await busy.isClosedByServer())
            try await group.waitForAll()
        }
        #expect(server.connectionCount == 0)
    }

    @Test("shutdown cancels a request that outlives the deadline")
    func forcedShutdown() async throws {
        let entered = TestEvent()
        let cancelled = TestEvent()
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.handlerTimeout = nil
        let server = HTTPServer(configuration: configuration) { _ in
            entered.fire()
            do { try await EventLoop.sleep(for: .seconds(3600)) } catch { cancelled.fire() }
            return HTTPResponse(text: "cancelled")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.waitUntilListening()
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            await entered.wait()
            await server.shutdown(deadline: .now)
            await cancelled.wait()
            try await group.waitForAll()
        }
    }
}
