/// Values numbered in order of first sight, so that the matcher's hot loops compare and index by
/// small integers instead of hashing strings or following references.
struct Interner<Value: Hashable & Sendable>: Sendable {
    private var ids: [Value: Int32] = [:]
    private var values: [Value] = []

    var count: Int { values.count }

    mutating func id(_ value: Value) -> Int32 {
        if let id = ids[value] { return id }
        let id = Int32(values.count)
        ids[value] = id
        values.append(value)
        return id
    }

    func id(ifKnown value: Value) -> Int32? { ids[value] }

    subscript(id: Int32) -> Value { values[Int(id)] }
}
