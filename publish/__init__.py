"""Building, guarding and serving the two sites. This package may import mkdocs; philosophy/ may not."""
