import Foundation
import IdeogramKit

/// Decodes the bytes as each 200 answer, as the client does (Foundation's JSONDecoder), and
/// reads every derived value the UI and the reports show.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    let decoder = JSONDecoder()
    if let result = try? decoder.decode(UpscaleResult.self, from: data) {
        for image in result.images { _ = (image.pixelSize, image.isWithheld) }
    }
    if let accepted = try? decoder.decode(GenerationAccepted.self, from: data) {
        for image in accepted.data ?? [] { _ = image.isWithheld }
    }
    if let poll = try? decoder.decode(GenerationPoll.self, from: data) {
        _ = (poll.status.text, poll.usageCostUSDMicros.map(USDMicros.text))
    }
    if let quote = try? decoder.decode(PriceQuote.self, from: data) { _ = quote.text }
    return 0
}
