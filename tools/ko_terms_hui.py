"""Korean for the strings of room `hui` (HACCP manual entry, daily-log approval, CCP
critical limits in the window). 한계기준 is only ever a CCP's critical limit; a channel's
alarm limits are 관리기준."""

KO = {
    # manual entry
    "Confirm manual entry": "수기 입력 확인", "Record": "기록", "Back": "돌아가기",
    "value read": "읽은 값", "Choose a reason…": "사유 선택…",
    "details, e.g. hand thermometer no. 2": "상세 내용 (예: 수동 온도계 2번)",
    "Record by hand…": "수기 기록…", "Reason": "사유", "Details": "상세 내용",
    "Sensor failure": "센서 고장", "Calibration check": "교정 확인", "Power cut": "정전",
    "Other": "기타", "Verdict": "판정", "Entered by": "입력자",
    "The sensor is recording automatically: a value by hand now needs its reason in the "
    "details, and every report marks it.":
        "센서가 자동 기록 중입니다. 지금 수기로 입력하려면 상세 내용에 사유를 적어야 하며, "
        "모든 보고서에 그렇게 표시됩니다.",
    "The sensor is not recording: enter what the hand instrument reads.":
        "센서가 기록하지 않고 있습니다. 수동 측정기로 읽은 값을 입력하세요.",
    "Type the value you read.": "읽은 값을 입력하세요.",
    "The value must be a number, e.g. 81.5.": "측정값은 숫자여야 합니다 (예: 81.5).",
    "The value must lie between %1 and %2.": "측정값은 %1에서 %2 사이여야 합니다.",
    "Choose why the value is entered by hand.": "수기로 입력하는 사유를 선택하세요.",
    "Write the reason in the details.": "상세 내용에 사유를 적으세요.",
    "The sensor is recording: write in the details why a value by hand is needed.":
        "센서가 기록 중입니다. 수기 입력이 필요한 이유를 상세 내용에 적으세요.",
    "Within the critical limit (%1)": "한계기준 이내 (%1)",
    "OUTSIDE the critical limit (%1): record the corrective action on the Deviations page":
        "한계기준 이탈 (%1): 이탈 관리 화면에서 개선조치를 기록하세요",
    "Not judged from one value (critical limit: %1)": "측정값 하나로 판정하지 않음 (한계기준: %1)",
    "The sensor is recording automatically. This entry is marked on every report as made "
    "while the sensor was recording.":
        "센서가 자동 기록 중입니다. 이 입력은 모든 보고서에 '센서 정상 작동 중 수기 입력'으로 "
        "표시됩니다.",
    "When automatic recording is down, enter monitoring values by hand: type the value you "
    "read and choose why. Each entry is flagged as manual and carries your name, the time "
    "and the reason.":
        "자동 기록이 중단되면 모니터링 값을 수기로 입력하세요. 읽은 값을 직접 입력하고 사유를 "
        "고르세요. 각 입력은 수기로 표시되며 입력자, 시각, 사유가 함께 기록됩니다.",
}
KO.update({
    # daily-log approval
    "Daily log approval": "일지 결재", "Prepared": "작성", "Reviewed": "검토", "Approved": "승인",
    "Sign…": "서명…", "remarks printed in the sign-off box (optional)":
        "결재란에 인쇄될 결재 의견 (선택)",
    "Make the day's log (PDF)": "일지 만들기 (PDF)", "Open file": "파일 열기", "Day": "일자",
    "Remarks": "결재 의견",
    "The CCP monitoring log of a day, signed in order: prepared by the operator, reviewed "
    "and approved by managers (HACCP team leader), each with their own password. Times are "
    "in the site's time zone (%1). A change to that day's records after signing shows the "
    "signature as VOID here and on the printed log.":
        "하루의 CCP 모니터링 일지를 순서대로 서명합니다: 작업자가 작성하고, 관리자(HACCP 팀장)가 "
        "검토와 승인을 하며, 각자 자기 비밀번호로 서명합니다. 시각은 사업장 시간대(%1) 기준입니다. "
        "서명 후 그날의 기록이 바뀌면 이 화면과 인쇄된 일지에 서명이 무효로 표시됩니다.",
    "%1 (%2), %3": "%1 (%2), %3",
    "VOID — records changed after signing: %1": "무효 — 서명 후 기록 변경: %1",
    "not signed": "서명 없음",
    "Wrong password: nothing was signed.": "비밀번호가 틀립니다. 서명되지 않았습니다.",
    "The account is locked after too many wrong passwords: nothing was signed.":
        "비밀번호를 여러 번 틀려 계정이 잠겼습니다. 서명되지 않았습니다.",
    "Your role may not sign as %1: review and approval are for a manager (HACCP team "
    "leader).": "이 권한으로는 %1 서명을 할 수 없습니다. 검토와 승인은 관리자(HACCP 팀장)가 합니다.",
    "Not signed: %1": "서명되지 않음: %1",
    "CCP monitoring log of %1": "%1 CCP 모니터링 일지",
    "Signed as %1 by %2 (signature #%3).": "%2 님이 %1 서명했습니다 (서명 #%3).",
    "Making the log…": "일지를 만드는 중…", "Not made: %1": "만들지 못함: %1",
    "Made %1": "만듦: %1",
})
KO["The day %1 is not over yet: its log is signed after its last hour."] = \
    "%1 일자가 아직 끝나지 않았습니다. 일지는 그날의 마지막 시간이 지난 뒤에 서명합니다."
