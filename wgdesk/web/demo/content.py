"""The demo working group's records: the ROK–US working group from its launch in 2018.

Texts are illustrative reconstructions for trying the desk, built around public facts
(launch in Washington on 20 November 2018; the Seoul meeting of 21 December 2018 before
the railway groundbreaking at Panmun Station on 26 December 2018). Side-only notes and
draft positions are invented.
"""

from __future__ import annotations

GROUP = {
    "name": ("한미 워킹그룹", "ROK–US Working Group"),
    "launched_on": "2018-11-20",
    "place": ("미국 워싱턴 D.C.", "Washington, D.C."),
}

SIDES = {
    "ROK": ("대한민국 대표단", "Republic of Korea delegation"),
    "US": ("미국 대표단", "United States delegation"),
}
# Where each delegation's members read times: Seoul and Washington.
SIDE_ZONES = {"ROK": "Asia/Seoul", "US": "America/New_York"}

# key -> side, (ko, en), joined on
MINISTRIES = {
    "mofa": ("ROK", ("외교부", "Ministry of Foreign Affairs"), "2018-11-20"),
    "mou": ("ROK", ("통일부", "Ministry of Unification"), "2018-11-20"),
    "nso": ("ROK", ("청와대 국가안보실", "National Security Office"), "2018-11-20"),
    "motie": ("ROK", ("산업통상자원부", "Ministry of Trade, Industry and Energy"), "2019-01-15"),
    "state": ("US", ("국무부", "Department of State"), "2018-11-20"),
    "nsc": ("US", ("국가안보회의", "National Security Council"), "2018-11-20"),
    "treasury": ("US", ("재무부", "Department of the Treasury"), "2018-11-20"),
    "commerce": ("US", ("상무부", "Department of Commerce"), "2019-01-15"),
}

TRACKS = [
    ("diplomacy", ("외교", "Diplomacy")),
    ("denuclearization", ("비핵화", "Denuclearization")),
    ("sanctions", ("대북제재 이행", "Implementation of sanctions")),
    ("inter-korean", ("유엔 제재 틀 내 남북협력", "Inter-Korean cooperation within UN sanctions")),
]

# key -> track, parent key, (title ko, en), (description ko, en), opened on
AGENDA = {
    "summit": (
        "diplomacy",
        None,
        ("2차 북미 정상회담 준비", "Preparations for a second US–DPRK summit"),
        (
            "정상회담 시기와 의제에 관한 양측 정보 공유",
            "Sharing what each side knows of the timing and agenda of a second summit.",
        ),
        "2018-11-20",
    ),
    "yongbyon": (
        "denuclearization",
        None,
        ("영변 핵시설 폐기와 상응조치", "Dismantlement of Yongbyon and corresponding measures"),
        (
            "9월 평양공동선언의 영변 관련 조항 후속 논의",
            "Follow-up to the Yongbyon clause of the September Pyongyang Joint Declaration.",
        ),
        "2018-11-20",
    ),
    "exemptions": (
        "sanctions",
        None,
        ("1718 위원회 제재 면제 신청", "Exemption requests to the 1718 Committee"),
        (
            "남북 협력사업에 필요한 물자의 제재 면제 신청 조율",
            "Coordinating exemption requests for goods that inter-Korean projects need.",
        ),
        "2018-11-20",
    ),
    "rail": (
        "inter-korean",
        None,
        ("남북 철도·도로 연결", "Inter-Korean railway and road connection"),
        (
            "판문점 선언에 따른 동·서해선 철도와 도로의 연결 및 현대화",
            "Connecting and modernising the east and west coast railways and roads, as agreed "
            "in the Panmunjom Declaration.",
        ),
        "2018-11-20",
    ),
    "rail-survey": (
        "inter-korean",
        "rail",
        (
            "경의선·동해선 북측 구간 공동조사",
            "Joint survey of the northern Gyeongui and Donghae lines",
        ),
        (
            "공동조사용 열차와 연료 반출에 대한 제재 면제 확보",
            "Securing exemptions for the survey train and the fuel taken north.",
        ),
        "2018-11-20",
    ),
    "rail-ceremony": (
        "inter-korean",
        "rail",
        (
            "판문역 착공식(2018년 12월 26일)",
            "Groundbreaking ceremony at Panmun Station (26 December 2018)",
        ),
        (
            "착공식 개최와 행사 물자 반출의 제재 저촉 여부 검토",
            "Holding the ceremony, and whether goods taken north for it touch the sanctions.",
        ),
        "2018-12-21",
    ),
    "families": (
        "inter-korean",
        None,
        ("이산가족 화상상봉", "Video reunions of separated families"),
        (
            "화상상봉 장비 반출에 필요한 제재 면제 검토",
            "Exemptions needed for the video equipment to be sent north.",
        ),
        "2018-11-20",
    ),
    "aid-travel": (
        "sanctions",
        "exemptions",
        (
            "인도적 지원 요원의 방북 제한 재검토",
            "Review of travel limits for humanitarian aid workers",
        ),
        (
            "미국 측의 인도적 지원 관련 여행 제한 완화 검토",
            "The US review of travel restrictions that hold up humanitarian aid.",
        ),
        "2018-12-21",
    ),
}

