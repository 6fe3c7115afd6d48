/// Decodes the common key sequences the terminal description did not list, and drops the rest. ncurses decodes the
/// sequences its terminfo entry lists into key codes; any other (End under a mismatched
/// `TERM`, a modified key it has no name for) arrives as its raw characters, and without this
/// the `~` or `F` at its end would act as a key: `~` would jump to the home folder.
public enum UnknownEscapeSequences {
    /// Replaces `ESC [ params intermediates final` (CSI) and `ESC O x` (SS3) runs in one read
    /// with the key they mean when it is a common one (xterm's and the VT220's Home, End,
    /// arrows, Ctrl-arrows, PgUp/PgDn, Insert, Delete), and removes the others. Esc b and Esc f
    /// in one read are Alt-b and Alt-f (the word moves). A lone Esc, or Esc followed by
    /// anything else, stays.
    public static func drop(_ outputs: [BracketedPasteParser.Output]) -> [BracketedPasteParser.Output] {
        guard outputs.contains(.token(.character(0x1B))) else { return outputs }
        var kept: [BracketedPasteParser.Output] = []
        kept.reserveCapacity(outputs.count)
        var index = 0
        while index < outputs.count {
            if code(outputs, index) == 0x1B, let next = code(outputs, index + 1), let alt = altKeys[next] {
                kept.append(.token(.decoded(.key(alt))))
                index += 2
            } else if let length = sequenceLength(outputs, at: index) {
                let body = outputs[(index + 1)..<(index + length)].compactMap { output -> Character? in
                    guard case .token(.character(let code)) = output, let scalar = Unicode.Scalar(code) else { return nil }
                    return Character(scalar)
                }
                if let key = knownKeys[String(body)] { kept.append(.token(.decoded(.key(key)))) }
                index += length
            } else {
                kept.append(outputs[index])
                index += 1
            }
        }
        return kept
    }

    /// Sequences (after the Esc) that terminals send for keys whatever `TERM` says.
    static let knownKeys: [String: Key] = [
        "[A": .up, "[B": .down, "[C": .right, "[D": .left, "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[H": .home, "OH": .home, "[1~": .home, "[7~": .home, "[F": .end, "OF": .end, "[4~": .end, "[8~": .end,
        "[5~": .pageUp, "[6~": .pageDown, "[2~": .insert, "[3~": .delete,
        "[1;5D": .ctrlLeft, "[1;5C": .ctrlRight, "[5D": .ctrlLeft, "[5C": .ctrlRight, "Od": .ctrlLeft, "Oc": .ctrlRight,
    ]

    /// The Alt keys bound to something: readline's word moves.
    static let altKeys: [UInt32: Key] = [0x62: .alt("b"), 0x66: .alt("f")]

    /// The number of outputs a complete sequence starting at `start` spans, or nil.
    private static func sequenceLength(_ outputs: [BracketedPasteParser.Output], at start: Int) -> Int? {
        guard code(outputs, start) == 0x1B, let introducer = code(outputs, start + 1) else { return nil }
        switch introducer {
        case 0x4F:  // SS3: exactly one final character
            guard let final = code(outputs, start + 2), (0x40...0x7E).contains(final) else { return nil }
            return 3
        case 0x5B:  // CSI: parameter bytes, intermediate bytes, one final byte
            var index = start + 2
            while let c = code(outputs, index), (0x30...0x3F).contains(c) { index += 1 }
            while let c = code(outputs, index), (0x20...0x2F).contains(c) { index += 1 }
            guard let final = code(outputs, index), (0x40...0x7E).contains(final) else { return nil }
            return index - start + 1
        default:
            return nil
        }
    }

    private static func code(_ outputs: [BracketedPasteParser.Output], _ index: Int) -> UInt32? {
        guard index < outputs.count, case .token(.character(let code)) = outputs[index] else { return nil }
        return code
    }
}
