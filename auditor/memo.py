"""Derived data computed once per document or table and forgotten with it."""

from __future__ import annotations

import functools
import weakref
from typing import Callable, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def once_per(function: Callable[[K], V]) -> Callable[[K], V]:
    """Cache ``function(obj)`` per object (a Document, a Table), held beside it in a weak map:
    the many checks that ask for the same layout, statements or claims share one reading, and a
    copy of the object (a mutant in the mutation tests) gets a reading of its own."""
    cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    @functools.wraps(function)
    def cached(obj: K) -> V:
        try:
            return cache[obj]
        except KeyError:
            value = cache[obj] = function(obj)
            return value

    return cached
