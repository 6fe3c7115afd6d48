import CJPEG

/// A flag that cancels a preview while it is being made: set from any thread; checked by the
/// pipeline between its stages and by libjpeg between scanlines (and between a progressive
/// file's scans), so a superseded JPEG decode stops within a few milliseconds.
public final class PreviewCancellation: @unchecked Sendable {
    // @unchecked: the pointer is created once, never reassigned, and the flag behind it is a C11
    // atomic, so sharing it across threads is safe.
    let pointer: OpaquePointer

    public init() {
        guard let flag = cjpeg_cancel_flag_create() else { fatalError("out of memory for a cancellation flag") }
        pointer = flag
    }

    deinit { cjpeg_cancel_flag_destroy(pointer) }

    public func cancel() { cjpeg_cancel_flag_set(pointer) }

    public var isCancelled: Bool { cjpeg_cancel_flag_is_set(pointer) != 0 }

    /// Throws `.cancelled` when cancelled, or when the current task is.
    func check() throws(PreviewError) {
        if isCancelled || Task.isCancelled { throw .cancelled }
    }
}
