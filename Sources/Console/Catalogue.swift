/// The ja/en string catalogues: one file per language (Catalogue+ja.swift, Catalogue+en.swift).
enum Catalogue {}
