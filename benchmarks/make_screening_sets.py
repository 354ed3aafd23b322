"""Generate tests/data/screening/generated.jsonl from the real 2025-04-19 UN list.

The variations are mechanical and written here independently of the matcher's tables:
its own small maps of Southern and folk respellings of DPRK syllables and surnames,
orders and joins of given names, the names of Korea, legal suffixes, voicing and
spacing of Korean words in organisation names. Negatives change one given-name
syllable (persons) or the proper noun (organisations) and are checked against every
listed DPRK name, so that they name no listed entry.

    python benchmarks/make_screening_sets.py [--list FILE] [--out FILE] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from wgdesk import config
from wgdesk.screening.lists import load_un_xml
from wgdesk.screening.model import EntityType, Entry

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = {
    "ri": ["Lee", "Yi", "Rhee"],
    "pak": ["Park", "Bak"],
    "choe": ["Choi", "Choy"],
    "kim": ["Kim", "Gim"],
    "jo": ["Cho", "Jo"],
    "cho": ["Jo", "Cho"],
    "jang": ["Jang", "Chang"],
    "chang": ["Jang"],
    "kang": ["Kang", "Gang"],
    "yun": ["Yoon"],
    "ryu": ["Yoo", "Yu"],
    "han": ["Han", "Hahn"],
    "son": ["Sohn"],
    "mun": ["Moon"],
    "paek": ["Baek", "Paik"],
    "ko": ["Koh", "Go"],
    "hyon": ["Hyun"],
    "jon": ["Jeon", "Chun"],
    "chu": ["Joo", "Ju"],
    "ku": ["Koo", "Gu"],
    "pae": ["Bae"],
    "min": ["Min"],
    "hwang": ["Hwang"],
    "ra": ["Na", "La"],
    "yon": ["Yeon"],
    "yu": ["Yoo"],
}
SYLLABLES = {
    "chol": ["cheol", "chul"],
    "song": ["seong", "sung"],
    "yong": ["young", "yeong"],
    "jong": ["jeong", "jung"],
    "chong": ["cheong", "jung"],
    "hyok": ["hyeok", "hyuk"],
    "kyong": ["gyeong", "kyung"],
    "myong": ["myeong", "myung"],
    "pyong": ["byeong", "byung"],
    "byong": ["byeong"],
    "gon": ["geon"],
    "kon": ["geon"],
    "chon": ["cheon"],
    "jon": ["jeon"],
    "yon": ["yeon"],
    "su": ["soo"],
    "u": ["woo"],
    "hun": ["hoon"],
    "chun": ["choon"],
    "sik": ["shik"],
    "kyu": ["gyu"],
    "tong": ["dong"],
    "to": ["do"],
    "bom": ["beom"],
    "pom": ["beom"],
    "kwang": ["gwang"],
    "kil": ["gil"],
    "ung": ["woong"],
    "sok": ["seok", "suk"],
    "pong": ["bong"],
    "mun": ["moon"],
    "kuk": ["guk", "kook"],
    "guk": ["kook"],
    "hyon": ["hyeon", "hyun"],
    "won": ["weon"],
    "mu": ["moo"],
    "sop": ["seop", "sub"],
    "un": ["eun"],
    "chin": ["jin"],
    "son": ["seon"],
}
OTHER_SYLLABLES = [
    "min",
    "ho",
    "su",
    "il",
    "chol",
    "nam",
    "song",
    "yong",
    "jin",
    "hyok",
    "gil",
    "sik",
    "chun",
    "man",
    "kwang",
    "jong",
    "hak",
    "pil",
    "dok",
    "rim",
    "sam",
    "hui",
]
KOREA_NAMES = ["Choson", "Chosun", "DPRK", "Korean", "Korea"]
LEGAL_SWAPS = {
    "corporation": ["Corp", "Corp.", "Co"],
    "company": ["Co", "Co.", "Company Ltd"],
    "co": ["Company"],
    "ltd": ["Limited"],
    "limited": ["Ltd"],
}
ENGLISH = frozenset(
    """
    trading corporation bank banking general development shipping company co ltd limited of
    the and for trade international technology technical import export equipment complex
    insurance national credit commercial joint venture machinery marine overseas project
    group companies associated united foreign center centre committee space academy natural
    sciences second ministry bureau department office energy industry atomic military
    commission central workers party people's army force strategic rocket management
    maritime ocean oil jv economics finance mining affairs research institute & se corp pte
    inc defence defense agitation propaganda guidance organization reconnaissance supplies
    munitions aerospace administration studio art world freight tool tools solid plant
    machine global trust floor third unit division command east sea land pine green leader
    hong kong electronics kish care first energy dongfeng shanghai huaxin hongkong weihai
    shen zhong yuk tung pro gain kingly won koti omm dcb fbt ftb kcst mpaf pad ogd cmc gbae
    gdae maei nada nata mid rgb kkbc knic komid ncg sansri
    """.split()  # noqa: SIM905 - a word list reads best as text
)
OTHER_WORDS = [
    "Hanbit",
    "Mirae",
    "Saebyol",
    "Haebit",
    "Sinhung",
    "Unha",
    "Pyonghwa",
    "Chonji",
    "Kumbit",
    "Taeyang",
    "Sobaeksu",
    "Ryonggang",
    "Hwasong",
    "Sonbong",
    "Manpung",
    "Kalma",
]
VOICING = {"k": "g", "t": "d", "p": "b", "ch": "j", "g": "k", "d": "t", "b": "p", "j": "ch"}
_SYLLABLE = re.compile(
    r"(?:ch|ph|th|kh|ts|[bcdfghjklmnprstvz])?(?:[aeiou]|y[aeiou]|w[aeiou])+(?:ng(?![aeiouyw])|[klmnpt](?![aeiouyw]))?"
)


def words(entry: Entry) -> list[str]:
    """Return the entry's primary name as lower-case words without apostrophes."""
    return re.sub(r"['’]", "", entry.name).lower().replace("-", " ").split()


