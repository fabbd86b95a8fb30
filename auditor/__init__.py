"""auditor: consistency audit of Chinese public-finance disclosures.

Only the version lives here so that `audit --help` imports nothing heavy.
"""

__version__ = "0.1.0"
