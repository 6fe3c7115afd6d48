import Foundation
import FuzzCorpusSupport
import Testing
import IdeogramKit

/// Replays the fuzz targets' corpora (Fuzz/Corpus: seeds and every input that once found a
/// bug) through the same entry points as Fuzz/Sources/fuzz-answers, fuzz-error-answer and
/// fuzz-image-headers, checking what must hold for any input. No fuzzing here.
@Suite struct FuzzCorpusReplayTests {
    @Test func theCorporaAreFound() {
        for target in ["answers", "error-answer", "image-headers"] { #expect(!FuzzCorpus.inputs(target).isEmpty, "\(target)") }
    }

    @Test(arguments: FuzzCorpus.inputs("answers"))
    func answersDecodeOrFailAsDecodingErrors(_ input: FuzzCorpus.Input) {
        let decoder = JSONDecoder()
        func check<Answer: Decodable>(_ type: Answer.Type) -> Answer? {
            do { return try decoder.decode(Answer.self, from: Data(input.bytes)) } catch {
                #expect(error is DecodingError, "\(input.name): \(error)")
                return nil
            }
        }
        if let result = check(UpscaleResult.self) {
            for image in result.images { #expect(image.pixelSize.map { $0.width > 0 && $0.height > 0 } ?? true) }
        }
        _ = check(GenerationAccepted.self)?.data?.map(\.isWithheld)
        if let poll = check(GenerationPoll.self), let cost = poll.usageCostUSDMicros {
            #expect(USDMicros.text(cost).contains("$"))
        }
        if let quote = check(PriceQuote.self) { #expect(quote.text.contains("$")) }
    }

    @Test(arguments: FuzzCorpus.inputs("error-answer"))
    func errorAnswersAreSafeToPrint(_ input: FuzzCorpus.Input) {
        let bytes = input.bytes
        guard bytes.count >= 2 else { return }
        let status = 100 + (Int(bytes[0]) << 8 | Int(bytes[1])) % 500
        let rest = bytes.dropFirst(2)
        let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        let header = String(decoding: rest[..<newline], as: UTF8.self)
        let error = ErrorAnswer.error(status: status, retryAfterHeader: header, body: Array(rest[newline...].dropFirst()))
        #expect(FuzzCorpus.isTerminalSafe(error.description), "\(input.name)")
        #expect((error.retryAfterSeconds ?? 0) >= 0, "\(input.name)")
    }

    /// Found by fuzzing: Foundation's DateFormatter trapped on this header.
    @Test func aRetryAfterThatIsNoHTTPDateIsIgnored() {
        let error = ErrorAnswer.error(status: 429, retryAfterHeader: "Wed, 21\u{730}ct 5 e", body: [])
        #expect(error.retryAfterSeconds == nil)
        #expect(error.category == ErrorAnswer.error(status: 429, retryAfterHeader: nil, body: []).category)
    }

    @Test(arguments: FuzzCorpus.inputs("image-headers"))
    func imageHeadersGiveASizeAndAVerdict(_ input: FuzzCorpus.Input) throws {
        let bytes = input.bytes
        guard let header = try? ImageSniffer.sniff(bytes) else { return }
        #expect(header.width > 0 && header.height > 0, "\(input.name)")
        let verdict = try ImageCompleteness.check(header.format, size: bytes.count) { offset, count in
            guard offset >= 0, offset < bytes.count, count > 0 else { return [] }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        }
        if input.name.hasPrefix("truncated") { #expect(verdict == .truncated, "\(input.name)") }
    }
}
