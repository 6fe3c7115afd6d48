import TerminalUI

/// Makes image previews for the UI. The wiring implements it over ImagePreview; the backend
/// only calls it, so the terminal code does not know how pictures are decoded.
///
/// Each slot is its own line of work: a new load for a slot supersedes that slot's previous
/// load and never another slot's.
public protocol PreviewProvider: Sendable {
    /// Told once the terminal is up: how many colours it has (0: none), so pictures use no more.
    func useTerminalColors(_ count: Int)
    /// The preview already made for this request, without decoding anything (a `stat` at
    /// most); nil when it must be loaded.
    func cached(_ slot: PreviewSlot, _ key: PreviewRequestKey) -> PreviewOutcome?
    /// Makes the preview off the caller's actor. Nil when superseded or cancelled: nothing to show.
    func load(_ slot: PreviewSlot, _ key: PreviewRequestKey) async -> PreviewOutcome?
    /// Stops the slot's load in progress, if any.
    func cancel(_ slot: PreviewSlot)
}

/// For runs without previews: every request ends with a one-line note.
public struct NoPreviews: PreviewProvider {
    public init() {}
    public func useTerminalColors(_ count: Int) {}
    public func cached(_ slot: PreviewSlot, _ key: PreviewRequestKey) -> PreviewOutcome? { .failed("previews are off") }
    public func load(_ slot: PreviewSlot, _ key: PreviewRequestKey) async -> PreviewOutcome? { .failed("previews are off") }
    public func cancel(_ slot: PreviewSlot) {}
}
