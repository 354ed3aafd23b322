"""The demo accounts: known passwords and TOTP secrets, for trying the desk locally only."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

DEMO_PASSWORD = "wgdesk-demo-2018"  # noqa: S105 - published demo credential, by design


@dataclass(frozen=True)
class DemoUser:
    """One demo account and the seat it holds."""

    username: str
    side: str
    role: str
    clearance: int
    name_ko: str
    name_en: str
    title_ko: str
    title_en: str
    ministry: str | None = None

    @property
    def totp_secret(self) -> str:
        """A fixed base32 secret derived from the username, so codes can be printed."""
        digest = hashlib.sha256(f"wgdesk-demo-totp:{self.username}".encode()).digest()
        return base64.b32encode(digest[:20]).decode("ascii")


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "lee.dohoon",
        "ROK",
        "co_chair",
        3,
        "이도훈",
        "Lee Do-hoon",
        "외교부 한반도평화교섭본부장",
        "Special Representative for Korean Peninsula Peace and Security Affairs",
        "mofa",
    ),
    DemoUser(
        "rok.delegate",
        "ROK",
        "delegate",
        2,
        "김민지",
        "Kim Min-ji",
        "외교부 북핵외교기획단 과장",
        "Director, North Korean Nuclear Affairs Planning, MOFA",
        "mofa",
    ),
    DemoUser(
        "rok.liaison",
        "ROK",
        "liaison",
        1,
        "박준호",
        "Park Jun-ho",
        "통일부 남북협력지구지원단 서기관",
        "Deputy Director, Inter-Korean Cooperation, MOU",
        "mou",
    ),
    DemoUser(
        "rok.secretariat",
        "ROK",
        "secretariat",
        2,
        "최서연",
        "Choi Seo-yeon",
        "워킹그룹 한국 측 간사",
        "ROK Secretariat of the Working Group",
        "mofa",
    ),
    DemoUser(
        "rok.observer",
        "ROK",
        "observer",
        0,
        "정하늘",
        "Jung Ha-neul",
        "국가안보실 참관인",
        "Observer, National Security Office",
        "nso",
    ),
    DemoUser(
        "stephen.biegun",
        "US",
        "co_chair",
        3,
        "스티븐 비건",
        "Stephen Biegun",
        "미국 국무부 대북정책특별대표",
        "U.S. Special Representative for North Korea",
        "state",
    ),
    DemoUser(
        "us.delegate",
        "US",
        "delegate",
        2,
        "에밀리 카터",
        "Emily Carter",
        "미국 국무부 한국과 부과장",
        "Deputy Director, Office of Korean Affairs, State",
        "state",
    ),
    DemoUser(
        "us.liaison",
        "US",
        "liaison",
        1,
        "대니얼 리드",
        "Daniel Reed",
        "미국 재무부 해외자산통제실 담당관",
        "Sanctions Policy Officer, OFAC, Treasury",
        "treasury",
    ),
    DemoUser(
        "us.secretariat",
        "US",
        "secretariat",
        2,
        "로라 첸",
        "Laura Chen",
        "워킹그룹 미국 측 간사",
        "U.S. Secretariat of the Working Group",
        "state",
    ),
    DemoUser(
        "us.observer",
        "US",
        "observer",
        0,
        "마이클 오스틴",
        "Michael Austin",
        "미국 국가안보회의 참관인",
        "Observer, National Security Council",
        "nsc",
    ),
)


def by_username(username: str) -> DemoUser:
    """Return the demo user with this username."""
    return next(u for u in DEMO_USERS if u.username == username)
