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
}
