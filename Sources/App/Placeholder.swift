enum PlaceholderApp {}
