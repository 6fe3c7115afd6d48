import TerminalUI

/// The escape output that puts a picture at its cells and takes kitty pictures away. Each
/// picture is written between DECSC and DECRC (save and restore the cursor) after a cursor
/// move to its top-left cell, so ncurses' idea of the cursor stays true.
public enum GraphicsOutput {
    static let escape: UInt8 = 0x1B

    /// The picture at its box: kitty's first chunk gains the image and placement ids, `q=2` (no
    /// answers, which would arrive as keys) and `C=1` (the cursor stays).
    public static func place(_ placement: ImagePlacement) -> [UInt8] {
        var out: [UInt8] = [escape, UInt8(ascii: "7")]
        out += Array("\u{1B}[\(placement.box.y + 1);\(placement.box.x + 1)H".utf8)
        switch placement.pixels.graphics {
        case .kitty: out += kittyWithIDs(placement.pixels.bytes, KittyPlacement(placement))
        case .sixel, .iterm2: out += placement.pixels.bytes
        }
        out += [escape, UInt8(ascii: "8")]
        return out
    }

    /// Deletes a kitty placement, and the image's data with it when nothing else shows it.
    public static func kittyDelete(_ kitty: KittyPlacement) -> [UInt8] {
        Array("\u{1B}_Ga=d,d=I,i=\(kitty.image),p=\(kitty.placement),q=2\u{1B}\\".utf8)
    }

    /// Each slot's kitty placement id: 1, 2, …
    public static func placementID(_ slot: PreviewSlot) -> UInt32 {
        UInt32((PreviewSlot.allCases.firstIndex(of: slot) ?? 0) + 1)
    }

    /// Deletes every kitty image placed on the screen (leaving the UI).
    public static let kittyDeleteAll = Array("\u{1B}_Ga=d,d=A,q=2\u{1B}\\".utf8)

    /// What to write before giving the screen back (quit, Ctrl-Z): kitty pictures outlive the
    /// alternate screen, so they are deleted; sixel and iTerm2 pixels go with its cells.
    public static func leaving(_ placed: [ImagePlacement]) -> [UInt8] {
        placed.contains { $0.pixels.graphics == .kitty } ? kittyDeleteAll : []
    }

    /// libchafa's kitty output with the keys the UI needs added to the first command (later
    /// chunks carry only `m=`, as the protocol wants).
    static func kittyWithIDs(_ bytes: [UInt8], _ kitty: KittyPlacement) -> [UInt8] {
        let start: [UInt8] = [escape, UInt8(ascii: "_"), UInt8(ascii: "G")]
        guard let at = firstIndex(of: start, in: bytes) else { return bytes }
        let keys = Array("i=\(kitty.image),p=\(kitty.placement),q=2,C=1,".utf8)
        return Array(bytes[..<(at + start.count)]) + keys + Array(bytes[(at + start.count)...])
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { i in
            bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle)
        }
    }
}
