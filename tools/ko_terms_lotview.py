"""Korean for the manufacturing Lots page (lot list, process curves with their window,
the verdict with each criterion's numbers)."""

KO = {
    "Lots": "로트",
    "Lot": "로트",
    "Criterion": "기준",
    "Required": "요구 조건",
    "Measured": "측정 결과",
    "Result": "결과",
    "Lots that ended in the last 7 days, newest first (the running lot is on the machine "
    "board). Choose one to see its process curves: the shaded band is the recipe's window. "
    "The verdict is worked out again from the record, as on the printed lot record.":
        "최근 7일 동안 끝난 로트입니다. 최근 것이 위에 있습니다 (진행 중인 로트는 설비 "
        "현황판에 있습니다). 로트를 고르면 공정 곡선이 나옵니다. 색칠된 띠가 처방의 공정 "
        "조건 범위입니다. 판정은 인쇄되는 로트 기록과 같이 기록에서 다시 계산합니다.",
    "Within window": "적합 (공정 조건 내)",
    "Out of window": "부적합 (공정 조건 이탈)",
    "No lot ended in the last 7 days.": "최근 7일 동안 끝난 로트가 없습니다.",
    "Lot %1 · %2 · %3": "로트 %1 · %2 · %3",
    "not met: %1": "미충족: %1",
    "%1; started by %2, ended by %3": "%1, 시작: %2, 종료: %3",
    "Start – end": "시작 – 종료",
    "Signed: %1": "서명: %1",
    "(no longer valid)": "(더 이상 유효하지 않음)",
    "pass": "적합",
    "FAIL": "부적합",
    "performed": "작성",
    "Green band: the window %1–%2 %3": "초록 띠: 공정 조건 범위 %1–%2 %3",
    "blue: the ramp %1–%2": "파란 영역: 승온 구간 %1–%2",
    "blue: the longest soak %1–%2 (%3)": "파란 영역: 가장 긴 연속 유지 %1–%2 (%3)",
    "No reading in this lot's span.": "이 로트 기간에 측정값이 없습니다.",
    "%1–%2 for at least %3 of the time": "%1–%2, 시간의 %3 이상",
    "min %1 / mean %2 / max %3; in band %4 (out %5, no data %6)":
        "최저 %1 / 평균 %2 / 최고 %3, 범위 내 %4 (이탈 %5, 데이터 없음 %6)",
    "no data": "데이터 없음",
    "%1–%2 held for at least %3": "%1–%2 연속 %3 이상 유지",
    "longest soak %1": "최장 연속 유지 %1",
    "%1 → %2 at %3–%4 per minute": "%1 → %2, 분당 %3–%4",
    "%1 per minute": "분당 %1",
    "ramp not completed in the lot": "로트 안에서 승온이 끝나지 않음",
    "gaps in current": "전류 데이터 끊김",
    "no arc-on data": "아크 데이터 없음",
    "automatic (lot rule)": "자동 (로트 규칙)",
}
