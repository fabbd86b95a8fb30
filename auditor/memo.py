"""Derived data computed once per document or table and forgotten with it."""

from __future__ import annotations

import functools
import weakref
from typing import Callable, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def once_per(function: Callable[[K], V]) -> Callable[[K], V]:
    """Cache ``function(obj)`` per object (a Document, a Table), held beside it: the many checks
    that ask for the same layout, statements or claims share one reading, and a copy of the
    object (a mutant in the mutation tests) gets a reading of its own.

    The cache is keyed by ``id(obj)`` (a weak-key map would build a weak reference on every
    lookup, and lookups run by the thousand per document); the entry is dropped when the
    object is freed, before its id can be reused."""
    cache: dict[int, V] = {}

    @functools.wraps(function)
    def cached(obj: K) -> V:
        try:
            return cache[id(obj)]
        except KeyError:
            value = cache[id(obj)] = function(obj)
            weakref.finalize(obj, cache.pop, id(obj), None).atexit = False
            return value

    return cached
