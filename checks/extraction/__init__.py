"""Extraction checks: what a reader could not read faithfully (glyphs, scanned pages,
table grids, Excel formula caches) is reported, so an unreadable part fails closed."""
