"""The eco reports' words in Korean and English, and their number formats.

A report is made in one language (`ko` or `en`); records hold keys, these turn keys into
words. The digits a report shows are fixed here, so a test compares a hand calculation
with exactly what is printed.
"""

from __future__ import annotations

LANGS = ("ko", "en")

T: dict[str, tuple[str, str]] = {
    "monthly.title": ("월간 에너지·온실가스 보고서", "Monthly energy and GHG report"),
    "annual.title": ("연간 에너지·환경 성과 요약", "Annual energy and environment summary"),
    "plant": ("사업장", "Plant"),
    "period": ("기간", "Period"),
    "integrity": ("기록 무결성", "Record integrity"),
    "meters": ("계량기별 사용량", "Use by meter"),
    "meter": ("계량기", "Meter"),
    "kind": ("구분", "Kind"),
    "unit": ("단위", "Unit"),
    "quantity": ("사용량", "Quantity"),
    "estimated": ("추정분", "Estimated"),
    "missing": ("결측 구간", "Missing intervals"),
    "gaps": ("검침 공백", "Gaps"),
    "resets": ("초기화", "Resets"),
    "tco2eq": ("tCO2eq", "tCO2eq"),
    "kind.electricity": ("전력", "Electricity"),
    "kind.gas": ("가스", "Gas"),
    "kind.water": ("용수", "Water"),
    "kind.steam": ("스팀", "Steam"),
    "demand": ("최대수요전력 (15분)", "Peak demand (15 min)"),
    "target": ("목표 (계약) 전력", "Target (contract) demand"),
    "peak": ("월 최대 15분 평균", "Month's highest 15-min average"),
    "peak_at": ("최대 구간 시작", "Peak window start"),
    "warnings": ("목표 초과 예측 경보", "Forecast-over-target warnings"),
    "windows": ("구간 수", "Windows"),
    "billing": ("요금적용전력 (12개월 규칙)", "Billing demand (12-month rule)"),
    "billing_set": ("설정 월", "Set in"),
    "new_peaks": ("요금적용전력 갱신", "New billing peaks"),
    "ghg": ("온실가스 배출량", "GHG emissions"),
    "scope1_meters": ("Scope 1 (연료 계량)", "Scope 1 (metered fuel)"),
    "scope1_fuel": ("Scope 1 (연료 입고)", "Scope 1 (fuel deliveries)"),
    "scope2_loc": ("Scope 2 (위치 기반)", "Scope 2 (location-based)"),
    "scope2_mkt": ("Scope 2 (시장 기반)", "Scope 2 (market-based)"),
    "total": ("합계", "Total"),
    "factors": ("적용 배출계수", "Emission factors used"),
    "factor_id": ("계수", "Factor"),
    "value": ("값", "Value"),
    "source": ("출처", "Source"),
    "published": ("공표일", "Published"),
    "years": ("적용 연도", "Applied to"),
    "fallback": ("직전 연도 계수 대체", "earlier year's factor"),
    "factors.none": ("이 기간에 적용된 배출계수 기록 없음",
                     "no factors were applied in this period"),
    "daily": ("일별 사용량", "Use by day"),
    "day": ("일자", "Day"),
    "tou": ("계시별 요금 (수전 계량)", "Time-of-use cost (demand meter)"),
    "band": ("시간대", "Band"),
    "cost": ("요금", "Cost"),
    "water": ("용수", "Water"),
    "waste": ("폐기물", "Waste"),
    "waste_type": ("종류", "Type"),
    "route": ("처리 방법", "Disposal route"),
    "production": ("생산량", "Production"),
    "product": ("제품", "Product"),
    "intensity": ("원단위", "Intensity"),
    "kwh_per_unit": ("kWh / 생산 단위", "kWh per unit"),
    "t_per_unit": ("tCO2eq / 생산 단위", "tCO2eq per unit"),
    "baseline": ("기준", "Baseline"),
    "current": ("당해", "This year"),
    "change": ("증감", "Change"),
    "month": ("월", "Month"),
    "none": ("기록 없음", "none recorded"),
    "note.interval": ("사용량은 기간 안에서 끝난 계량 구간의 합계입니다 (기록된 파생 채널 합계와 같음). "
                      "추정분은 적산값으로 입증되지 않아 순시 전력을 적분한 값입니다.",
                      "Quantities are the sums of the meter intervals ending in the period "
                      "(equal to the sums of the recorded derived channels). Estimated: not "
                      "proved by the register, integrated from instantaneous power."),
    "note.factors": ("배출계수는 기록 당시 적용되어 기록에 남은 값입니다. 이후 추가된 계수는 이 보고서를 "
                     "바꾸지 않습니다.",
                     "Factors are those applied when the readings were recorded, as the record "
                     "holds them; factors added later do not change this report."),
    "page": ("쪽", "page"),
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"report language must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def t(lang: str, key: str) -> str:
    ko, en = T.get(key, (key, key))
    return ko if lang == "ko" else en


def qty(v: float | None) -> str:
    """Energy, gas, water quantities: two decimals (the record holds full precision)."""
    return "—" if v is None else f"{v:,.2f}"


def tco2(v: float | None) -> str:
    return "—" if v is None else f"{v:,.3f}"


def kw(v: float | None) -> str:
    return "—" if v is None else f"{v:,.1f}"


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:+.1f} %"


def ratio(v: float | None) -> str:
    """Intensities: four decimals, six below 1 (tCO2eq per part is a small number)."""
    if v is None:
        return "—"
    return f"{v:,.4f}" if abs(v) >= 1 else f"{v:.6f}"
