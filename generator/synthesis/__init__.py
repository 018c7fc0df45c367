"""From studies to themes: definitions, assignments and evidence."""
