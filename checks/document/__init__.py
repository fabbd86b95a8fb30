"""Document-level checks: required tables, years, wording against numbers, template residue."""
