"""Words for the keys the eco sector's rows store, in Korean and English.

A row holds the key (`scrap_metal`, `recycle`); the page and the report say it in the
reader's language from here, so a Korean PDF from an English window reads the same.
"""

from __future__ import annotations

WASTE_TYPES = {"scrap_metal": ("Scrap metal", "고철·폐금속"),
               "waste_oil": ("Waste oil", "폐유"),
               "sludge": ("Sludge", "오니 (슬러지)"),
               "acid_alkali": ("Waste acid or alkali", "폐산·폐알칼리"),
               "plastic": ("Waste plastic", "폐합성수지"),
               "paper": ("Paper and cardboard", "폐지"),
               "wood": ("Wood and pallets", "폐목재"),
               "food": ("Food waste", "음식물류 폐기물"),
               "general": ("General waste", "일반 폐기물"),
               "other": ("Other", "기타")}
ROUTES = {"recycle": ("Recycling", "재활용"), "incinerate": ("Incineration", "소각"),
          "landfill": ("Landfill", "매립"), "other": ("Other", "기타")}
FUELS = {"natural_gas": ("City gas (LNG)", "도시가스 (LNG)"), "diesel": ("Diesel", "경유"),
         "lpg": ("LPG (propane)", "LPG (프로판)")}
REASONS = {"fault": ("Meter faulty", "계량기 고장"),
           "damaged": ("Meter damaged", "계량기 파손"),
           "inaccurate": ("Reads wrong (error found)", "계량 오차 발견"),
           "verification_due": ("Verification period ended", "검정 유효기간 만료"),
           "upgrade": ("Replaced by a better meter", "개선 (통신형 등으로 교체)"),
           "other": ("Other", "기타")}

CONTRACTS = {"ppa": ("Power purchase agreement (PPA)", "전력구매계약 (PPA)"),
             "rec": ("Renewable energy certificate (REC)", "재생에너지 공급인증서 (REC)"),
             "green_premium": ("Green premium (KEPCO)", "녹색프리미엄 (한전)"),
             "self_generation": ("Own generation on site", "자가 발전")}


def word(words: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A stored key in the window's language; a key we have no words for, as it is."""
    en_ko = words.get(key)
    if en_ko is None:
        return key
    return en_ko[1] if lang.startswith("ko") else en_ko[0]
