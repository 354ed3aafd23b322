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

from collections.abc import Collection, Iterable

from wgdesk.screening.analyse import KeyParts
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.index import ScreeningIndex

COMMON_POSTINGS = 80  # a key on more names than this finds names only with another one
MAX_POSTINGS = 3000  # ... unless the query has nothing rarer; beyond this a key is skipped
SEED_KEYS = 3  # the rarest common keys whose pairwise overlaps may add candidates
# Keys that find a word's neighbours: one letter apart (d:), by name symbol (s:), by sound
# (p:), by the loosest skeleton (l:), by a skeleton one sound away (e:), by its beginning
# (x:). Arabic consonants (c:, a:) only ever meet across scripts, so they always count.
LOOSE_KEYS = ("d:", "e:", "s:", "p:", "l:", "x:")
FAR_KEYS = ("e:",)  # a skeleton one sound away: only for a word with no listed neighbour
KEY_LIST_CACHE = 50000  # query key groups and common-key overlaps kept (a few MB at most)
Posting = tuple[int, ...]  # the names holding one key, in record order
Postings = tuple[Posting, ...]  # a term's keys' postings, the rarest first


class Retriever:
    """Finds a query's candidate names in an index, keeping what queries share."""

    def __init__(self, index: ScreeningIndex) -> None:
        self.index = index
        self._key_lists: BoundedCache[KeyParts, Postings] = BoundedCache(KEY_LIST_CACHE)
        self._indexed: BoundedCache[frozenset[str], tuple[str, ...]] = BoundedCache(KEY_LIST_CACHE)
        self._overlaps: BoundedCache[tuple[int, int], frozenset[int]] = BoundedCache(KEY_LIST_CACHE)

    def candidates(self, readings: Iterable[Iterable[KeyParts]]) -> list[int]:
        """Return the records holding a rare key of the query, or two of its rarest common ones.

        ``readings`` hold each query term's alternative keys (its spelling, skeletons,
        translations, readings), in parts (analyse.KeyParts). Every record returned is
        scored: retrieval caps nothing by estimate, so a list name typed exactly always
        meets its own record.
        """
        return sorted(self._found([[self._term_keys(g) for g in groups] for groups in readings]))

    def _term_keys(self, parts: KeyParts) -> Postings:
        """Return the postings of a query term's indexed keys, skipping the commonest.

        Kept per term, by the parts that hold an indexed key: bulk queries repeat their
        words, and a word's runs with the next word (Kim Minji: kimminji) are mostly on no
        list, so a known word in a new name is found kept.
        """
        if len(parts) > 1:
            parts = tuple(part for part in parts if self._indexed_keys(part))
        found = self._key_lists.get(parts)
        if found is None:
            postings = self.index.postings
            # The indexed keys in sorted order, then a stable sort by length: ties between
            # equally rare keys fall the same way in every process (set order follows the
            # hash seed).
            if len(parts) == 1:
                keys = list(self._indexed_keys(parts[0]))
            else:
                keys = sorted({k for part in parts for k in self._indexed_keys(part)})
            exact = [postings[k] for k in keys if k.startswith("t:")]
            if exact:
                # A word the lists hold as written: its own names, not its neighbours by
                # one letter, sound or symbol (those are for words the lists do not hold),
                # nor words of another script (a:, c:) before its own.
                keys = [k for k in keys if not k.startswith(LOOSE_KEYS)]
            elif any(k.startswith(("d:", "t:")) for k in keys):
                # A word one letter from a listed word looks for its skeleton's neighbours
                # only if there is none: they are for words far from every listed spelling.
                keys = [k for k in keys if not k.startswith(FAR_KEYS)]
            kept = [postings[k] for k in keys]
            ordered = sorted((p for p in kept if len(p) <= MAX_POSTINGS), key=len)
            if exact and len(exact[0]) <= MAX_POSTINGS:
                # The word's own names lead its common keys: they are what it seeds.
                common = [p for p in ordered if len(p) > COMMON_POSTINGS and p is not exact[0]]
                if len(exact[0]) > COMMON_POSTINGS:
                    common.insert(0, exact[0])
                ordered = [p for p in ordered if len(p) <= COMMON_POSTINGS] + common
            found = tuple(ordered)
            self._key_lists.put(parts, found)
        return found

    def _indexed_keys(self, part: frozenset[str]) -> tuple[str, ...]:
        """Return the keys of a part of a term's keys that some list name holds, sorted.

        Kept per part: most keys of a word (its one-letter neighbours) are on no name, and a
        word's part is the same in every name with that word, whatever runs it is in.
        """
        found = self._indexed.get(part)
        if found is None:
            postings = self.index.postings
            found = self._indexed.put(part, tuple(sorted(k for k in part if k in postings)))
        return found

    def _found(self, readings: list[list[Postings]]) -> frozenset[int]:
        """Return the records holding a rare key, or the rarest common keys of two terms.

        A coarse key alone (the skeleton KN of 고려) is on too many names to start from,
        but names carrying the common keys of two of the query's words (고려 and 은행: KORYO
        BANK) are few, and may be the match. A reading of one word (besides initials and
        legal forms) finds every name holding that word, however common.
        """
        terms = [postings for reading in readings for postings in reading if postings]
        rare = [p for postings in terms for p in postings if len(p) <= COMMON_POSTINGS]
        # Each term's rarest common key (its postings are sorted by length, a word's own
        # first), then the rarest of those: two keys of one word would find all its names.
        firsts = [_first_common(postings) for postings in terms]
        # Distinct by identity in the terms' order, then a stable sort: no hash-order ties.
        distinct = {id(p): p for p in firsts if p is not None}
        common = sorted(distinct.values(), key=len)[:SEED_KEYS]
        pairs: list[Collection[int]] = [
            self._overlap(a, b) for i, a in enumerate(common) for b in common[i + 1 :]
        ]
        for reading in readings:
            keyed = [postings for postings in reading if postings]
            if len(keyed) == 1:
                seed = _first_common(keyed[0])
                if seed is not None:
                    pairs.append(seed)  # one word: its names are all there is
        return frozenset().union(*rare, *pairs)

    def _overlap(self, a: Posting, b: Posting) -> frozenset[int]:
        """Return the names on both of two common keys, kept: common keys are few."""
        pair = (id(a), id(b))  # postings live as long as the index, so ids stay theirs
        found = self._overlaps.get(pair)
        if found is None:
            found = self._overlaps.put(pair, frozenset(a).intersection(b))
        return found


def _first_common(postings: Postings) -> Posting | None:
    """Return a term's first common posting (its own word's, when the lists hold it)."""
    return next((p for p in postings if len(p) > COMMON_POSTINGS), None)
