/// A picture in terminal graphics and the cells it covers on screen, beside the cell `Screen`:
/// the terminal writes it there after drawing the cells, and takes it away once it is no
/// longer in the list.
public struct ImagePlacement: Hashable, Sendable {
    public var slot: PreviewSlot
    /// The cells the picture covers (its own size, centred in the slot's box as the cells are).
    public var box: Rect
    public var key: PreviewRequestKey
    public var pixels: PreviewPixels

    public init(slot: PreviewSlot, box: Rect, key: PreviewRequestKey, pixels: PreviewPixels) {
        self.slot = slot
        self.box = box
        self.key = key
        self.pixels = pixels
    }
}

/// The pictures to show as pixels for this state and size. Pure, like `render`. None while an
/// overlay is open (pixels sit above the cells and would hide it) or when the terminal is too
/// small; a picture made for another box than the slot's at this size is left out.
public func imagePlacements(_ state: AppState, size: Size) -> [ImagePlacement] {
    let layout = Layout(size: size)
    guard !layout.isTooSmall, state.overlay == nil else { return [] }
    return PreviewSlot.allCases.compactMap { slot in
        let slotState = state.previews[slot]
        guard let key = slotState.request, case .picture(let picture, _) = slotState.content, let pixels = picture.pixels,
              let box = slot == .enlarged && state.showsDetails ? layout.detailsPicture : layout.previewBox(slot),
              key.columns == box.width, key.rows == box.height,
              picture.columns <= box.width, picture.rows <= box.height, picture.columns > 0, picture.rows > 0 else { return nil }
        // Where PreviewView draws the picture's cells: centred across the box, from its top.
        let left = box.x + (box.width - picture.columns) / 2
        return ImagePlacement(slot: slot, box: Rect(x: left, y: box.y, width: picture.columns, height: picture.rows),
                              key: key, pixels: pixels)
    }
}
