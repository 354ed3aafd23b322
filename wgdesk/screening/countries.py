"""Country names and codes reduced to ISO 3166 alpha-2, for comparing nationalities.

Lists write countries their own way ("Korea, North", "Democratic People's Republic of
Korea", "Iran (Islamic Republic of)"), users write codes or short names ("KP", "DPRK").
ISO 3166 data comes from pycountry; the wordings it lacks are in
``data/country-aliases.tsv``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from wgdesk.screening.cache import word_cache

_NON_WORD = re.compile(r"[^\w]+")


def _simplify(text: str) -> str:
    """Lower-case and drop punctuation, so 'Korea, North' and 'korea north' compare equal."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


@cache
def _aliases() -> dict[str, str]:
    """Return the alias table: simplified name -> ISO alpha-2 code."""
    text = resources.files("wgdesk.screening").joinpath("data").joinpath("country-aliases.tsv")
    table: dict[str, str] = {}
    for line in text.read_text("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("alias\t"):
            continue
        alias, code = line.split("\t")
        table[_simplify(alias)] = code
    return table


@word_cache(4096)
def country_code(text: str) -> str | None:
    """Return the ISO alpha-2 code of a country name or code, or None when unknown."""
    simple = _simplify(text)
    if not simple:
        return None
    alias = _aliases().get(simple)
    if alias is not None:
        return None if alias == "-" else alias
    import pycountry  # imported on first use: most queries give no country

    try:
        country = pycountry.countries.lookup(text.strip())
    except LookupError:
        return None
    return str(country.alpha_2)


def is_placeholder(text: str) -> bool:
    """True for a wording that names no country ("na", "unknown"), which FtM would misread
    ("na" is Namibia's code)."""
    return _aliases().get(_simplify(text)) == "-"


def country_codes(values: tuple[str, ...]) -> frozenset[str]:
    """Return the ISO codes of the countries among ``values`` that are recognised."""
    return frozenset(c for c in (country_code(v) for v in values) if c)


def country_name(code: str) -> str | None:
    """Return the ISO 3166 name of an alpha-2 code ("PS" -> "Palestine, State of"), or None."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return None if country is None else str(getattr(country, "common_name", country.name))
