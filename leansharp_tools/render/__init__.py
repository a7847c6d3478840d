"""The one rendering layer: `terminal` (rich tables, progress bars, JSON on stdout)
and `pages` (every page — the map, the dependency graph as HTML and DOT — is a jinja2
template in `templates/`). Nothing here computes a report."""
