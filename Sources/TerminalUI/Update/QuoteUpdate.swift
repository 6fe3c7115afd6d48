import Foundation
import IdeogramKit

/// Keeps the parameters pane's price current: after every action it works out what would be
/// quoted now; once that has stood still for `QuoteBook.pause` (measured with the ticks' time,
/// so typing never asks per keystroke) it asks the service, once per request and image.
enum QuoteUpdate {
    static func sync(after action: Action, _ state: inout AppState) -> [Effect] {
        let key = wantedKey(state)
        let marked = markedKeys(state)
        if key != state.quotes.wanted || marked != state.quotes.marked {
            // The price shown until now stays, dimmed, while the new one is on its way.
            if let old = state.quotes.wanted, let quote = state.quotes.quote(old) { state.quotes.lastShown = quote }
            state.quotes.wanted = key
            state.quotes.marked = marked
            state.quotes.quietSince = nil
        }
        guard state.quotes.isWaiting, case .tick(let now) = action else { return [] }
        guard let since = state.quotes.quietSince else {
            state.quotes.quietSince = now
            return []
        }
        guard now.timeIntervalSince(since) >= QuoteBook.pause else { return [] }
        let keys = state.quotes.unasked
        state.quotes.asked.formUnion(keys)
        return keys.map(Effect.requestQuote)
    }

    /// The marked images that Ctrl-S would send with the pane's request, each with its known
    /// size (an image whose size is not known yet, or too large for the factor, is not asked).
    static func markedKeys(_ state: AppState) -> [QuoteKey] {
        guard !state.files.marked.isEmpty, state.files.marked.count <= QuoteBook.markedLimit,
              let request = state.parameters.v2Request else { return [] }
        return Submission.targets(state).paths.compactMap { path in
            guard let size = PaneImage.size(of: path, state), request.sizeProblem(width: size.width, height: size.height) == nil else { return nil }
            return QuoteKey(sourcePath: path, request: request, width: size.width, height: size.height)
        }
    }

    static func answered(_ key: QuoteKey, _ outcome: QuoteOutcome, _ state: inout AppState) {
        state.quotes.asked.remove(key)
        state.quotes.answers[key] = outcome
        if key == state.quotes.wanted, case .quoted(let quote) = outcome { state.quotes.lastShown = quote }
    }

    /// What the pane would quote now: a v2 request without problems, for an image whose size
    /// is known and whose output the model can make. Nil otherwise (nothing is asked).
    static func wantedKey(_ state: AppState) -> QuoteKey? {
        guard let request = state.parameters.v2Request, let image = PaneImage.current(state),
              let width = image.width, let height = image.height,
              request.sizeProblem(width: width, height: height) == nil else { return nil }
        return QuoteKey(sourcePath: image.path, request: request, width: width, height: height)
    }
}
