/// Where an upscale call stands, for progress displays.
public enum UploadProgress: Sendable, Equatable {
    case connecting
    case uploading(sent: Int, total: Int)
    /// The whole body was handed to the connection: from here on a lost answer may be billed.
    case waitingForAnswer
}
