"""Study records as stored in content/: schema, vocabulary, YAML in and out."""