MEETINGS = {
    "launch": {
        "title": ("한미 워킹그룹 출범회의", "Launch meeting of the ROK–US Working Group"),
        "starts_at": "2018-11-20T14:00:00",
        "time_zone": "America/New_York",
        "place": ("미국 국무부(워싱턴 D.C.)", "U.S. Department of State, Washington, D.C."),
        "format": "in_person",
        "agenda": ["summit", "yongbyon", "exemptions", "rail-survey", "families"],
    },
    "seoul": {
        "title": ("한미 워킹그룹 서울 회의", "Working Group meeting in Seoul"),
        "starts_at": "2018-12-21T10:00:00",
        "time_zone": "Asia/Seoul",
        "place": ("외교부(서울)", "Ministry of Foreign Affairs, Seoul"),
        "format": "in_person",
        "agenda": ["rail-ceremony", "families", "aid-travel", "summit"],
    },
    "january": {
        "title": ("한미 워킹그룹 화상회의", "Working Group video conference"),
        "starts_at": "2019-01-17T09:00:00",
        "time_zone": "Asia/Seoul",
        "place": ("서울·워싱턴 화상 연결", "Seoul and Washington (video link)"),
        "format": "video",
        "agenda": ["families", "aid-travel", "rail"],
    },
}

MINUTES = {
    "launch": (
        "양측은 워킹그룹을 공식 출범시키고, 비핵화·제재 이행·남북협력에 관해 긴밀히 공조하기로 "
        "하였다. 한국 측은 남북 철도 공동조사 일정을 설명하고, 조사 열차와 연료 반출에 대한 "
        "1718 위원회 면제 신청 계획을 공유하였다. 미국 측은 공동조사를 지지하며 면제 신청에 "
        "협조하겠다고 밝혔다. 양측은 이산가족 화상상봉 장비에 대해서도 면제 절차를 검토하기로 "
        "하였다.",
        "The two sides formally launched the Working Group and agreed to coordinate closely on "
        "denuclearization, sanctions implementation and inter-Korean cooperation. The ROK side "
        "outlined the schedule of the joint railway survey and its plan to request 1718 "
        "Committee exemptions for the survey train and fuel. The US side supported the survey "
        "and offered to help with the request. Both sides will also look at the exemption "
        "procedure for video-reunion equipment.",
    ),
    "seoul": (
        "양측은 12월 26일 판문역에서 열리는 남북 철도·도로 연결 착공식 개최를 환영하였다. "
        "한국 측은 착공식이 실제 공사의 시작이 아니며, 행사에 필요한 물자는 제재 면제 절차를 "
        "거치겠다고 설명하였다. 미국 측은 인도적 지원 요원의 방북 제한을 재검토하고 있다고 "
        "밝혔다. 양측은 이산가족 화상상봉의 조속한 실현을 위해 협력하기로 하였다.",
        "The two sides welcomed the railway and road groundbreaking ceremony to be held at "
        "Panmun Station on 26 December. The ROK side explained that the ceremony does not start "
        "actual construction and that goods needed for it will go through the exemption "
        "procedure. The US side said it is reviewing travel restrictions on humanitarian aid "
        "workers. Both sides will work for early video reunions of separated families.",
    ),
}

