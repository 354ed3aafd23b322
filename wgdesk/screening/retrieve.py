"""Stage 2 of screening: retrieve the list names a query is compared with (blocking).

A query's terms each bring a group of keys (its spelling, skeletons, translations,
readings, and its neighbours' keys: one letter apart, by name symbol, by consonants). The
names holding a rare key (on at most ``COMMON_POSTINGS`` names), or two of the query's
rarest common keys at once, are the candidates; a key on more than ``MAX_POSTINGS`` names
is skipped unless the query has nothing rarer. A word the lists hold as written looks for
its own names only, not its neighbours'. Retrieval is the only step that decides *not* to
look at a name; everything after it is exact.
"""

from __future__ import annotations

from collections.abc import Iterable

from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.index import ScreeningIndex

COMMON_POSTINGS = 80  # a key on more names than this finds names only with another one
MAX_POSTINGS = 3000  # ... unless the query has nothing rarer; beyond this a key is skipped
SEED_KEYS = 3  # the rarest common keys whose pairwise overlaps may add candidates
# Keys that find a word's neighbours: one letter apart (d:), by name symbol (s:), by sound
# (p:), by Arabic consonants (c:), by the loosest skeleton (l:).
LOOSE_KEYS = ("d:", "s:", "p:", "c:", "l:")
KEY_LIST_CACHE = 50000  # query key groups and common-key overlaps kept (a few MB at most)
Postings = tuple[frozenset[int], ...]  # a term's keys' postings, the rarest first


class Retriever:
    """Finds a query's candidate names in an index, keeping what queries share."""

    def __init__(self, index: ScreeningIndex) -> None:
        self.index = index
        self._key_lists: BoundedCache[frozenset[str], Postings] = BoundedCache(KEY_LIST_CACHE)
        self._overlaps: BoundedCache[tuple[int, int], frozenset[int]] = BoundedCache(KEY_LIST_CACHE)

    def candidates(self, groups: Iterable[frozenset[str]]) -> list[int]:
        """Return the records holding a rare key of the query, or two of its rarest common ones.

        ``groups`` holds each query term's alternative keys (its spelling, skeletons,
        translations, readings). Every record returned is scored: retrieval caps nothing
        by estimate, so a list name typed exactly always meets its own record.
        """
        postings = [p for group in groups for p in self._term_keys(group)]
        return sorted(self._found(postings))

    def _term_keys(self, group: frozenset[str]) -> Postings:
        """Return the postings of a query term's indexed keys, skipping the commonest.

        Kept per key group: bulk queries repeat their words, and so their groups.
        """
        found = self._key_lists.get(group)
        if found is None:
            postings = self.index.postings
            if any(k.startswith("t:") and k in postings for k in group):
                # A word the lists hold as written: its own names, not its neighbours by
                # one letter, sound or symbol (those are for words the lists do not hold).
                group = frozenset(k for k in group if not k.startswith(LOOSE_KEYS))
            kept = [postings[k] for k in group if k in postings]
            found = tuple(sorted((p for p in kept if len(p) <= MAX_POSTINGS), key=len))
            self._key_lists.put(group, found)
        return found

    def _found(self, postings: list[frozenset[int]]) -> frozenset[int]:
        """Return the records holding a rare key, or two of the rarest common keys.

        A coarse key alone (the skeleton KN of 고려) is on too many names to start from,
        but names carrying two of the query's common keys (고려 and 은행: KORYO BANK)
        are few, and may be the match.
        """
        rare = [p for p in postings if len(p) <= COMMON_POSTINGS]
        common = sorted({p for p in postings if len(p) > COMMON_POSTINGS}, key=len)[:SEED_KEYS]
        pairs = [self._overlap(a, b) for i, a in enumerate(common) for b in common[i + 1 :]]
        found = frozenset().union(*rare, *pairs)
        if not found and common:
            found = common[0]  # a query of one common word: its names are all there is
        return found

    def _overlap(self, a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
        """Return the names on both of two common keys, kept: common keys are few."""
        pair = (id(a), id(b))  # postings live as long as the index, so ids stay theirs
        found = self._overlaps.get(pair)
        if found is None:
            found = self._overlaps.put(pair, a & b)
        return found
