"""Narrative checks: the figures, shares, rates and changes stated in the prose
(情况说明, 绩效自评报告), read as claims by ``auditor.claims`` and recomputed."""

from auditor.registry import metric


@metric("claims")
def claim_counts(doc) -> dict[str, int]:
    """Claims the grammar recognised, and those whose operands were all resolved."""
    from auditor.claims import coverage

    found, checked = coverage(doc)
    return {"found": found, "checked": checked}