# meeting, agenda item, (ko, en), classification
DECISIONS = [
    (
        "launch",
        "exemptions",
        (
            "양측은 남북 협력사업 관련 제재 면제 신청을 워킹그룹에서 사전 조율한다.",
            "Both sides will coordinate in the Working Group before any exemption request for an "
            "inter-Korean project is filed.",
        ),
        0,
    ),
    (
        "launch",
        "rail-survey",
        (
            "양측은 경의선·동해선 공동조사를 지지하며, 한국 측이 1718 위원회에 면제를 신청한다.",
            "Both sides support the joint survey of the Gyeongui and Donghae lines; the ROK side "
            "will request the 1718 Committee exemption.",
        ),
        0,
    ),
    (
        "seoul",
        "rail-ceremony",
        (
            "착공식은 예정대로 진행하며, 행사 물자는 면제 절차에 따라 반출한다.",
            "The groundbreaking ceremony goes ahead as planned; goods for it are taken north "
            "under the exemption procedure.",
        ),
        1,
    ),
]

# meeting, agenda item, (ko, en), owner username, due, status
ACTIONS = [
    (
        "launch",
        "rail-survey",
        ("공동조사 물자 면제 신청서 제출", "File the exemption request for the survey equipment"),
        "rok.delegate",
        "2018-11-23",
        "done",
    ),
    (
        "seoul",
        "rail-ceremony",
        (
            "착공식 반출 물자 목록을 미국 측에 전달",
            "Send the list of goods for the ceremony to the US side",
        ),
        "rok.liaison",
        "2018-12-24",
        "done",
    ),
    (
        "seoul",
        "aid-travel",
        (
            "인도적 지원 요원 방북 제한 재검토 결과 공유",
            "Share the outcome of the review of travel limits for aid workers",
        ),
        "us.delegate",
        "2019-01-15",
        "in_progress",
    ),
    (
        "seoul",
        "families",
        (
            "화상상봉 장비 목록과 면제 신청 초안 작성",
            "Draft the video-reunion equipment list and exemption request",
        ),
        "rok.liaison",
        "2019-01-31",
        "open",
    ),
    (
        "launch",
        "exemptions",
        (
            "인도적 물자 반출 관련 OFAC 지침 설명",
            "Brief the ROK side on OFAC guidance for humanitarian shipments",
        ),
        "us.liaison",
        "2018-12-14",
        "open",
    ),
]

# agenda item, side, (ko, en), status, classification
POSITIONS = [
    (
        "rail-ceremony",
        "ROK",
        (
            "착공식은 상징적 행사로 실제 공사 착수가 아니므로 제재에 저촉되지 않는다. 행사용 물자는 "
            "면제 절차를 밟는다.",
            "The ceremony is symbolic and starts no construction, so it does not breach the "
            "sanctions. Goods for the event will go through the exemption procedure.",
        ),
        "shared",
        0,
    ),
    (
        "rail-ceremony",
        "US",
        (
            "착공식 개최는 지지하나, 실제 공사와 자재 반입은 비핵화 진전과 제재 면제를 전제로 한다.",
            "We support holding the ceremony; actual construction and any transfer of materials "
            "depend on progress in denuclearization and on exemptions.",
        ),
        "shared",
        0,
    ),
    (
        "families",
        "ROK",
        (
            "화상상봉 장비는 인도적 목적에 한정되므로 신속한 면제가 필요하다.",
            "The video equipment serves a purely humanitarian purpose and should be exempted quickly.",
        ),
        "shared",
        0,
    ),
    (
        "families",
        "US",
        (
            "장비의 이중용도 여부를 확인한 뒤 면제를 지지할 수 있다. 내부적으로는 연내 처리를 목표로 한다.",
            "We can support an exemption once the equipment is checked for dual use. Internally we "
            "aim to clear it within the year.",
        ),
        "draft",
        1,
    ),
    (
        "yongbyon",
        "ROK",
        (
            "영변 폐기와 연락사무소 개설 등 상응조치를 묶어 단계적으로 접근하는 방안을 검토한다.",
            "Consider a phased approach pairing Yongbyon dismantlement with corresponding measures "
            "such as liaison offices.",
        ),
        "draft",
        2,
    ),
]

