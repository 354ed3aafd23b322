"""Opaque record references (core/opaque.py): a keyed permutation of ids, one spelling each."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from django.urls import resolve, reverse
from hypothesis import given
from hypothesis import strategies as st

from wgdesk.web.core import opaque

IDS = st.integers(min_value=0, max_value=2**64 - 1)


@given(IDS)
def test_every_id_round_trips_through_its_reference(pk: int) -> None:
    ref = opaque.encode(pk)
    assert len(ref) == opaque.REF_LENGTH and ref.isalnum() and ref == ref.lower()
    assert opaque.decode(ref) == pk


def test_consecutive_ids_give_unrelated_references() -> None:
    refs = [opaque.encode(pk) for pk in range(1, 200)]
    assert len(set(refs)) == len(refs)
    assert refs != sorted(refs)  # no order to read the ids back from
    # Neighbouring ids share no long prefix (what a counter in disguise would show).
    assert max(len(_common(a, b)) for a, b in pairwise(refs)) < 6


def _common(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def test_the_key_decides_the_references(settings: Any) -> None:
    before = opaque.encode(42)
    settings.SECRET_KEY = "another signing key, another set of references"
    assert opaque.encode(42) != before
    assert opaque.decode(opaque.encode(42)) == 42


@pytest.mark.parametrize("bad", ["", "abc", "ABCDEFGHIJKLM", "0123456789abc", "abcdefghijklmn"])
def test_malformed_references_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        opaque.decode(bad)


def test_a_reference_has_one_spelling() -> None:
    ref = opaque.encode(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    # The last character carries one spare bit: its twin spelling decodes to the same
    # bytes, and is refused so that each record has one URL.
    twin = ref[:-1] + alphabet[alphabet.index(ref[-1]) ^ 1]
    with pytest.raises(ValueError):
        opaque.decode(twin)


def test_the_path_converter_reverses_and_resolves() -> None:
    url = reverse("decisions:detail", args=[5])
    assert url == f"/decisions/{opaque.encode(5)}/"
    assert resolve(url).kwargs == {"pk": 5}
    assert reverse("decisions:detail", kwargs={"pk": opaque.encode(5)}) == url
