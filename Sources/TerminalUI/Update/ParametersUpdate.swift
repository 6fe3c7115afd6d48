import IdeogramKit

/// The prompt editor and the parameter fields.
enum ParametersUpdate {
    static func perform(_ command: Command, key: Key, _ state: inout AppState) {
        let width = ParametersPaneView.promptWidth(state)
        var p = state.parameters
        defer { state.parameters = p }
        if p.models.model != nil && p.focus != .prompt { return ModelFieldsUpdate.perform(command, key: key, &p) }
        // Any key but a digit or its eraser ends the typing of a number.
        if command != .typeDigit && command != .eraseDigit { p.typedDigits = nil }
        switch command {
        case .cursorLeft: p.prompt.moveLeft()
        case .cursorRight: p.prompt.moveRight()
        case .wordLeft: p.prompt.moveWordLeft()
        case .wordRight: p.prompt.moveWordRight()
        case .lineStart: p.prompt.moveToStart()
        case .lineEnd: p.prompt.moveToEnd()
        case .deleteBackward: p.prompt.deleteBackward()
        case .deleteForward: p.prompt.deleteForward()
        case .deleteWord: p.prompt.deleteWordBackward()
        case .deleteToStart: p.prompt.deleteToStart()
        case .deleteToEnd: p.prompt.deleteToEnd()
        case .editorUp: _ = p.prompt.moveVertically(by: -1, width: width)
        case .editorDown: if !p.prompt.moveVertically(by: 1, width: width) { p.focus = .resemblance }
        case .leaveEditor: p.focus = .resemblance
        case .previousField: p.focus = p.focus.previous ?? p.focus
        case .nextField: p.focus = p.focus.next ?? p.focus
        case .decrease: step(&p, by: -1)
        case .increase: step(&p, by: 1)
        case .decreaseTen: step(&p, by: -10)
        case .increaseTen: step(&p, by: 10)
        case .fieldMinimum: if let range = ParametersState.range(of: p.focus) { p.setValue(range.lowerBound, of: p.focus) }
        case .fieldMaximum: if let range = ParametersState.range(of: p.focus) { p.setValue(range.upperBound, of: p.focus) }
        case .typeDigit: if let digit = key.digit { typeDigit(digit, &p) }
        case .eraseDigit: eraseDigit(&p)
        case .cycleChoice: cycle(&p)
        case .editPrompt: p.focus = .prompt
        default: break
        }
    }

    /// Arrows step within the range, so an out-of-range typed value comes back in.
    static func step(_ p: inout ParametersState, by delta: Int) {
        if p.focus == .magicPrompt {
            let all = MagicPromptOption.allCases
            let i = all.firstIndex(of: p.magicPrompt)!
            p.magicPrompt = all[(i + (delta > 0 ? 1 : all.count - 1)) % all.count]
            return
        }
        guard let range = ParametersState.range(of: p.focus) else { return }
        let current = p.value(of: p.focus) ?? range.lowerBound
        p.setValue(max(range.lowerBound, min(range.upperBound, current + delta)), of: p.focus)
    }

    /// Digits build a value as typed; it may be out of range, and is then shown as a problem.
    static func typeDigit(_ digit: Int, _ p: inout ParametersState) {
        guard ParametersState.range(of: p.focus) != nil else { return }
        var digits = (p.typedDigits ?? "") + String(digit)
        let maxLength = p.focus == .seed ? 10 : 3
        if digits.count > maxLength { digits = String(digits.suffix(maxLength)) }
        p.typedDigits = digits
        p.setValue(Int(digits) ?? 0, of: p.focus)
    }

    static func eraseDigit(_ p: inout ParametersState) {
        guard ParametersState.range(of: p.focus) != nil else { return }
        let current = p.typedDigits ?? p.value(of: p.focus).map(String.init) ?? ""
        let digits = String(current.dropLast())
        p.typedDigits = digits
        if p.focus == .seed && digits.isEmpty {
            p.seed = .random
        } else {
            p.setValue(Int(digits) ?? 0, of: p.focus)
        }
    }

    static func cycle(_ p: inout ParametersState) {
        switch p.focus {
        case .magicPrompt: step(&p, by: 1)
        case .seed:
            if case .fixed = p.seed { p.seed = .random } else { p.seed = .fixed(0) }
        default: break
        }
    }
}
