/// The best `limit` candidates seen so far, by score, evidence, name and company id: a heap with the worst on top,
/// so deciding whether a candidate enters costs one comparison and entering costs log(limit).
struct TopList {
    struct Entry {
        var score: Double
        /// What the company shares with the need (Matcher.evidence) and its name: the tie-breakers.
        var evidence: Double
        var name: String
        var key: CompanyKey
        var slot: Int32
        var parts: ScoreParts
    }

    let limit: Int
    private var heap: [Entry] = []

    init(limit: Int) {
        self.limit = limit
        heap.reserveCapacity(max(limit, 0))
    }

    /// Higher score first; equal scores by more evidence, then by name, then by company id (`Matcher.before`).
    static func better(_ a: Entry, _ b: Entry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.evidence != b.evidence { return a.evidence > b.evidence }
        if a.name != b.name { return a.name < b.name }
        return a.key < b.key
    }

    /// The last place of a full list, which a candidate must beat to enter.
    var last: Entry? { heap.count >= limit ? heap.first : nil }

    func admits(_ entry: Entry) -> Bool {
        heap.count < limit || (limit > 0 && Self.better(entry, heap[0]))
    }

    /// Adds an entry that `admits` accepted, dropping the last place of a full list.
    mutating func insert(_ entry: Entry) {
        if heap.count < limit {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0, Self.better(heap[(child - 1) / 2], heap[child]) {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else {
            heap[0] = entry
            var parent = 0
            while true {
                let left = 2 * parent + 1
                var worst = parent
                if left < heap.count, Self.better(heap[worst], heap[left]) { worst = left }
                if left + 1 < heap.count, Self.better(heap[worst], heap[left + 1]) { worst = left + 1 }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// The entries, best first.
    func sorted() -> [Entry] { heap.sorted(by: Self.better) }
}
