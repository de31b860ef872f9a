import EventIO
import TestSupport
import Foundation
import Glibc

/// nginx serving the same `/healthz` bytes as a static file, as the bar our server is held to. It is
/// started from a generated config in a temporary directory, on a loopback port only, and stopped
/// (SIGTERM, then collected) when the benchmark is done with it.
struct NginxServer: Sendable {
    let port: Int
    let process: Subprocess
    let directory: String

    /// As many workers as cores, like our server's cooperative pool.
    static func start(serving body: String, at path: String, workers: Int) async throws -> NginxServer {
        let directory = NSTemporaryDirectory() + "domino-nginx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Workers run as `nobody` when we are root; they must be able to read the file.
        chmod(directory, 0o755)
        try body.write(toFile: "\(directory)/body.json", atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let config = """
            daemon off;
            worker_processes \(workers);
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path \(directory)/body-temp;
                proxy_temp_path \(directory)/proxy-temp;
                fastcgi_temp_path \(directory)/fastcgi-temp;
                uwsgi_temp_path \(directory)/uwsgi-temp;
                scgi_temp_path \(directory)/scgi-temp;
                server {
                    listen 127.0.0.1:\(port);
                    location = \(path) {
                        default_type application/json;
                        alias \(directory)/body.json;
                    }
                }
            }
            """
        try config.write(toFile: "\(directory)/nginx.conf", atomically: true, encoding: .utf8)
        let process = try Subprocess.start("nginx", ["-p", directory, "-c", "\(directory)/nginx.conf"])
        let server = NginxServer(port: port, process: process, directory: directory)
        try await server.waitUntilListening()
        return server
    }

    /// Peak RSS of the master and its workers together, read before stopping them.
    var peakResidentMegabytes: Double {
        let children = (try? String(contentsOfFile: "/proc/\(process.pid)/task/\(process.pid)/children", encoding: .utf8)) ?? ""
        let pids = ["\(process.pid)"] + children.split(separator: " ").map(String.init)
        return pids.compactMap { DominoBench.peakResidentMegabytes(ofProcess: $0) }.reduce(0, +)
    }

    func stop() async {
        _ = await process.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// nginx daemonises nothing here (`daemon off`) but binds a moment after it starts; poll connect.
    private func waitUntilListening() async throws {
        for _ in 0..<100 {
            if Self.acceptsConnections(port: port) { return }
            try await EventLoop.sleep(for: .milliseconds(50))
        }
        throw BenchError("nginx did not start listening on 127.0.0.1:\(port)")
    }

    private static func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopbackAddress(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Asks the kernel for a free port by binding port 0; nginx binds it a moment later.
    private static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw BenchError("bind failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
