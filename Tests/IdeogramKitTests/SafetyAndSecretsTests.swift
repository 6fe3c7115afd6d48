import Testing
@testable import IdeogramKit

@Suite struct SafetyAndSecretsTests {
    @Test func controlSequencesNeverPass() {
        #expect(TerminalSafeText.sanitize("ok\u{1B}]0;pwned\u{07}\u{1B}[2J done") == "ok]0;pwned[2J done")
        #expect(TerminalSafeText.sanitize("line1\nline2\r\n\tx") == "line1 line2 x")
        #expect(TerminalSafeText.sanitize("\u{9B}31m c1") == "31m c1")
        #expect(TerminalSafeText.sanitize("abc\u{202E}gnp.exe") == "abcgnp.exe")
        #expect(TerminalSafeText.sanitize(String(repeating: "x", count: 20), limit: 5) == "xxxxx…")
        #expect(TerminalSafeText.sanitize("日本語のテキスト") == "日本語のテキスト")
    }

    @Test func theKeyIsNeverShownInFull() throws {
        let key = try APIKey("  sk-live-0123456789abcdefWXYZ\n")
        #expect(key.headerValue() == "sk-live-0123456789abcdefWXYZ")
        #expect(key.description == "APIKey(…WXYZ)")
        #expect("\(key)" == "APIKey(…WXYZ)")
        #expect(String(reflecting: key) == "APIKey(…WXYZ)")
        #expect(try APIKey("short").redacted == "…")
        #expect(throws: APIKeyError.empty) { try APIKey(" \n") }
        #expect(throws: APIKeyError.invalidCharacters) { try APIKey("abc def") }
        #expect(throws: APIKeyError.invalidCharacters) { try APIKey("abc\r\nX-Evil: 1") }
    }

    @Test func endpointsSpeakBothDialects() throws {
        let key = try APIKey("test-key")
        let aggregator = try Endpoint(baseURL: "https://agg.example.com/v1/", dialect: .aggregator)
        #expect(aggregator.upscaleURL == "https://agg.example.com/v1/ideogram/upscale")
        #expect(aggregator.authorizationHeader(for: key) == ("Authorization", "Bearer test-key"))
        let official = Endpoint.official()
        #expect(official.upscaleURL == "https://api.ideogram.ai/upscale")
        #expect(official.authorizationHeader(for: key) == ("Api-Key", "test-key"))
        #expect(throws: EndpointError.notHTTP("ftp://x")) { try Endpoint(baseURL: "ftp://x", dialect: .official) }
        #expect(throws: EndpointError.missingHost("http://")) { try Endpoint(baseURL: "http://", dialect: .official) }
        #expect(throws: EndpointError.malformed("http://a/b?c=1")) { try Endpoint(baseURL: "http://a/b?c=1", dialect: .official) }
    }
}
