"""绩效自评 checks (PRF…): score tables, funds blocks, prose scores and surveys.

They read the models of ``auditor.scores``; one check per module.
"""