ALIGNMENTS = {"rail-ceremony": "close", "families": "pending", "rail-survey": "aligned"}

# username, (counterpart ko, en), (summary ko, en), date, (place ko, en), visibility,
# classification
ENGAGEMENTS = [
    (
        "stephen.biegun",
        ("강경화 외교부 장관", "Foreign Minister Kang Kyung-wha"),
        (
            "워킹그룹 서울 회의 결과와 2차 정상회담 준비 상황을 설명함.",
            "Briefed the minister on the Seoul meeting and on preparations for a second summit.",
        ),
        "2018-12-20",
        ("서울", "Seoul"),
        "shared",
        0,
    ),
    (
        "stephen.biegun",
        ("조명균 통일부 장관", "Unification Minister Cho Myoung-gyon"),
        (
            "착공식과 이산가족 화상상봉 추진 일정을 청취함.",
            "Heard the schedule for the groundbreaking ceremony and the video reunions.",
        ),
        "2018-12-21",
        ("서울", "Seoul"),
        "shared",
        0,
    ),
    (
        "lee.dohoon",
        ("청와대 국가안보실장", "Director of the National Security Office"),
        (
            "워킹그룹 논의 결과를 보고하고, 착공식 관련 대미 설명 논리를 협의함.",
            "Reported on the Working Group and agreed the line to take with Washington on the ceremony.",
        ),
        "2018-12-22",
        ("청와대(서울)", "Cheong Wa Dae, Seoul"),
        "side",
        1,
    ),
    (
        "us.delegate",
        ("상원 외교위원회 보좌진", "Senate Foreign Relations Committee staff"),
        (
            "제재 면제 절차와 워킹그룹 운영을 비공개로 설명함.",
            "Briefed committee staff privately on the exemption process and the Working Group.",
        ),
        "2019-01-08",
        ("워싱턴 D.C.", "Washington, D.C."),
        "side",
        0,
    ),
]

# author username, target (kind, key), body, visibility, classification
NOTES = [
    (
        "rok.delegate",
        ("agenda", "rail-ceremony"),
        "미국 측은 착공식 자체보다 이후 자재 반입에 민감함. 면제 신청 범위를 최소화할 것.",
        "side",
        1,
    ),
    (
        "us.delegate",
        ("agenda", "rail-ceremony"),
        "Seoul is keen to move fast on the railway. Keep the sequencing message: cooperation "
        "moves in step with denuclearization.",
        "side",
        1,
    ),
    (
        "us.secretariat",
        ("meeting", "seoul"),
        "Interpretation was consecutive; the Korean minutes are the reference text for this meeting.",
        "shared",
        0,
    ),
    (
        "rok.secretariat",
        ("meeting", "seoul"),
        "회의록 한국어본은 12월 24일까지 확정 예정.",
        "shared",
        0,
    ),
]

