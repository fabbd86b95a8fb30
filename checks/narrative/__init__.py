"""Narrative checks: the figures, shares, rates and changes stated in the prose
(情况说明, 绩效自评报告), read as claims by ``auditor.claims`` and recomputed."""