def person_variants(entry: Entry, rng: random.Random) -> list[str]:
    """Return three respellings of a listed Korean person's name."""
    parts = words(entry)
    surname, given = parts[0], parts[1:]
    if surname not in SURNAMES or not 1 <= len(given) <= 3:
        return []

    def respell(syllable: str) -> str:
        options = SYLLABLES.get(syllable)
        return rng.choice(options) if options and rng.random() < 0.8 else syllable

    out = []
    for style in rng.sample(["hyphen", "joined_last", "comma", "spaced_first"], 3):
        s = rng.choice(SURNAMES[surname])
        g = [respell(x) for x in given]
        if style == "hyphen":
            out.append(f"{s} {'-'.join(g).capitalize()}")
        elif style == "joined_last":
            out.append(f"{''.join(g).capitalize()} {s}")
        elif style == "comma":
            out.append(f"{s.upper()}, {' '.join(x.capitalize() for x in g)}")
        else:
            out.append(f"{s} {' '.join(x.capitalize() for x in g)}")
    return out


def canonical(syllable: str) -> str:
    """Return a syllable's DPRK form, so respellings compare equal."""
    for base, options in SYLLABLES.items():
        if syllable == base or syllable in options:
            return base
    return syllable


def person_negative(entry: Entry, listed: set[tuple[str, ...]], rng: random.Random) -> str | None:
    """Return the name with one given syllable changed, when that names no listed person."""
    parts = words(entry)
    surname, given = parts[0], parts[1:]
    if surname not in SURNAMES or not 2 <= len(given) <= 3:
        return None
    for _ in range(20):
        position = rng.randrange(len(given))
        other = rng.choice(OTHER_SYLLABLES)
        if canonical(other) == canonical(given[position]):
            continue
        changed = [*given]
        changed[position] = other
        if (surname, *map(canonical, changed)) in listed:
            continue
        return f"{rng.choice(SURNAMES[surname])} {' '.join(x.capitalize() for x in changed)}"
    return None


