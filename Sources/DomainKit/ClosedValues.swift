/// A request body's enum (`"decision": "pin"`) that is not one of its values: the 422 says which value came and
/// which the field takes (`is "pin"; it must be one of pinned, excluded`). Foundation's own sentence names the
/// Swift type and reads as if the value were the field's name (probe15). Every `String` enum that is
/// `CaseIterable` and `Decodable` decodes through this initialiser, being more constrained than the standard
/// library's `RawRepresentable` one, wherever DomainKit is imported beside the conformance.
extension RawRepresentable where Self: CaseIterable & Decodable, RawValue == String {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.notOneOfTheValues(raw))
        }
        self = value
    }

    /// The field message for `raw`, which is none of this type's values.
    public static func notOneOfTheValues(_ raw: String) -> String {
        "is \"\(raw)\"; it must be one of \(allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
