"""绩效自评 checks (PRF…): score tables, funds blocks, prose scores and surveys.

They read the models of ``auditor.scores``; one check per module.
"""

from auditor.registry import metric


@metric("score_tables")
def score_counts(doc) -> dict[str, int]:
    """Score tables (forms) read, their indicators, and their weights/scores."""
    from auditor.scores.forms import score_forms

    forms = [f for f in score_forms(doc) if f.has_content()]
    return {"tables": len(forms), "indicators": sum(len(f.leaves()) for f in forms),
            "figures": sum(len(f.figures()) for f in forms)}
