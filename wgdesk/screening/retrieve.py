"""Stage 2 of screening: retrieve the list names a query is compared with (blocking).

A query's terms each bring a group of keys (its spelling, skeletons, translations,
readings). The names holding a rare key (on at most ``COMMON_POSTINGS`` names), or two of
the query's rarest common keys at once, are the candidates; a key on more than
``MAX_POSTINGS`` names is skipped unless the query has nothing rarer. Retrieval is the
only step that decides *not* to look at a name; everything after it is exact.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from operator import itemgetter

from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.index import ScreeningIndex

COMMON_POSTINGS = 80  # a key on more names than this finds names only with another one
MAX_POSTINGS = 3000  # ... unless the query has nothing rarer; beyond this a key is skipped
SEED_KEYS = 3  # the rarest common keys whose pairwise overlaps may add candidates
MAX_CANDIDATES = 12  # names fully scored per query, at most
PRESELECT = 60  # names ranked by shared weight before the finer estimate picks the candidates
# Names whose estimate (shared key weight against both names' weight) is under this are
# not scored: true matches on every evaluation set estimate 0.44 or more, most above 0.7.
ESTIMATE_FLOOR = 0.3
RELATIVE_CUTOFF = 0.2  # names whose key overlap is under this share of the best are dropped
KEY_LIST_CACHE = 50000  # query key groups and common-key overlaps kept (a few MB at most)
KeyList = list[tuple[frozenset[int], float]]  # a term's keys as (posting, weight)


class Retriever:
    """Finds a query's candidate names in an index, keeping what queries share."""

    def __init__(self, index: ScreeningIndex) -> None:
        self.index = index
        size = index.size
        self._keyed = {
            key: (posting, math.log((size + 1) / (len(posting) + 1)) + 1.0)
            for key, posting in index.postings.items()
        }
        self._key_lists: BoundedCache[frozenset[str], KeyList] = BoundedCache(KEY_LIST_CACHE)
        self._overlaps: BoundedCache[tuple[int, int], frozenset[int]] = BoundedCache(KEY_LIST_CACHE)

    def candidates(self, groups: Iterable[frozenset[str]]) -> list[int]:
        """Return the records that best cover a query's terms, each term counted once.

        ``groups`` holds each query term's alternative keys (its spelling, skeletons,
        translations); a record scores the rarity weight of the best key it shares per
        term, so a term's several keys never count several times. Records are found
        through the rare keys, or through two common keys at once; set operations do the
        work, so a query touches each record it finds once.
        """
        terms: list[KeyList] = []
        query_weight = 0.0
        for group in groups:
            keys = self._term_keys(group)
            if keys:
                query_weight += keys[0][1]
                terms.append(keys)
        found = self._found(terms)
        if not found:
            return []
        scores = dict.fromkeys(found, 0.0)
        # A rare key's names are all in ``found``: only common keys need the intersection.
        for keys in terms:
            if len(keys) == 1:  # most terms: one key, no overlap to remove
                posting, weight = keys[0]
                for record in posting if len(posting) <= COMMON_POSTINGS else found & posting:
                    scores[record] += weight
                continue
            seen: set[int] = set()
            for posting, weight in keys:  # best key first: a term counts once per record
                within = posting if len(posting) <= COMMON_POSTINGS else found & posting
                hit = within - seen
                for record in hit:
                    scores[record] += weight
                seen |= hit
        # Rank like the final score does: shared weight against both names' whole weight,
        # so a name covering every query word beats one that shares a single rare key.
        # (sorted()[:n] is heapq.nlargest, ties kept in order, done in C for these sizes.)
        records = self.index.records
        leading = sorted(scores.items(), key=itemgetter(1), reverse=True)[:PRESELECT]
        estimates = [(r, 2 * s / (query_weight + records[r].total + 1e-9)) for r, s in leading]
        top = sorted(estimates, key=itemgetter(1), reverse=True)[:MAX_CANDIDATES]
        floor = max(top[0][1] * RELATIVE_CUTOFF, ESTIMATE_FLOOR)
        return [record for record, estimate in top if estimate >= floor]

    def _term_keys(self, group: frozenset[str]) -> KeyList:
        """Return a query term's indexed keys as (posting, weight), the heaviest first.

        Kept per key group: bulk queries repeat their words, and so their groups.
        """
        found = self._key_lists.get(group)
        if found is None:
            keys = [self._keyed[k] for k in group if k in self._keyed]
            keys = [(p, w) for p, w in keys if len(p) <= MAX_POSTINGS]
            keys.sort(key=itemgetter(1), reverse=True)
            found = self._key_lists.put(group, keys)
        return found

    def _found(self, terms: list[KeyList]) -> frozenset[int]:
        """Return the records holding a rare key, or two of the rarest common keys.

        A coarse key alone (the skeleton KN of 고려) is on too many names to start from,
        but names carrying two of the query's common keys (고려 and 은행: KORYO BANK)
        are few, and may be the match.
        """
        postings = [p for keys in terms for p, _ in keys]
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
