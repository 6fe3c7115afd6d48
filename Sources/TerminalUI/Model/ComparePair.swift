/// The two jobs the compare view shows, in the order they were marked: the first's source is
/// the one drawn.
public struct ComparePair: Hashable, Sendable {
    public var first: JobRowID
    public var second: JobRowID

    public init(first: JobRowID, second: JobRowID) {
        self.first = first
        self.second = second
    }
}
