"""Korean for the eco entry and GHG pages and the farm climate page (merged into
tools/ko_terms.py's table). Words an energy manager and a grower use: 원단위, 배출계수,
순발열량, 기준 대비, 지침 (a register's reading), 수증기압차 (VPD), 일적산광량 (DLI).
"""

KO = {
    # eco: entries
    "Entries": "기록 입력",
    "Recorded": "기록 시각",
    "Waste, fuel, production and meter swaps": "폐기물·연료 입고·생산량·계량기 교체 기록",
    "Each entry is kept in the record with your name and the time; it cannot be changed "
    "afterwards. Enter a correction as a new entry. The monthly report counts each entry in "
    "the month of its day.":
        "입력한 내용은 작성자와 시각과 함께 기록에 남으며 나중에 고칠 수 없습니다. 정정은 새 "
        "기록으로 입력하십시오. 월간 보고서는 각 기록을 해당 일자가 속한 달에 합산합니다.",
    "Waste type": "폐기물 종류",
    "Disposal route": "처리 방법",
    "Delivery day": "입고 일자",
    "Fuel": "연료",
    "Amount": "양",
    "Supplier": "공급처",
    "Production day": "생산 일자",
    "Quantity produced": "생산량",
    "Meter": "계량기",
    "Replaced at": "교체 일시",
    "Old meter's final reading": "기존 계량기 최종 지침",
    "New meter's first reading": "새 계량기 최초 지침",
    "New meter's serial number": "새 계량기 제조번호",
    "Waste": "폐기물",
    "Fuel delivery": "연료 입고",
    "Production": "생산량",
    "Meter replacement": "계량기 교체",
    "Weight (kg)": "무게 (kg)",
    "Weigh or take the amount from the disposal company's slip (올바로 인계서).":
        "계량하거나 처리업체 인계서(올바로)의 양을 입력하십시오.",
    "Fuel burnt on site (boiler, furnace, forklift): its emissions count as Scope 1 with the "
    "factors of its day.":
        "사업장에서 연소한 연료 (보일러, 가열로, 지게차): 그날의 배출계수로 Scope 1 배출량에 "
        "포함됩니다.",
    "Added to what the production counters recorded; enter only what no counter counts.":
        "생산 계수기가 기록한 수량에 더해집니다. 계수기로 세지 않는 생산량만 입력하십시오.",
    "Read both registers before and after the swap: the energy between the last reading and "
    "the swap is taken from the old meter's final reading.":
        "교체 전후에 두 계량기의 지침을 읽어 입력하십시오: 마지막 검침부터 교체까지의 사용량은 "
        "기존 계량기의 최종 지침으로 계산합니다.",
    "replaced %1": "%1 교체",
    "old %1 → new %2 %3": "기존 %1 → 새 %2 %3",
    "Note: say why the meter was replaced": "메모: 계량기를 교체한 사유를 적으십시오",
    "Not recorded: %1": "기록되지 않음: %1",
    "%1: below the old meter's last recorded reading, %2 at %3. Check the figure; nothing "
    "was recorded.":
        "%1: 기존 계량기의 마지막 기록 지침(%3, %2)보다 작습니다. 값을 확인하십시오. 기록하지 "
        "않았습니다.",
    "%1: nothing to choose from": "%1: 선택할 항목이 없습니다",
    "%1: cannot be later than now": "%1: 현재 시각보다 늦을 수 없습니다",
    "%1: cannot be later than today": "%1: 오늘보다 늦을 수 없습니다",
    "%1: must be more than 0": "%1: 0보다 커야 합니다",
    "%1: must not be negative": "%1: 음수일 수 없습니다",
    # eco: GHG and intensity
    "GHG": "온실가스",
    "Greenhouse gas and intensity": "온실가스 배출량과 원단위",
    "Scope 1 (fuel burnt on site)": "Scope 1 (직접 배출: 사업장 연료 연소)",
    "Scope 2 (electricity bought)": "Scope 2 (간접 배출: 구매 전력)",
    "Total (Scope 1 + 2)": "합계 (Scope 1 + 2)",
    "By scope, as the monthly report prints it (tCO2eq)":
        "배출 범위별 (월간 보고서와 같음, tCO2eq)",
    "Line": "항목",
    "Intensity by month against the baseline": "월별 원단위 (기준 대비)",
    "kWh per unit": "생산 단위당 kWh",
    "Produced": "생산량",
    "vs baseline": "기준 대비",
    "tCO2eq per unit": "생산 단위당 tCO2eq",
    "Emission factors used": "적용 배출계수",
    "Factor": "계수",
    "Factor value": "계수 값",
    "What it is": "구분",
    "used for a fuel delivery": "연료 입고분에 적용",
    "Electricity emission factor (%1 data)": "전력 배출계수 (%1년 기준)",
    "Fuel emission factor: %1, %2": "연료 배출계수: %1, %2",
    "Net calorific value: %1": "순발열량: %1",
    "Month": "월",
    "What was produced": "생산 제품",
    "Reason for replacing": "교체 사유",
    "Applied to": "적용 연도",
    "Source": "출처",
    "Scope 1 = fuel × net calorific value × emission factor; Scope 2 = kWh × the grid factor "
    "of the year the electricity was used (location-based). The factors are those the record "
    "says were applied; adding a new year's factor does not change a month already recorded.":
        "Scope 1 = 연료 사용량 × 순발열량 × 배출계수, Scope 2 = 전력 사용량(kWh) × 사용 연도의 "
        "전력 배출계수 (위치 기반). 배출계수는 기록 당시 적용되어 기록에 남은 값이며, 새 연도의 "
        "계수를 추가해도 이미 기록된 달은 바뀌지 않습니다.",
    "metered fuel %1 t, deliveries %2 t": "연료 계량 %1 t, 연료 입고 %2 t",
    "%1 kWh of electricity": "전력 %1 kWh",
    "tCO2eq = tonnes of CO2 equivalent": "tCO2eq = 이산화탄소 환산 톤",
    "of which %1: %2 %3": "그중 %1: %2 %3",
    "(so far)": "(현재까지)",
    "baseline %1 kWh per unit": "기준 원단위 %1 kWh/단위",
    # farm: VPD and light
    "VPD and light": "VPD·광량",
    "Day before": "전날",
    "Day after": "다음날",
    "Today": "오늘",
    "today": "오늘",
    "VPD and daily light": "수증기압차(VPD)와 일적산광량(DLI)",
    "VPD through the day (kPa); green: the band where it applies; grey: night":
        "하루 동안의 수증기압차 VPD (kPa) — 녹색: 관리범위 (적용 시간), 회색: 야간",
    "Daily light integral, last 14 days (mol/m²/day); shaded: the crop's target":
        "최근 14일 일적산광량 DLI (mol/m²/일) — 색칠한 범위: 작물의 목표",
    "This zone has no air temperature and humidity pair: no VPD.":
        "이 동에는 기온·습도 센서가 함께 있지 않아 VPD를 계산하지 않습니다.",
    "No VPD recorded on this day.": "이 날 기록된 VPD가 없습니다.",
    "Lowest %1, highest %2, latest %3 kPa (at %4).":
        "최저 %1, 최고 %2, 마지막 %3 kPa (%4).",
    "Band %1 kPa; outside it for %2 min while it applied.":
        "관리범위 %1 kPa, 적용 시간 중 범위를 벗어난 시간 %2분.",
    "No VPD band is set for this zone.": "이 동에는 VPD 관리범위가 설정되어 있지 않습니다.",
    "VPD by the Tetens formula (FAO-56) from air temperature and humidity.":
        "VPD는 기온과 상대습도로 Tetens 식(FAO-56)에 따라 계산합니다.",
    "so far": "현재까지",
    "target %1–%2": "목표 %1–%2",
    "This zone has no light sensor: no DLI.": "이 동에는 광 센서가 없어 DLI를 계산하지 않습니다.",
    "Days with a figure: %1 of %2.": "값이 있는 날: %2일 중 %1일.",
    "Below the target: %1 days; above: %2 days.": "목표 미달 %1일, 목표 초과 %2일.",
    "No DLI target is set for this crop.": "이 작물에는 DLI 목표가 설정되어 있지 않습니다.",
    "DLI = light summed over the day from %1 (a day with no light reading has no bar).":
        "DLI = %1부터 하루 동안 받은 광량의 합 (광 측정값이 없는 날은 막대가 없습니다).",
}
