/// The loupe in the results pane's side-by-side, the larger and the compare views: `z` cycles the zoom, arrows and hjkl pan every
/// picture together, `0` recentres. Only the state changes here; `PreviewUpdate.sync` then
/// asks each slot for its region, and pictures of the old region are dropped as stale.
enum LoupeUpdate {
    static func perform(_ command: Command, _ state: inout AppState) {
        switch command {
        case .loupeZoom:
            state.loupe.zoom = state.loupe.zoom.next
            if !state.loupe.isZoomed { state.loupe.centre = nil }
        case .loupeRecentre:
            state.loupe.centre = nil
        case .loupeLeft: pan(dx: -1, dy: 0, &state)
        case .loupeRight: pan(dx: 1, dy: 0, &state)
        case .loupeUp: pan(dx: 0, dy: -1, &state)
        case .loupeDown: pan(dx: 0, dy: 1, &state)
        default: break
        }
    }

    /// A quarter of the view in that direction, stopping at the result's edges.
    static func pan(dx: Int, dy: Int, _ state: inout AppState) {
        guard let view = Self.view(state) else { return }
        let start = LoupeMath.clamp(state.loupe.centre, visible: view.visible, result: view.result)
        let step = LoupeMath.step(view.visible)
        let moved = LoupePoint(x: start.x + dx * step.width, y: start.y + dy * step.height)
        state.loupe.centre = LoupeMath.clamp(moved, visible: view.visible, result: view.result)
    }

    /// The picture the loupe follows (the larger view's result, or the compare view's first
    /// result): its size, and how much of it its box shows at the zoom. Nil when not zoomed,
    /// not in those views, or the result's size is not known yet.
    static func view(_ state: AppState) -> (result: PixelExtent, visible: PixelExtent)? {
        guard state.loupe.isZoomed else { return nil }
        let slot: PreviewSlot
        let path: FilePath?
        if state.showsCompare {
            slot = .compareFirst
            path = PreviewUpdate.compareFile(.compareFirst, state)
        } else if state.showsEnlargedResult {
            slot = .enlarged
            path = state.results.selectedJob?.downloadedFile.map { FilePath($0) }
        } else if state.showsPanePictures {
            slot = .result
            path = state.results.selectedJob?.downloadedFile.map { FilePath($0) }
        } else {
            return nil
        }
        guard let path, let result = state.previews.sizes[path], let box = Layout(size: state.size).previewBox(slot) else { return nil }
        return (result, Self.visible(box, result, state.loupe))
    }

    static func visible(_ box: Rect, _ result: PixelExtent, _ loupe: LoupeState) -> PixelExtent {
        LoupeMath.visible(columns: box.width, rows: box.height, zoom: loupe.zoom, cell: loupe.cellPixels, result: result)
    }

    /// The region `slot` asks for: in the larger and compare views when zoomed, the loupe's
    /// place in the followed result mapped onto this slot's image; nil (the whole picture)
    /// otherwise, or while a size is not known yet.
    static func region(_ slot: PreviewSlot, path: FilePath, box: Rect, _ state: AppState) -> PreviewRegion? {
        guard (slot == .enlarged && state.showsEnlargedResult) || PreviewSlot.compareSlots.contains(slot)
                || ((slot == .source || slot == .result) && state.showsPanePictures),
              let view = Self.view(state), let image = state.previews.sizes[path] else { return nil }
        let seen = Self.visible(box, view.result, state.loupe)
        let centre = LoupeMath.clamp(state.loupe.centre, visible: seen, result: view.result)
        return LoupeMath.mapped(LoupeMath.resultRegion(centre: centre, visible: seen), from: view.result, to: image)
    }

    /// "1:1 at 1200,840": the zoom and the result pixel at the middle; nil when not zoomed.
    static func position(_ state: AppState) -> String? {
        guard let view = Self.view(state) else { return state.loupe.isZoomed ? state.loupe.zoom.label : nil }
        let centre = LoupeMath.clamp(state.loupe.centre, visible: view.visible, result: view.result)
        return "\(state.loupe.zoom.label) at \(centre.x),\(centre.y)"
    }
}
