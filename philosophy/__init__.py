"""The customer-service philosophy core: model, loader, checks, wording, summary, metrics.

It imports nothing from MkDocs, Material or mkdocs-macros (a test walks the import graph): the
framework is an adapter around it (macros/, publish/).
"""

from .cldr_isolation import isolate as _isolate

_isolate()
