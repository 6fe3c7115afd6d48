/// Finds bracketed pastes (`ESC [ 200 ~` … `ESC [ 201 ~`) in the stream of what a backend
/// read, so pasted text arrives as one `.paste` and never acts as keys (a pasted `q` or
/// newline must not quit or submit).
///
/// Pure and incremental: a paste may arrive over several reads, so the parser keeps its state
/// between `feed` calls. Outside a paste, `flush()` at the end of each read hands back a
/// partial `ESC [ 2 0 …` that turned out to be keys (a lone Esc waits no longer than that).
public struct BracketedPasteParser: Sendable {
    /// What the backend read: a character code, or something it already decoded (function
    /// keys, mouse, resize), which passes through in order.
    public enum Token: Hashable, Sendable {
        case character(UInt32)
        case decoded(Action)
    }

    public enum Output: Hashable, Sendable {
        /// Not part of a paste: the backend turns it into a key as before.
        case token(Token)
        case paste(String)
    }

    static let start: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]  // ESC [ 2 0 0 ~
    static let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]    // ESC [ 2 0 1 ~
    /// A paste longer than this is cut: the UI's text fields hold far less.
    public static let maxPasteScalars = 1 << 20

    public private(set) var isInPaste = false
    /// Codes that match the start (or, in a paste, the end) marker so far.
    private var pending: [UInt32] = []
    private var text = String.UnicodeScalarView()
    private var pastedCount = 0
    private var lastWasCR = false

    public init() {}

    public mutating func feed(_ token: Token) -> [Output] {
        var out: [Output] = []
        feed(token, into: &out)
        return out
    }

    public mutating func feed(_ token: Token, into out: inout [Output]) {
        guard case .character(let code) = token else {
            // A decoded key inside a paste came from pasted escape sequences: not keys.
            if !isInPaste {
                flushPending(into: &out)
                out.append(.token(token))
            }
            return
        }
        let marker = isInPaste ? Self.end : Self.start
        if marker[pending.count] == code {
            pending.append(code)
            if pending.count == marker.count {
                pending.removeAll(keepingCapacity: true)
                if isInPaste { finishPaste(into: &out) } else { beginPaste() }
            }
            return
        }
        if !pending.isEmpty {
            flushPending(into: &out)
            // The code that broke the match may begin a new marker.
            feed(token, into: &out)
            return
        }
        if isInPaste { appendPasted(code) } else { out.append(.token(token)) }
    }

    /// End of a read: outside a paste, an incomplete start marker was keys after all.
    public mutating func flush() -> [Output] {
        var out: [Output] = []
        if !isInPaste { flushPending(into: &out) }
        return out
    }

    /// Parses one complete read; the convenience tests and one-shot callers use.
    public static func parse(_ tokens: [Token]) -> [Output] {
        var parser = BracketedPasteParser()
        var out: [Output] = []
        for token in tokens { parser.feed(token, into: &out) }
        return out + parser.flush()
    }

    private mutating func flushPending(into out: inout [Output]) {
        let codes = pending
        pending.removeAll(keepingCapacity: true)
        for code in codes {
            if isInPaste { appendPasted(code) } else { out.append(.token(.character(code))) }
        }
    }

    private mutating func beginPaste() {
        isInPaste = true
        text = String.UnicodeScalarView()
        pastedCount = 0
        lastWasCR = false
    }

    private mutating func finishPaste(into out: inout [Output]) {
        isInPaste = false
        out.append(.paste(String(text)))
        text = String.UnicodeScalarView()
    }

    /// Terminals send pasted line breaks as CR (or CR LF): both become one "\n".
    private mutating func appendPasted(_ code: UInt32) {
        defer { lastWasCR = code == 0x0D }
        if code == 0x0A && lastWasCR { return }
        guard pastedCount < Self.maxPasteScalars, let scalar = Unicode.Scalar(code == 0x0D ? 0x0A : code) else { return }
        text.append(scalar)
        pastedCount += 1
    }
}
