"""Korean for the smart-farm and manufacturing pages (sectors/farm/views.py,
sectors/manufacturing/views.py), as growers and shop foremen say it."""

KO = {
    # farm: zones
    "Zones": "동별 현황", "Zone": "동", "Greenhouse": "온실", "Mushroom house": "버섯 재배사",
    "Livestock house": "축사", "cycle %1": "작기 %1", "stage: %1": "생육단계: %1",
    "Day: day bands apply": "낮: 주간 관리범위 적용",
    "Night: night bands apply": "밤: 야간 관리범위 적용",
    "night from %1": "%1부터 밤", "day from %1": "%1부터 낮",
    "Sunrise %1, sunset %2": "일출 %1, 일몰 %2",
    "Air temperature": "기온", "Relative humidity": "상대습도", "CO₂": "CO₂",
    "Light (PPFD)": "광량 (PPFD)", "Solar radiation": "일사량", "Leaf temperature": "엽온",
    "Ammonia (NH₃)": "암모니아 (NH₃)", "Substrate moisture": "배지 함수율",
    "Substrate EC": "배지 EC", "Substrate pH": "배지 pH", "Drain EC": "배액 EC",
    "Drain pH": "배액 pH", "Outside temperature": "외기온",
    "Condensation risk now": "지금 결로 위험", "no": "아니요",
    "Tetens formula (FAO-56), from air temperature and humidity":
        "Tetens 식 (FAO-56), 기온과 습도로 계산",
    "Magnus formula (Sonntag)": "Magnus 식 (Sonntag)",
    "from the vapour pressure (ideal gas)": "수증기압으로 계산 (이상기체 식)",
    "light summed since the day start": "하루 시작부터 누적한 광량",
    "light summed over the last 24 hours": "최근 24시간 누적 광량",
    "(daily max + min) ÷ 2 − base temperature, counted when the day ends":
        "(일 최고 + 최저) ÷ 2 − 기준온도, 하루가 끝나면 계산",
    "air within the set margin of the dew point": "기온이 이슬점에 설정한 차이 이내로 접근",
    "day": "주간", "night": "야간", "all day": "종일",
    "no value": "값 없음", "outside": "범위 벗어남", "within": "범위 안",
    "Bands now:": "지금 적용되는 관리범위:", "No band applies now.": "지금 적용되는 관리범위 없음.",
    "%1 climate incident(s) open": "환경 이탈 %1건 처리 중",
    "Record cause and action…": "원인과 조치 기록…", "a band of this zone": "이 동의 관리범위",
    "below %1": "%1 미만", "above %1": "%1 초과", "%1 since %2": "%1 (%2부터)",
    "action by %1: %2": "조치 (%1): %2",
    "No harvest before %1 (sprayed: %2)": "%1 이전 수확 금지 (살포 약제: %2)",
    # farm: crop log
    "Crop log": "영농일지", "e.g. 2026 spring crop, or batch 3": "예: 2026 봄작기, 3회차 입식", "Entry": "기록 항목", "Batch": "입식 회차", "Crop cycle": "작기",
    "Record entry": "기록하기", "(optional)": "(선택)", "%1: required": "%1: 입력하세요",
    "%1: enter a whole number": "%1: 정수를 입력하세요", "%1: enter a number": "%1: 숫자를 입력하세요",
    "%1: at least %2": "%1: %2 이상이어야 합니다",
    "what happened and why": "무엇을 왜 했는지",
    "Each entry is kept in the record with your name and the time; it cannot be changed "
    "afterwards. Enter a correction as a new entry with a note.":
        "기록은 작성자 이름과 시각과 함께 보관되며 나중에 고칠 수 없습니다. 정정할 내용은 메모와 "
        "함께 새 기록으로 남기세요.",
    "Inside a pre-harvest interval: %1. The harvest is recorded as such; give the reason in "
    "the note.": "농약 안전사용기간 중입니다: %1. 수확은 그대로 기록되니 사유를 메모에 적으세요.",
    "%1 until %2": "%1 (%2까지)",
    "Give the reason in the note: the harvest is inside a pre-harvest interval.":
        "안전사용기간 중 수확입니다. 사유를 메모에 적으세요.",
    "%1 recorded by %2 at %3.": "%1 기록됨 (%2, %3).",
    "Not recorded: see the message above.": "기록되지 않았습니다. 위쪽 안내를 보세요.",
    "Crop": "작물", "Variety": "품종", "Plants": "주수", "Area (m²)": "면적 (m²)",
    "New stage": "새 생육단계", "Pesticide product": "농약명", "Active ingredient": "유효성분",
    "Dose": "희석량·사용량", "Dose unit": "사용량 단위", "Against (pest or disease)": "방제 대상 (병해충)",
    "Pre-harvest interval (days)": "안전사용기간 (수확 전 일수)", "Recipe": "처방",
    "EC target (dS/m)": "목표 EC (dS/m)", "pH target": "목표 pH", "Quantity": "수확량",
    "Grade": "등급", "Movement": "입식·출하", "Head": "두수", "Average weight (kg)": "평균 체중 (kg)",
    "Feed": "사료", "Amount (kg)": "급여량 (kg)", "Vaccine": "백신", "Route": "접종 방법",
    "Withdrawal period (days)": "휴약기간 (일)",
    "%1 plants": "%1주", "%1 head": "%1두", "no harvest before %1": "%1 이전 수확 금지",
    "inside a pre-harvest interval": "안전사용기간 중 수확", "note: %1": "메모: %1",
    # manufacturing: board
    "Machine board": "설비 현황판", "Machine": "설비",
    "Availability": "시간 가동률", "Performance": "성능 가동률", "Quality": "양품률",
    "OEE": "설비종합효율", "Enter stop reason…": "정지 사유 입력…",
    "since %1 (%2 min)": "%1부터 (%2분째)", "no state recorded yet": "아직 기록된 상태 없음",
    "Today: %1 good, %2 scrap": "오늘: 양품 %1개, 불량 %2개",
    "This shift (%1, since %2):": "이번 근무조 (%1, %2부터):",
    "No shift now: nothing is planned.": "지금은 근무 시간이 아닙니다 (계획 없음).",
    "Lot %1 · %2 · started %3 by %4": "로트 %1 · %2 · %3 시작 (%4)",
    "Lots start by themselves when %1 rises above %2 and end below %3.":
        "로트는 %1이(가) %2를 넘으면 자동으로 시작하고 %3 아래로 내려가면 끝납니다.",
    "Lots start by themselves when the signal rises above %2 and end below %3.":
        "로트는 신호가 %2를 넘으면 자동으로 시작하고 %3 아래로 내려가면 끝납니다.",
    "▲ Lot %1 left its process window (ended %2)": "▲ 로트 %1 공정 조건 이탈 (%2 종료)",
    "▲ %1 overdue since %2": "▲ %1: %2부터 기한 경과",
    "Action recorded (%1).": "조치 기록됨 (%1).",
    "Only a manager can verify and sign. Log in as a manager.":
        "검증·서명은 관리자만 할 수 있습니다. 관리자로 로그인하세요.",
    "End lot": "로트 종료", "No lot running.": "진행 중인 로트 없음.", "Start lot…": "로트 시작…",
    "%1 stop(s) without a reason (from %2)": "사유 없는 정지 %1건 (%2부터)",
    "%1: stopped at %2": "%1: %2에 정지",
    "Reason recorded: %1 (%2).": "정지 사유 기록됨: %1 (%2).",
    "Lot %1 ended by %2.": "로트 %1 종료 (%2).", "Lot %1 started by %2.": "로트 %1 시작 (%2).",
    "Start lot": "로트 시작", "Cancel": "취소", "Lot number": "로트 번호",
    "Enter the lot number.": "로트 번호를 입력하세요.",
    "This plant has no recipe to run a lot with.": "이 공장에는 로트에 쓸 작업 조건(레시피)이 없습니다.",
    "Stop reason": "정지 사유", "Record reason": "사유 기록",
    "Choose what stopped the machine (a line in bold is a group: choose one of its lines).":
        "설비가 멈춘 이유를 고르세요 (굵은 글씨는 분류입니다: 그 아래 항목을 고르세요).",
    "no shift now": "근무 시간 아님", "day shift": "주간조", "night shift": "야간조",
    "morning shift": "오전조", "afternoon shift": "오후조", "evening shift": "저녁조",
    # manufacturing: OEE by shift
    "OEE by shift": "근무조별 설비종합효율", "Day": "날짜", "Shift": "근무조",
    "Planned time": "계획 가동시간", "Running": "실가동시간", "Good": "양품", "Scrap": "불량",
    "Stops without reason": "사유 없는 정지", "Downtime": "정지 시간", "Stops": "정지 횟수",
    "Share": "비율", "Cumulative": "누적 비율", "(in progress)": "(진행 중)",
    "No reason entered": "사유 미입력",
    "Not in this plant's reason list: %1": "이 공장의 정지 사유 목록에 없는 사유: %1",
    "Downtime by reason (Pareto)": "정지 사유별 정지 시간 (파레토)",
    "The last 7 days, newest first; the shift in progress counts up to now. Availability = "
    "running ÷ planned time; performance = ideal cycle × pieces ÷ running; quality = good ÷ "
    "pieces; OEE = the three multiplied (ISO 22400).":
        "최근 7일, 최신순. 진행 중인 근무조는 지금까지를 셉니다. 시간 가동률 = 실가동시간 ÷ 계획 "
        "가동시간, 성능 가동률 = 기준 사이클 × 생산 수량 ÷ 실가동시간, 양품률 = 양품 ÷ 생산 수량, "
        "설비종합효율 = 세 값을 곱한 값 (ISO 22400).",
}
