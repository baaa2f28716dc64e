"""Korean for the shell's event details (`desktop/ui/event_text.py`): what an alarm, a
silent sensor or a lost device says on the events page and the overview. A channel's
alarm limit is 관리기준 (never 한계기준, which is a CCP's critical limit)."""

KO = {
    "%1 — %2 (limit %3)": "%1 — %2 (관리기준 %3)",
    "back within the limit %1": "관리기준 %1 안으로 복귀",
    " (worst %1)": " (최대 이탈값 %1)",
    "limit removed": "관리기준 삭제됨",
    "no reading since %1": "%1 이후 측정값 없음",
    "readings again after %1": "%1 만에 측정값 다시 수신",
    "no-data alarm removed": "데이터 없음 경보 삭제됨",
    "no answer from the device": "장치 응답 없음",
    "the device answers again": "장치가 다시 응답함",
    " after %1": " (%1 만에)",
    "%1 s": "%1초", "%1 min": "%1분", "%1 h": "%1시간",
    "%1 × %2": "%1 %2회",
    "no answer": "응답 없음", "damaged answer (CRC)": "손상된 응답 (CRC)",
    "unreadable answer": "읽을 수 없는 응답", "device refused": "장치가 요청 거부",
    "value out of range": "측정 범위 밖 값", "port lost": "포트 끊김",
    "sensor fault": "센서 고장",
    "acknowledged by %1": "%1 확인", "reviewed": "검토", "approved": "승인",
    "%1 by %2": "%2 %1",
    # a sector's events on the shell's events page (HACCP's `describe_event`)
    "Sensor reading again": "센서 측정값 다시 수신",
    "Back within the critical limit": "한계기준 이내 복귀",
    "Conforms": "적합", "Does not conform": "부적합",
    "Metal detected, product rejected": "금속 검출 — 제품 배제",
    # farm events (`ZonesPage.describe_event`)
    "%1 back in band": "%1 관리 범위 안으로 복귀", "stage: %1": "생육단계: %1",
    # manufacturing events (`BoardPage.describe_event`)
    "%1: stop from %2, reason: %3": "%1: %2부터 정지, 사유: %3",
    "%1: lot %2 started": "%1: 로트 %2 시작", "%1: lot %2 ended": "%1: 로트 %2 종료",
    "%1: lot %2 within its process window": "%1: 로트 %2 공정 조건 적합",
    "%1: lot %2 out of its process window (%3)": "%1: 로트 %2 공정 조건 이탈 (%3)",
    "%1: %2, OEE %3": "%1: %2, 설비종합효율 %3",
    # eco-factory events (`EnergyPage.describe_event`)
    "Window from %1: forecast %2, target %3": "%1 시작 구간: 예측 %2, 목표 %3",
    "Window from %1 ended: average %2 (target %3)": "%1 시작 구간 종료: 평균 %2 (목표 %3)",
    "New billing peak %1 (window from %2)": "요금적용전력 갱신 %1 (%2 시작 구간)",
    "%1: no counter readings for %2 min": "%1: %2분 동안 적산값 검침 없음",
    "%1: no readings for %2 min, energy missing": "%1: %2분 동안 측정값 없음, 사용량 결측",
    "%1: the counter went back from %2 to %3": "%1: 적산값이 %2에서 %3(으)로 감소",
    "%1: meter replaced (%2 → %3)": "%1: 계량기 교체 (%2 → %3)",
    "%1: meter replaced": "%1: 계량기 교체",
    "Emission factors for %1 applied": "%1년 배출계수 적용",
}
