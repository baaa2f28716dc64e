"""Korean for strings the lead added while merging (see tools/ko_terms.py)."""

KO = {
    "Not signed: managers and administrators sign only with a PIN or password of at least "
    "%1 characters that is not trivial. Change it first in Settings → Users → Change my PIN "
    "or password.":
        "서명되지 않았습니다: 관리자와 시스템 관리자는 %1자 이상이고 쉽게 추측되지 않는 PIN "
        "또는 비밀번호로만 서명할 수 있습니다. 먼저 설정 → 사용자 → 내 PIN/비밀번호 변경에서 "
        "바꾸십시오.",
}
KO.update({
    "Contract or certificate number": "계약·인증서 번호",
    "Kind of renewable electricity": "재생에너지 전력 종류",
    "First day it covers": "적용 시작일",
    "Last day it covers": "적용 종료일",
    "Electricity it covers (kWh)": "적용 전력량 (kWh)",
    "Its emission factor (tCO2eq/MWh)": "배출계수 (tCO2eq/MWh)",
    "Issued by (supplier, certificate body)": "발급처 (공급사·인증기관)",
    "Renewable electricity contract": "재생에너지 전력 계약",
    "A PPA, REC or green premium: the kWh it covers count at its own factor in the "
    "market-based Scope 2, spread evenly over its days; the location-based figure does not "
    "change.":
        "PPA, REC 또는 녹색프리미엄: 적용 전력량은 그 배출계수로 시장 기반 Scope 2에 "
        "반영되며 적용 기간의 날짜에 고르게 나뉩니다. 위치 기반 값은 바뀌지 않습니다.",
})
KO.update({
    "Shifts": "근무조 수",
    "The week by machine (ended shifts)": "최근 7일 설비별 합계 (끝난 근무조)",
    "All machines": "전체 설비",
})