# Saved sanctions reviews: username, agenda item key, title (Korean, English), project
# file (YAML), visibility, classification. Each is reviewed by the rules engine when the demo loads,
# with the list store's lists when they are loaded (`make run` loads them first).
PROJECT_REVIEWS = [
    (
        "rok.delegate",
        "rail-survey",
        (
            "남북 철도 공동조사 (2018년 11~12월): 조사 열차와 연료",
            "Joint railway survey (Nov–Dec 2018): survey train and fuel",
        ),
        """title: Joint survey of the Gyeongui and Donghae railway lines
summary: >
  South and North Korean engineers survey about 1,200 km of northern track together,
  travelling on a South Korean survey train that returns after the survey.
start: 2018-11-30
end: 2018-12-17
parties:
  - {name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}
  - {name: Ministry of Unification, role: government sponsor, country: KR, type: organization}
  - {name: Ministry of Railways, role: counterpart, country: KP, type: organization}
items:
  - {id: loco, description: diesel locomotive hauling the survey train, hs: "8602.10", direction: to_dprk, quantity: 1, unit: pcs, value_usd: 2500000, temporary: true}
  - {id: coaches, description: passenger and sleeping coaches for the survey team, hs: "8605.00", direction: to_dprk, quantity: 4, unit: pcs, temporary: true}
  - {id: generator, description: diesel generator car equipment, hs: "8502.11", direction: to_dprk, quantity: 1, unit: pcs, temporary: true}
  - {id: fuel, description: diesel fuel for the locomotive and generator, hs: "2710.19", direction: to_dprk, quantity: 50, unit: t}
  - {id: instruments, description: track gauges and surveying instruments, hs: "9015.80", direction: to_dprk, quantity: 12, unit: set, temporary: true}
activities:
  - {id: survey, kind: other, description: "joint on-site survey of track, bridges and tunnels"}
exemption:
  requester: Republic of Korea
  channel: Permanent Mission of the Republic of Korea to the United Nations
  monitoring: The train and equipment return south with the survey team on 17 December 2018.
""",
        "shared",
        0,
    ),
    (
        "us.delegate",
        "families",
        (
            "화상 상봉 단말기: 미국 측 이중용도 점검 (초안)",
            "Video reunion terminals: US dual-use check (draft)",
        ),
        """title: Video reunions of separated families (US dual-use check)
summary: US working draft checking the video terminals and cameras for dual use before we support the exemption.
start: 2019-03-11
end: 2019-08-15
parties:
  - {name: Korean Red Cross, role: implementer, country: KR, type: organization}
  - {name: Red Cross Society of the DPR Korea, role: counterpart, country: KP, type: organization}
items:
  - {id: cameras, description: high-definition video cameras, hs: "8525.89", direction: to_dprk, quantity: 20, unit: pcs}
  - {id: codecs, description: video-conference terminals with encryption disabled, hs: "8517.62", direction: to_dprk, quantity: 10, unit: pcs}
  - {id: screens, description: large display monitors, hs: "8528.52", direction: to_dprk, quantity: 10, unit: pcs}
activities:
  - {id: reunions, kind: humanitarian_assistance, description: video reunions of separated families}
""",
        "side",
        1,
    ),
]

# Cooperation projects (issue 13), each carried through the workflow as far as its state:
# key -> proposing user, agenda item key, sponsor key, (title ko, en), (summary ko, en),
# project file (YAML, the engine's format), and the state the demo leaves it in.
RAIL_SURVEY_FILE = """start: 2018-11-30
end: 2018-12-17
parties:
  - {name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}
  - {name: Ministry of Unification, role: government sponsor, country: KR, type: organization}
  - {name: Ministry of Railways, role: counterpart, country: KP, type: organization}
items:
  - {id: loco, description: diesel locomotive hauling the survey train, hs: "8602.10", direction: to_dprk, quantity: 1, unit: pcs, value_usd: 2500000, temporary: true}
  - {id: coaches, description: passenger and sleeping coaches for the survey team, hs: "8605.00", direction: to_dprk, quantity: 4, unit: pcs, temporary: true}
  - {id: fuel, description: diesel fuel for the locomotive and generator, hs: "2710.19", direction: to_dprk, quantity: 50, unit: t}
  - {id: instruments, description: track gauges and surveying instruments, hs: "9015.80", direction: to_dprk, quantity: 12, unit: set, temporary: true}
activities:
  - {id: survey, kind: other, description: "joint on-site survey of track, bridges and tunnels"}
locations:
  - {name: Dorasan Station, country: KR}
  - {name: Panmun Station, country: KP}
  - {name: Sinuiju, country: KP, note: northern end of the Gyeongui line}
  - {name: Tumangang, country: KP, note: northern end of the Donghae line}
exemption:
  requester: Republic of Korea
  channel: Permanent Mission of the Republic of Korea to the United Nations
  monitoring: The train and equipment return south with the survey team on 17 December 2018.
"""

