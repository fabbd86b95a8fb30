"""Benchmarks: ``python -m auditor.bench NAME`` runs ``auditor/bench/NAME.py``'s ``main()``.

``python -m auditor.bench`` lists them. Benchmarks print figures; they are not tests.
"""
