/// A terminal cell's size in pixels.
public struct CellPixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What a terminal said about its graphics when asked at start: the kitty graphics query, the
/// cell size (`CSI 16 t`) and the primary device attributes (DA1: attribute 4 is sixel). Every
/// terminal answers DA1 and answers in order, so once DA1's answer is in, nothing more is
/// coming. Parsing is pure and skips whatever else arrives (keys typed meanwhile, garbage).
public struct GraphicsReplies: Hashable, Sendable {
    public var kitty = false
    public var sixel = false
    public var cellPixels: CellPixelSize?
    /// DA1 was answered: every earlier answer is in.
    public var isComplete = false

    public init() {}

    /// The id the kitty query uses, to know its answer.
    public static let kittyQueryID = 31

    /// The questions, in the order the answers are awaited: kitty's (a 1×1 image query: a
    /// terminal with the protocol answers OK, others ignore it), the cell size, DA1.
    public static let query: [UInt8] = Array(
        "\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[16t\u{1B}[c".utf8)

    /// The answers found in `bytes`.
    public static func parse(_ bytes: [UInt8]) -> GraphicsReplies {
        var replies = GraphicsReplies()
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x1B, i + 1 < bytes.count else { i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "_"):
                guard let end = stringTerminator(bytes, from: i + 2) else { return replies }
                replies.readKitty(bytes[(i + 2)..<end.start])
                i = end.next
            case UInt8(ascii: "["):
                var j = i + 2
                while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                guard j < bytes.count else { return replies }
                replies.readCSI(parameters: bytes[(i + 2)..<j], final: bytes[j])
                i = j + 1
            default:
                i += 1
            }
        }
        return replies
    }

    /// `G<keys>;<message>`: the query's own answer says OK when kitty graphics work.
    private mutating func readKitty(_ body: ArraySlice<UInt8>) {
        guard body.first == UInt8(ascii: "G") else { return }
        let text = String(decoding: body.dropFirst(), as: UTF8.self)
        let parts = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].split(separator: ",").contains("i=\(Self.kittyQueryID)") else { return }
        if parts[1] == "OK" { kitty = true }
    }

    private mutating func readCSI(parameters: ArraySlice<UInt8>, final: UInt8) {
        let text = String(decoding: parameters, as: UTF8.self)
        switch final {
        case UInt8(ascii: "c") where text.hasPrefix("?"):
            isComplete = true
            if text.dropFirst().split(separator: ";").contains("4") { sixel = true }
        case UInt8(ascii: "t"):
            let numbers = text.split(separator: ";").map { Int($0) }
            if numbers.count == 3, numbers[0] == 6, let height = numbers[1], let width = numbers[2], height > 0, width > 0 {
                cellPixels = CellPixelSize(width: width, height: height)
            }
        default:
            break
        }
    }

    /// ST (`ESC \`) or BEL ending a string from `start`: where the body ends and what follows.
    private static func stringTerminator(_ bytes: [UInt8], from start: Int) -> (start: Int, next: Int)? {
        var j = start
        while j < bytes.count {
            if bytes[j] == 0x07 { return (j, j + 1) }
            if bytes[j] == 0x1B, j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\\") { return (j, j + 2) }
            j += 1
        }
        return nil
    }
}
