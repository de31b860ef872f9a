enum PlaceholderPostgres {}
