"""Pages to HTML strings through Jinja2 templates."""
