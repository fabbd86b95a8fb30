"""Statement checks (STM…, SCH…): the arithmetic of the standard 决算/预算 tables,
within and between tables, on the statements recognised by ``auditor.statements``."""
