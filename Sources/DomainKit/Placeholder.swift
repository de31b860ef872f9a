enum PlaceholderDomainKit {}
