import EventIO
import Synchronization

extension HTTPConnection {
    /// Runs the handler, racing it against the handler timeout. On timeout the handler task is
    /// cancelled and the client gets 503 (RFC 9110 §15.6.4); cancellation is cooperative, so a handler
    /// that ignores it delays the answer until it returns.
    mutating func respond(to request: HTTPRequest) async -> (HTTPResponse, timedOut: Bool) {
        let handler = self.handler
        guard let timeout = configuration.handlerTimeout else { return (await handler(request), false) }
        // The handler runs in one task that is awaited right here (never left behind) and cancelled by
        // an EventIO timer at the deadline, or together with this connection. Not a task group racing a sleep: the sleeping task and its timer lived on for the
        // whole timeout after every request, which cost 40 % of throughput and RSS growing with the
        // request rate (docs/benchmarks.md).
        let loop = socket.handle.loop
        let work = Task(executorPreference: loop) { await handler(request) }
        let expiry = HandlerExpiry()
        let timer = loop.schedule(at: .after(timeout)) {
            expiry.expired.store(true, ordering: .releasing)
            work.cancel()
        }
        let response = await withTaskCancellationHandler { await work.value } onCancel: { work.cancel() }
        loop.cancelTimer(timer)
        if expiry.expired.load(ordering: .acquiring) {
            let answer = configuration.refusal?(request, .serviceUnavailable)
                ?? .problem(.serviceUnavailable, detail: "The request was not handled within \(timeout).")
            return (answer, true)
        }
        return (response, false)
    }

    /// Writes the response; a complete body goes out with its head in one write. Returns false when
    /// the peer is gone or too slow, which ends the connection.
    mutating func write(_ response: HTTPResponse, to request: HTTPRequest?, keepAlive: Bool) async -> Bool {
        let version = request?.version ?? .http1_1
        let omitBody = request?.method == .head || HTTPResponseEncoder.forbidsBody(response.status)
        let deadline = Deadline.after(configuration.writeTimeout)
        output.removeAll(keepingCapacity: true)
        switch response.body {
        case .bytes(let body):
            HTTPResponseEncoder.appendHead(response, framing: .length(body.count), keepAlive: keepAlive, version: version, date: dates.headerLine(), into: &output)
            if !omitBody { output.append(contentsOf: body) }
            return await socket.write(output, until: deadline)
        case .stream(let produce):
            // HTTP/1.0 has no chunked coding: the body then ends with the connection (RFC 9112 §6.3).
            let chunked = version == .http1_1
            HTTPResponseEncoder.appendHead(
                response, framing: chunked ? .chunked : .untilClose, keepAlive: keepAlive && chunked,
                version: version, date: dates.headerLine(), into: &output)
            guard await socket.write(output, until: deadline) else { return false }
            if omitBody { return chunked }
            let socket = self.socket
            let writeTimeout = configuration.writeTimeout
            var writer = HTTPBodyWriter { bytes in
                guard await socket.write(chunked ? HTTPResponseEncoder.chunk(bytes) : bytes, until: .after(writeTimeout)) else {
                    throw StreamInterrupted()
                }
            }
            do {
                try await produce(&writer)
            } catch {
                // Without the last chunk the client can tell the body is incomplete (RFC 9112 §7.1).
                return false
            }
            guard chunked else { return false }
            return await socket.write(HTTPResponseEncoder.lastChunk, until: .after(writeTimeout))
        }
    }
}

/// The peer stopped reading a streamed body.
struct StreamInterrupted: Error {}

/// Set by the deadline timer; read once the handler has returned.
final class HandlerExpiry: Sendable {
    let expired = Atomic<Bool>(false)
}