KO.update({
    # one vocabulary: alarm limits are 관리기준, a CCP's critical limit is 한계기준
    "Alarm limits: ": "관리기준: ", "No alarm limits": "관리기준 없음",
    "Channels and alarm limits": "채널 및 관리기준",
    "Alarm limits of %1": "%1 관리기준", "Alarm low": "관리 하한", "Alarm high": "관리 상한",
    "Say why the alarm limits change; the reason is recorded.":
        "관리기준을 바꾸는 사유를 입력하세요. 사유는 기록에 남습니다.",
    "Change alarm limits…": "관리기준 변경…",
    "Log in as a manager or administrator to change alarm limits.":
        "관리기준을 바꾸려면 관리자 또는 시스템 관리자로 로그인하세요.",
    "Only a manager or administrator can change alarm limits.":
        "관리기준은 관리자 또는 시스템 관리자만 바꿀 수 있습니다.",
    "Alarm limits of %1 changed.": "%1 관리기준이 변경되었습니다.",
    "%1 critical limit: %2": "%1 한계기준: %2",
    # CCP critical limit changed in the window
    "Change critical limit": "한계기준 변경", "Change critical limit…": "한계기준 변경…",
    "Critical limit now": "현재 한계기준", "New critical limit": "새 한계기준",
    "e.g. validated by the new heating study": "예: 새 가열 조건 검증 결과 반영",
    "re-enter your password to sign": "서명하려면 비밀번호를 다시 입력하세요",
    "Signed by": "서명자", "Password": "비밀번호",
    "The change applies at once, is saved to the site settings and is recorded with the old "
    "and new limit, the reason and your signature.":
        "변경은 바로 적용되고 사업장 설정에 저장되며, 이전 값과 새 값, 사유, 서명이 함께 "
        "기록됩니다.",
    "Sign and change": "서명하고 변경", "Cancel": "취소",
    "The new critical limit must be a number.": "새 한계기준은 숫자여야 합니다.",
    "Say why the critical limit changes.": "한계기준을 바꾸는 사유를 입력하세요.",
    "Enter your password to sign.": "서명하려면 비밀번호를 입력하세요.",
    "Only a manager (HACCP team leader) or an administrator can change a critical limit. "
    "Log in as one.":
        "한계기준은 관리자(HACCP 팀장) 또는 시스템 관리자만 바꿀 수 있습니다. 해당 계정으로 "
        "로그인하세요.",
    "Wrong password: the critical limit was not changed.":
        "비밀번호가 틀립니다. 한계기준은 바뀌지 않았습니다.",
    "Not changed: %1": "변경되지 않음: %1",
    "Critical limit of %1 is now %2 (signature #%3).":
        "%1 한계기준이 %2(으)로 변경되었습니다 (서명 #%3).",
})
KO.update({
    "Check recorded by %1. Failed: %2 — a deviation was opened: handle it on the Deviations "
    "page.": "%1 님의 점검이 기록되었습니다. 부적합: %2 — 이탈이 등록되었습니다. 이탈 관리 "
             "화면에서 처리하세요.",
    "Check recorded by %1: all results as they must be.":
        "%1 님의 점검이 기록되었습니다: 모든 결과 적합.",
    "1 = product rejected, 0 = passing": "1 = 제품 배제, 0 = 통과",
    "Rejecting": "배제 중", "Passing": "통과 중", "simulated device": "모의 장치",
})
