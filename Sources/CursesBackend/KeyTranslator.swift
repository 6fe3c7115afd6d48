import CNCurses
import TerminalUI

/// Turns what `get_wch` returned into a `Key`: a character code (`OK`) or a function key
/// code (`KEY_CODE_YES`). Pure, so it is the same on every path.
enum KeyTranslator {
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return nil
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(code + 0x60)!))
        case 0x1C...0x1F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case ideo_key_up(): return .up
        case ideo_key_down(): return .down
        case ideo_key_left(): return .left
        case ideo_key_right(): return .right
        case ideo_key_shift_up(): return .shiftUp
        case ideo_key_shift_down(): return .shiftDown
        case ideo_key_shift_left(): return .shiftLeft
        case ideo_key_shift_right(): return .shiftRight
        case ideo_key_home(): return .home
        case ideo_key_end(): return .end
        case ideo_key_ppage(): return .pageUp
        case ideo_key_npage(): return .pageDown
        case ideo_key_backspace(): return .backspace
        case ideo_key_dc(): return .delete
        case ideo_key_ic(): return .insert
        case ideo_key_enter(): return .enter
        case ideo_key_btab(): return .backTab
        case ideo_key_f0() + 1...ideo_key_f0() + 24: return .function(Int(code - ideo_key_f0()))
        default: break
        }
        if code == ideo_key_ctrl_left() { return .ctrlLeft }
        if code == ideo_key_ctrl_right() { return .ctrlRight }
        return nil
    }
}
