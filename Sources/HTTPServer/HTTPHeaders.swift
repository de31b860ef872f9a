/// Header fields in the order they were received or added. Names compare case-insensitively
/// (RFC 9110 §5.1) but keep their original spelling; repeated names stay separate fields, since
/// combining them is only valid for list-based fields (RFC 9110 §5.3).
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Field = (name: String, value: String)

    private var fields: [HeaderField] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { HeaderField(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value of the field, or nil. Setting replaces every field of that name.
    public subscript(name: String) -> String? {
        get { fields.first { Self.namesMatch($0.name, name) }?.value }
        set {
            if let newValue { replaceOrAdd(name: name, value: newValue) } else { remove(name: name) }
        }
    }

    /// Every value of the field, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesMatch($0.name, name) }
    }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(HeaderField(name: name, value: value))
    }

    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    public mutating func remove(name: String) {
        fields.removeAll { Self.namesMatch($0.name, name) }
    }

    public func makeIterator() -> some IteratorProtocol<Field> {
        fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
    }

    /// ASCII case-insensitive comparison without allocating lowercased copies: field names are
    /// tokens (RFC 9110 §5.1), so ASCII folding is the whole story.
    static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (a?, b?):
                if a != b, HTTPSyntax.lowercased(a) != HTTPSyntax.lowercased(b) { return false }
            default: return false
            }
        }
    }
}

struct HeaderField: Sendable, Hashable {
    var name: String
    var value: String
}

extension HTTPHeaders {
    mutating func reserveCapacity(_ capacity: Int) {
        fields.reserveCapacity(capacity)
    }
}
