import Foundation
import Testing
@testable import IdeogramApp

@Suite struct APIKeySourceTests {
    private func keyFile(_ text: String, mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "key-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    @Test func environmentWinsOverTheFile() throws {
        let file = try keyFile("from-file-0123456789", mode: 0o600)
        let key = try APIKeySource.load(environment: ["IDEOGRAM_API_KEY": "from-env-0123456789"], keyFile: file)
        #expect(key.headerValue() == "from-env-0123456789")
    }

    @Test func readsAPrivateKeyFile() throws {
        let file = try keyFile("sk-file-0123456789abcd\n", mode: 0o600)
        #expect(try APIKeySource.load(environment: [:], keyFile: file).headerValue() == "sk-file-0123456789abcd")
    }

    @Test func refusesAKeyFileOthersCanRead() throws {
        let file = try keyFile("sk-open-0123456789", mode: 0o644)
        #expect(throws: APIKeySource.Failure.keyFileTooOpen(path: file, mode: "644")) {
            try APIKeySource.load(environment: [:], keyFile: file)
        }
    }

    @Test func missingKeyPointsAtBothWaysAndTheDemo() {
        do {
            _ = try APIKeySource.load(environment: [:], keyFile: "/nonexistent/key")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("IDEOGRAM_API_KEY") && error.description.contains("/nonexistent/key") && error.description.contains("--demo"))
        }
    }
}