def syllables_of(word: str) -> list[str] | None:
    """Cut a romanized Korean word into syllables, or None when it does not cut cleanly."""
    found = _SYLLABLE.findall(word)
    return found if "".join(found) == word and len(found) >= 2 else None


def respell_word(word: str, rng: random.Random) -> str:
    """Respell a Korean word of an organisation name: voicing, hyphens or spaces."""
    syllables = syllables_of(word)
    if syllables is None:
        return word
    changed = []
    for i, syllable in enumerate(syllables):
        head = next(
            (v for v in ("ch", "k", "t", "p", "g", "d", "b", "j") if syllable.startswith(v)), None
        )
        if i > 0 and head and rng.random() < 0.5:
            syllable = VOICING[head] + syllable[len(head) :]
        changed.append(syllable)
    joiner = rng.choice(["", "-", " "])
    return joiner.join(changed)


def entity_variant(entry: Entry, rng: random.Random) -> str | None:
    """Return a respelling of a listed organisation's name, or None if nothing changed."""
    out = []
    for word in words(entry):
        if word in ("korea", "korean"):
            out.append(rng.choice(KOREA_NAMES))
        elif word in LEGAL_SWAPS and rng.random() < 0.7:
            out.append(rng.choice(LEGAL_SWAPS[word]))
        elif word not in ENGLISH and word.isalpha():
            out.append(respell_word(word, rng))
        else:
            out.append(word)
    variant = " ".join(out)
    variant = variant.title() if rng.random() < 0.5 else variant.upper()
    return variant if variant.lower() != entry.name.lower() else None


def entity_negative(entry: Entry, proper: set[str], rng: random.Random) -> str | None:
    """Return the name with its Korean proper noun replaced by an unlisted one."""
    parts = words(entry)
    nouns = [
        i
        for i, w in enumerate(parts)
        if w not in ENGLISH and w.isalpha() and w not in ("korea", "korean")
    ]
    if not nouns or len(parts) < 2:
        return None
    candidates = [w for w in OTHER_WORDS if w.lower() not in proper]
    parts[rng.choice(nouns)] = rng.choice(candidates)
    return " ".join(p.capitalize() for p in parts)


def main() -> int:
    """Write the generated set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--list",
        type=Path,
        default=config.shared_dir() / "data" / "sanctions" / "un_consolidated_2025-04-19.xml",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tests" / "data" / "screening" / "generated.jsonl"
    )
    parser.add_argument("--seed", type=int, default=20250419)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries = [e for e in load_un_xml(args.list).entries if e.ref.startswith("KP")]
    persons = [e for e in entries if e.type == EntityType.PERSON]
    orgs = [e for e in entries if e.type != EntityType.PERSON]
    listed = {
        (w[0], *map(canonical, w[1:]))
        for e in persons
        for n in e.names
        for w in [re.sub(r"['’]", "", n.value).lower().replace("-", " ").split()]
        if w
    }
    proper = {
        w for e in orgs for n in e.names for w in re.sub(r"['’]", "", n.value).lower().split()
    }
    rows: list[tuple[str, str, str | None]] = []
    for entry in persons:
        rows += [(v, "lat", entry.ref) for v in person_variants(entry, rng)]
        negative = person_negative(entry, listed, rng)
        if negative:
            rows.append((negative, "neg", None))
    for entry in orgs:
        for _ in range(2):
            variant = entity_variant(entry, rng)
            if variant:
                rows.append((variant, "ent", entry.ref))
        negative = entity_negative(entry, proper, rng)
        if negative:
            rows.append((negative, "neg", None))
    seen: set[str] = set()
    with args.out.open("w", encoding="utf-8") as out:
        for i, (name, category, expect) in enumerate(rows):
            if name in seen:
                continue
            seen.add(name)
            out.write(
                json.dumps(
                    {"id": f"g{i:04d}", "name": name, "category": category, "expect": expect},
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"wrote {len(seen)} queries to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
