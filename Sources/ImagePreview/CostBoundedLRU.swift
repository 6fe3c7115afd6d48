/// Values by key, at most `capacity` of them and at most `maxCost` of their costs in all; the
/// least recently used go first. Not thread-safe: the caches keep one behind their lock.
struct CostBoundedLRU<Key: Hashable, Value> {
    let capacity: Int
    let maxCost: Int
    private var entries: [Key: (value: Value, cost: Int, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private(set) var totalCost = 0

    init(capacity: Int, maxCost: Int) {
        self.capacity = max(1, capacity)
        self.maxCost = max(1, maxCost)
    }

    var count: Int { entries.count }

    /// The value, now the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard var entry = entries[key] else { return nil }
        clock += 1
        entry.lastUse = clock
        entries[key] = entry
        return entry.value
    }

    /// Keeps `value` (replacing the key's old one), then drops the least recently used until
    /// both bounds hold. A value costing more than `maxCost` alone is not kept.
    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        guard cost <= maxCost else { return }
        remove(key)
        clock += 1
        entries[key] = (value, cost, clock)
        totalCost += cost
        while entries.count > capacity || totalCost > maxCost {
            guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
            remove(oldest.key)
        }
    }

    mutating func remove(_ key: Key) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        totalCost -= entry.cost
    }

    mutating func removeAll() {
        entries.removeAll()
        totalCost = 0
    }
}

extension CostBoundedLRU: Sendable where Key: Sendable, Value: Sendable {}
