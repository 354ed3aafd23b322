"""The one bounded cache of the screening engine: work kept between queries.

A screener keeps what queries have in common (whole results, word comparisons, key lists)
because bulk files repeat their counterparties and, far more, their words. Every such
store is a :class:`BoundedCache`: a dictionary that forgets everything at once when it is
full. That bound costs one length check per insertion, where a least-recently-used order
would cost a linked-list update per hit; the entries are cheap to compute again. Pure
functions of small values (a word's skeleton, its readings) use ``functools.lru_cache``
with a ``maxsize`` instead, which is the standard library's bounded cache in C, through
``word_cache`` so that an index build can empty them all (``forget_words``).

Thread safety: under the GIL a dictionary read or write is atomic, so a reader in another
thread sees a value or a miss, never a torn entry; the counters are statistics only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")
_WORD_CACHES: list[_lru_cache_wrapper[Any]] = []


def word_cache(maxsize: int) -> Callable[[Callable[..., R]], _lru_cache_wrapper[R]]:
    """Return ``lru_cache(maxsize)``, registered as a cache of words (see forget_words)."""

    def register(function: Callable[..., R]) -> _lru_cache_wrapper[R]:
        cached = lru_cache(maxsize=maxsize)(function)
        _WORD_CACHES.append(cached)
        return cached

    return register


def forget_words() -> None:
    """Empty every word cache.

    Building an index fills them with every word of every list (some 400,000 entries
    and their values, about 80 MB), most of which the build never meets again. The build
    empties them every few thousand entries (index.py), and once more when every name is
    analysed, before its memory peaks: what the last stretch left held 37 MB there, and
    the peak fell from 327 to 295 MB. Queries fill them again with the words they meet;
    measured on UN 2025 and OFAC 2021, the first 1,843 queries' median took about 7%
    longer and a bulk run about 2% (earlier, when the caches were emptied after the build
    instead, the first queries took about 40% longer: the engine has changed since).
    Only speed depends on them, never an answer.
    """
    for cached in _WORD_CACHES:
        cached.cache_clear()


class BoundedCache(Generic[K, V]):
    """A dictionary of at most ``size`` entries, cleared all at once when full."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: dict[K, V] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        """Return the kept value for ``key``, or None (counting hits and misses)."""
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` under ``key`` (forgetting everything first when full) and return it."""
        if self.size <= 0:
            return value
        if len(self._entries) >= self.size:
            self._entries = {}  # a thread still holding the old dictionary keeps using it
        self._entries[key] = value
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def clear(self) -> None:
        """Forget every entry."""
        self._entries = {}
