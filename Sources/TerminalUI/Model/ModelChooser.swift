import IdeogramKit

/// The `m` overlay: every upscaler (legacy first), filtered by what is typed; Enter picks the
/// highlighted one, Esc leaves the choice as it was.
public struct ModelChooser: Hashable, Sendable {
    public var filter = ""
    /// Index into `entries`.
    public var selected = 0

    /// One line of the list; `model` nil is the legacy upscaler.
    public struct Entry: Hashable, Sendable {
        public var model: UpscaleModel?
        public var name: String { model?.rawValue ?? "legacy" }
        public var kind: String { model?.kind.rawValue ?? "faithful" }
        public var summary: String {
            model?.summary ?? "the original upscaler: prompt, resemblance, detail, several images"
        }
    }

    public static let all: [Entry] = [Entry(model: nil)] + UpscaleModel.allCases.map { Entry(model: $0) }

    /// Opens on the model chosen now.
    public init(current: UpscaleModel?) {
        selected = Self.all.firstIndex { $0.model == current } ?? 0
    }

    /// The entries whose name, kind or description contains the filter.
    public var entries: [Entry] {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return Self.all }
        return Self.all.filter { "\($0.name) \($0.kind) \($0.summary)".lowercased().contains(needle) }
    }

    public var highlighted: Entry? {
        let list = entries
        return list.isEmpty ? nil : list[max(0, min(selected, list.count - 1))]
    }

    public mutating func move(by delta: Int) {
        let count = entries.count
        guard count > 0 else { return }
        selected = max(0, min(count - 1, min(selected, count - 1) + delta))
    }

    public mutating func setFilter(_ text: String) {
        filter = text
        selected = 0
    }
}
