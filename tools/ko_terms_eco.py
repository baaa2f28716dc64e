"""Korean for the eco sector's page (merged into tools/ko_terms.py's table)."""

KO = {
    "Energy": "에너지",
    "Energy and peak demand": "에너지·최대수요",
    "Power now": "현재 전력",
    "15-minute window forecast": "15분 구간 예측",
    "Month's peak so far": "이달 최대수요 (현재까지)",
    "Energy by meter per day (this month)": "계량기별 일 사용량 (이번 달)",
    "Day": "일자",
    "Daily figures are the sums the monthly report prints: intervals ending that day, "
    "counter-proved or estimated from power.":
        "일 사용량은 월간 보고서와 같은 합계입니다: 그날 끝난 계량 구간의 합 (적산값으로 입증 또는 "
        "순시 전력으로 추정).",
    "The eco settings of this site have problems; see the site check.":
        "이 사업장의 생태공장 설정에 문제가 있습니다. 사이트 점검을 확인하십시오.",
    "window %1–%2, %3 min left": "구간 %1–%2, %3분 남음",
    "Forecast over the target of %1 kW: shed load now":
        "예측값이 목표 %1 kW를 넘습니다: 지금 부하를 줄이십시오",
    "Within the target of %1 kW": "목표 %1 kW 이내",
    "window from %1; billing demand %2 kW": "%1 시작 구간, 요금적용전력 %2 kW",
}
