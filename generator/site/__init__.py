"""The site model: which pages exist, at which URLs, with which data."""