REUNION_FILE = """start: 2019-03-11
end: 2019-08-15
parties:
  - {name: Korean Red Cross, role: implementer, country: KR, type: organization}
  - {name: Red Cross Society of the DPR Korea, role: counterpart, country: KP, type: organization}
items:
  - {id: cameras, description: high-definition video cameras, hs: "8525.89", direction: to_dprk, quantity: 20, unit: pcs}
  - {id: codecs, description: video-conference terminals with encryption disabled, hs: "8517.62", direction: to_dprk, quantity: 10, unit: pcs}
  - {id: screens, description: large display monitors, hs: "8528.52", direction: to_dprk, quantity: 10, unit: pcs}
activities:
  - {id: reunions, kind: humanitarian_assistance, description: video reunions of separated families}
locations:
  - {name: Pyongyang, country: KP, note: reunion rooms of the DPRK Red Cross}
  - {name: Seoul, country: KR, note: Korean Red Cross headquarters}
"""

CEREMONY_FILE = """start: 2018-12-26
end: 2018-12-26
parties:
  - {name: Ministry of Unification, role: government sponsor, country: KR, type: organization}
  - {name: Ministry of Railways, role: counterpart, country: KP, type: organization}
items:
  - {id: stage, description: stage and sound equipment for the ceremony, hs: "8518.40", direction: to_dprk, quantity: 1, unit: set, temporary: true}
  - {id: heaters, description: portable heaters for the guests, hs: "8516.29", direction: to_dprk, quantity: 20, unit: pcs, temporary: true}
activities:
  - {id: ceremony, kind: other, description: groundbreaking ceremony for the railway and road connection}
locations:
  - {name: Panmun Station, country: KP}
"""

PROJECTS = {
    "rail-survey": {
        "user": "rok.liaison",
        "item": "rail-survey",
        "sponsor": "mou",
        "title": (
            "2018 남북 철도 공동조사 열차 운행",
            "Survey train north of the DMZ: the 2018 Gyeongui and Donghae rail survey",
        ),
        "summary": (
            "남북 기술진이 남측 조사열차로 북측 철도 약 1,200km를 함께 조사한다.",
            "Engineers of both Koreas ride a Southern train over some 1,200 km of northern "
            "track, inspecting rails, bridges and tunnels; the train comes back afterwards.",
        ),
        "file": RAIL_SURVEY_FILE,
        "state": "draft",
    },
    "families": {
        "user": "rok.delegate",
        "item": "families",
        "sponsor": "mou",
        "title": ("이산가족 화상상봉 장비 반출", "Video reunions of separated families: equipment"),
        "summary": (
            "화상상봉을 위한 카메라, 단말기, 화면을 북측 적십자에 반출한다.",
            "Cameras, terminals and screens sent to the DPRK Red Cross for video reunions.",
        ),
        "file": REUNION_FILE,
        "state": "submitted",
    },
    "ceremony": {
        "user": "rok.delegate",
        "item": "rail-ceremony",
        "sponsor": "mou",
        "title": (
            "판문역 철도·도로 착공식 행사 물자",
            "Goods for the groundbreaking ceremony at Panmun Station",
        ),
        "summary": (
            "착공식 무대, 음향 장비와 난방기를 일시 반출했다가 가져온다.",
            "Stage, sound equipment and heaters taken north for the ceremony and brought back.",
        ),
        "file": CEREMONY_FILE,
        "state": "approved",
    },
}
