import FakeIdeogram
import FakeIdeogramCore
import Foundation
import FuzzCorpusSupport
import Testing

/// Replays Fuzz/Corpus/multipart (seeds and every input that once found a bug) through
/// `UploadFormCheck`, split as Fuzz/Sources/fuzz-multipart splits it: the first byte picks the
/// form and the chunk size, the first line is the Content-Type. No fuzzing here.
@Suite struct FuzzCorpusReplayTests {
    @Test func theCorpusIsFound() {
        #expect(!FuzzCorpus.inputs("multipart").isEmpty)
    }

    @Test(arguments: FuzzCorpus.inputs("multipart"))
    func uploadsAreAcceptedOrRefusedAsTheRouteWould(_ input: FuzzCorpus.Input) async throws {
        guard let first = input.bytes.first else { return }
        let rest = input.bytes.dropFirst()
        let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        let body = Array(rest[newline...].dropFirst())
        let chunkSize = 1 + Int(first >> 1)
        let chunks = stride(from: 0, to: body.count, by: chunkSize).map { Array(body[$0..<min(body.count, $0 + chunkSize)]) }
        let rejection = try await UploadFormCheck.rejection(
            of: first & 1 == 0 ? .legacy : .v2, contentType: String(decoding: rest[..<newline], as: UTF8.self),
            chunks: chunks, maxImageBytes: 4096)
        #expect([nil, 400, 413].contains(rejection?.status), "\(input.name)")
        if input.name.contains("-valid") { #expect(rejection == nil, "\(input.name): \(rejection?.message ?? "")") }
    }
}
