/// The image the parameters pane sizes and prices: the job loaded with `e`, else the file
/// selected in the files pane; its pixel size once the files pane has read its header.
public struct PaneImage: Hashable, Sendable {
    public var path: String
    public var width: Int?
    public var height: Int?

    public static func current(_ state: AppState) -> PaneImage? {
        if let loaded = state.parameters.loadedFrom {
            return PaneImage(path: loaded.sourcePath, size: state.files.inspections[FilePath(loaded.sourcePath)] ?? loaded.inspection)
        }
        guard let entry = state.files.selectedEntry, entry.kind.isFileLike, let path = state.files.selectedPath,
              let string = path.string else { return nil }
        return PaneImage(path: string, size: state.files.inspections[path])
    }

    /// A file's pixel size, if its header has been read and it is an image the API takes.
    public static func size(of path: String, _ state: AppState) -> (width: Int, height: Int)? {
        let loaded = state.parameters.loadedFrom.flatMap { $0.sourcePath == path ? $0.inspection : nil }
        guard case .image(_, let width, let height)? = state.files.inspections[FilePath(path)] ?? loaded else { return nil }
        return (width, height)
    }

    init(path: String, size inspection: ImageInspection?) {
        self.path = path
        if case .image(_, let width, let height)? = inspection {
            self.width = width
            self.height = height
        }
    }
}
