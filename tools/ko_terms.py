"""Korean for the UI's source strings, as used on Korean plant floors.

`python tools/ko_terms.py` fills every unfinished message of resources/i18n/deungdae_ko.ts
that has an entry here (run `pyside6-lupdate desktop/ui/*.py sectors/*/views.py -ts
resources/i18n/deungdae_ko.ts` first to pick up new strings). Messages without an entry
stay unfinished and show in English, so a missing term is visible, never wrong.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

KO = {
    # navigation and pages
    "Overview": "개요", "Trends": "추이", "Events": "이벤트", "Settings": "설정",
    "Devices": "장치", "Device": "장치", "General": "일반", "Language": "언어",
    # states
    "Normal": "정상", "ALARM": "경보", "SENSOR LOST": "센서 끊김",
    "No recent data": "최근 데이터 없음", "Waiting for data": "데이터 대기 중",
    "HIGH": "상한", "LOW": "하한", "DEVIATION": "이탈", "DEVICE LOST": "장치 끊김",
    "Connected": "연결됨", "Lost": "끊김",
    # tile and overview
    "low %1": "하한 %1", "high %1": "상한 %1", "Limits: ": "한계기준: ",
    "No limits": "한계기준 없음", "Connection": "연결", "Profile / port": "프로파일 / 포트",
    "Errors": "오류", "Last seen": "마지막 수신",
    "%1 channel(s) need attention": "%1개 채널 확인 필요",
    "%1 channel(s) without recent data": "%1개 채널 최근 데이터 없음",
    "Waiting for the first readings…": "첫 측정값을 기다리는 중…",
    "All %1 channels normal": "전체 %1개 채널 정상",
    # format
    "no reading yet": "측정값 없음", "%n s ago": "%n초 전", "%n min ago": "%n분 전",
    "%n h ago": "%n시간 전", "%n days ago": "%n일 전",
    "Deviation": "이탈", "Back within limits": "정상 복귀", "Acknowledged": "확인됨",
    "Sensor lost": "센서 끊김", "Sensor restored": "센서 복구", "Device lost": "장치 끊김",
    "Device restored": "장치 복구", "Device error": "장치 오류",
    "Corrective action": "개선조치", "Sign-off": "결재", "Settings changed": "설정 변경",
    "Manual entry": "수기 입력", "Note": "메모", "above high limit": "상한 초과",
    "below low limit": "하한 미달", "no signal": "신호 없음",
    # banner
    "Acknowledge": "경보 확인", "Show events": "이벤트 보기", "since %1": "%1부터",
    "+%1 more": "외 %1건", "Acknowledged, still open: ": "확인됨, 아직 진행 중: ",
    # charts
    "Custom…": "기간 지정…", "Live": "실시간", "%1 points": "%1개 점",
    "High limit %1": "상한 %1", "Low limit %1": "하한 %1",
    "Could not load history: %1": "이력을 불러오지 못했습니다: %1",
    "Custom range": "기간 지정", "From": "시작", "To": "끝",
    # events
    "All events": "전체 이벤트", "Deviations and sensor loss": "이탈 및 센서 끊김",
    "Acknowledgements, actions, sign-offs": "확인, 개선조치, 결재",
    "All channels": "전체 채널", "Search": "검색", "Time": "시각", "Event": "이벤트",
    "Channel / device": "채널 / 장치", "Details": "내용", "By": "작성자",
    "Follow-up": "후속 조치", "Corrective action…": "개선조치…", "Sign off…": "결재…",
    "acknowledged by %1": "%1 확인", "action by %1": "%1 개선조치",
    "signed (%1) by %2": "%2 결재(%1)", "reviewed": "검토", "approved": "승인",
    "Select a deviation or a lost sensor to acknowledge it, record an action or sign off.":
        "이탈 또는 센서 끊김을 선택하면 확인, 개선조치 기록, 결재를 할 수 있습니다.",
    # dialogs
    "Log in": "로그인", "Log out": "로그아웃",
    "No users yet: add them in Settings → Users.": "사용자가 없습니다: 설정 → 사용자에서 추가하세요.",
    "Name": "이름", "operator": "작업자", "manager": "관리자", "administrator": "시스템 관리자",
    "e.g. door left open during loading": "예: 입고 중 문이 열려 있었음",
    "What was done, e.g. door closed, product temperature checked":
        "조치 내용, 예: 문을 닫고 제품 온도를 확인함",
    "No product affected": "영향받은 제품 없음", "Product held for review": "제품 보류(검토)",
    "Product reworked": "제품 재가공", "Product discarded": "제품 폐기",
    "Cause": "원인", "Action taken": "조치 내용", "Product": "제품 처리", "Record": "기록",
    "Sign off": "결재", "Reviewed": "검토", "Approved": "승인", "Signed by": "서명자",
    "Meaning": "서명 의미", "Sign": "서명",
    # main window
    "Deungdae — %1": "등대 — %1", "Show window": "창 열기",
    "Stop recording and quit": "기록 중지 후 종료", "Deungdae is recording": "등대 기록 중",
    "Deungdae": "등대", "Still recording. Use the tray icon to open or quit.":
        "계속 기록 중입니다. 트레이 아이콘으로 열거나 종료하세요.",
    "Deungdae alarm": "등대 경보", "Not recorded": "기록되지 않음",
    "This could not be recorded: %1": "기록하지 못했습니다: %1",
    "Recording stopped: %1": "기록 중지됨: %1", "Recording": "기록 중",
    "%1 readings": "측정값 %1건", "Recording stopped": "기록 중지됨",
    "Recording stopped on an error": "오류로 기록 중지됨",
    "Sync: waiting (%1 to send)": "동기화: 대기 중 (전송 대기 %1건)",
    "Sync: not set up (offline only)": "동기화: 설정 안 됨 (오프라인 전용)",
    "Sync: sending (%1 to send)": "동기화: 전송 중 (남은 %1)",
    "Sync: offline, will retry (%1 waiting)": "동기화: 연결 끊김, 다시 시도 예정 (대기 %1)",
    "Sync: up to date (%1)": "동기화: 최신 상태 (%1)",
    "Sync: needs attention": "동기화: 확인 필요",
    "%1 records": "기록 %1건",
    "Register with a central platform in Settings → Central platform":
        "설정 → 중앙 플랫폼에서 중앙 플랫폼에 등록하세요",
    # central platform settings
    "Plant": "공장", "State": "상태", "Waiting to send": "전송 대기",
    "Last sent": "마지막 전송", "Last problem": "마지막 문제",
    "Register with a central platform": "중앙 플랫폼에 등록",
    "one-time code from the platform operator": "플랫폼 운영자가 준 1회용 코드",
    "Registration code": "등록 코드", "Register": "등록",
    "offline only: the record stays on this computer": "오프라인 전용: 기록은 이 컴퓨터에만 있습니다",
    "up to date": "최신 상태", "sending": "전송 중", "offline, will retry": "연결 끊김, 다시 시도 예정",
    "needs attention": "확인 필요", "events": "이벤트", "settings changes": "설정 변경",
    "user changes": "사용자 변경", "sign-ins": "로그인 기록", "signatures": "서명",
    "nothing": "없음",
    "Enter the platform's address and the code.": "플랫폼 주소와 코드를 입력하세요.",
    "Registering…": "등록 중…",
    "Registered as %1; the record is being sent.": "%1(으)로 등록되었습니다. 기록을 전송하고 있습니다.",
    "Not registered: %1": "등록되지 않음: %1",
    "Only a manager can sign off. Log in as a manager.":
        "결재는 관리자만 할 수 있습니다. 관리자로 로그인하세요.",
    # settings
    "Keep recording in the tray when the window is closed": "창을 닫아도 트레이에서 계속 기록",
    "Closing the window": "창 닫기", "Data folder": "데이터 폴더",
    # wizard
    "What does your plant do?": "공장은 어떤 일을 하나요?",
    "Pick the model closest to your plant. It comes with typical devices, channels and limits; you can change all of them later in Settings.":
        "우리 공장과 가장 비슷한 모델을 고르세요. 일반적인 장치, 채널, 관리기준이 함께 들어 있으며 나중에 설정에서 모두 바꿀 수 있습니다.",
    "Plant name": "공장 이름", "e.g. Hanbit Foods plant 2": "예: 한빛식품 2공장",
    "Connections found": "찾은 연결",
    "These are the serial (RS-485 / USB) ports on this computer. Plug in the converter and press Search again if yours is missing. Simulated devices need no port.":
        "이 컴퓨터의 시리얼(RS-485 / USB) 포트입니다. 보이지 않으면 변환기를 꽂고 다시 찾기를 누르세요. 시뮬레이션 장치는 포트가 필요 없습니다.",
    "Search again": "다시 찾기",
    "Simulated devices (demo, no hardware)": "시뮬레이션 장치 (데모, 하드웨어 없음)",
    "Give each device its port and its address (unit id, set on the device), then press Test to read it now.":
        "장치마다 포트와 주소(장치에 설정된 국번)를 지정한 뒤 시험을 눌러 바로 읽어 보세요.",
    "Port": "포트", "Unit id": "국번(Unit ID)", "Test result": "시험 결과", "Test": "시험",
    "not tested": "시험 전", "reading…": "읽는 중…",
    "no driver for this profile yet": "이 프로파일의 드라이버가 아직 없습니다",
    "Who works here?": "누가 일하나요?",
    "Add the people who acknowledge alarms and sign records. A manager can sign off; an operator can acknowledge and record corrective actions.":
        "경보를 확인하고 기록에 서명할 사람을 추가하세요. 관리자는 결재할 수 있고, 작업자는 경보 확인과 개선조치 기록을 할 수 있습니다.",
    "Role": "역할", "Add a person": "사람 추가", "Ready": "준비 완료",
    "Press Finish to start recording.": "완료를 누르면 기록을 시작합니다.",  # Qt: 완료(&F)
    "Model: %1": "모델: %1", "Devices: %1": "장치: %1", "People: %1": "사용자: %1",
    "Data folder: %1": "데이터 폴더: %1",
    "The record in this data folder already has users (%1): they are kept, and the people "
    "above are not added. Add others in Settings → Users.":
        "이 데이터 폴더의 기록에는 이미 사용자(%1)가 있습니다. 기존 사용자는 그대로 두고, "
        "위에 입력한 사람은 추가하지 않습니다. 다른 사람은 설정 → 사용자에서 추가하세요.",
    "The setup could not be saved: %1": "설정을 저장하지 못했습니다: %1",
    "choose the device's port": "장치의 포트를 고르세요",
    # settings tabs
    "Channels and limits": "채널 및 한계기준", "Users": "사용자",
    "Central platform": "중앙 플랫폼", "Data and backup": "데이터 및 백업",
    "To change these, edit %1 and restart; changes made in the window arrive with the audit trail.":
        "변경하려면 %1 파일을 고친 뒤 다시 시작하세요. 화면에서 바로 바꾸는 기능은 감사 추적 기능과 함께 제공됩니다.",
    "Id": "ID", "Profile": "프로파일", "Interval": "측정 주기", "Unit": "단위",
    "Low limit": "하한", "High limit": "상한", "Delay": "지연", "Lost after": "끊김 판정",
    "Address": "주소", "not registered": "등록 안 됨", "Plant id": "공장 ID",
    "Back up the record now…": "지금 기록 백업…", "Back up the record": "기록 백업",
    "Backing up…": "백업 중…", "Saved %1 (%2 MB)": "저장됨: %1 (%2 MB)",
    # HACCP sector pages (sectors/haccp/views.py)
    "CCP overview": "CCP 현황", "Deviations": "이탈 관리", "Check schedule": "점검 일정",
    "HACCP readiness": "스마트 HACCP 요건", "CCP": "CCP", "Status": "상태",
    "Critical limit: %1": "한계기준: %1", "manual": "수기", "automatic": "자동 기록",
    "by %1": "점검자 %1", "Last check: none yet": "최근 점검: 아직 없음",
    "Last check: %1 (%2)": "최근 점검: %1 (%2)",
    "Next check due: every batch, recorded automatically": "다음 점검: 배치마다 자동 기록",
    "Next check due: —": "다음 점검 예정: —", "Next check due: %1": "다음 점검 예정: %1",
    "Deviations not closed: %1": "미종결 이탈: %1건",
    "%1 CCP(s) out of control": "중요관리점(CCP) %1개 한계기준 이탈 중",
    "%1 deviation(s) not closed": "미종결 이탈 %1건", "%1 check(s) overdue": "점검 지연 %1건",
    "Loading…": "불러오는 중…",
    "All %1 CCPs within their critical limits": "중요관리점(CCP) %1개 모두 한계기준 이내",
    "Not closed": "미종결", "All deviations": "전체 이탈",
    "Acknowledge deviation": "이탈 확인", "Record corrective action…": "개선조치 기록…",
    "Verify and sign…": "검증 및 서명…", "verified by %1": "%1 검증",
    "%1 not closed": "미종결 %1건", "Select a deviation.": "이탈을 선택하세요.",
    "Next: acknowledge it.": "다음 단계: 이탈을 확인하세요.",
    "Next: record the cause, the action and what happens to the product.":
        "다음 단계: 원인, 개선조치, 제품 처리를 기록하세요.",
    "Next: a manager verifies and signs.": "다음 단계: 관리자(HACCP 팀장)가 검증하고 서명합니다.",
    "Closed: verified and signed.": "종결: 검증 및 서명 완료.",
    "%1 acknowledged by %2": "%1 %2 이탈 확인",
    "%1 corrective action by %2: cause: %3; action: %4; product: %5":
        "%1 %2 개선조치 — 원인: %3; 조치: %4; 제품 처리: %5",
    "signed %1 (signature #%2)": "%1 전자서명 (서명 #%2)", "no signature found": "서명 없음",
    "%1 verified by %2, %3": "%1 %2 검증, %3", "Verify": "검증",
    "Only a manager (HACCP team leader) can verify a deviation. Log in as a manager.":
        "이탈 검증은 관리자(HACCP 팀장)만 할 수 있습니다. 관리자로 로그인하세요.",
    "Verify and sign": "검증 및 서명",
    "Enter both the cause and the action taken.": "원인과 조치 내용을 모두 입력하세요.",
    "When automatic recording is down, enter monitoring values by hand. Each entry is "
    "flagged as manual and carries your name and the time.":
        "자동 기록이 중단되면 모니터링 값을 수기로 입력하세요. 모든 입력은 수기로 표시되며 "
        "입력자 이름과 시각이 함께 기록됩니다.",
    "1. Every CCP is recorded automatically": "1. 모든 CCP 자동 기록",
    "2. Records cannot be forged or altered": "2. 기록 위·변조 방지",
    "3. A critical-limit breach raises an alert and is logged": "3. 한계기준 이탈 시 경보 및 기록",
    "4. A manual fallback covers every recording stop": "4. 자동 기록 중단 시 수기 기록으로 대체",
    "Check again": "다시 점검", "Smart HACCP readiness": "스마트 HACCP 요건 점검",
    "The four things the certification agency checks for smart HACCP, each computed from "
    "the settings and the record.":
        "인증기관이 스마트 HACCP 심사에서 확인하는 네 가지 요건입니다. 각 항목은 설정과 "
        "기록에서 산출됩니다.",
    "Checking…": "점검 중…", "Met": "충족", "Not met": "미충족", "Checked at %1": "%1 점검",
    "Due": "예정 시각", "Check": "점검 항목", "Last done": "최근 실시",
    "Test-piece checks at their set times (each with its window), checks due at each "
    "CCP's monitoring frequency, and the next reading automatic recording must deliver. "
    "When automatic recording is down, record by hand on the Manual entry page.":
        "정해진 시각의 금속검출기 시편 점검(허용 시간 포함), CCP별 모니터링 주기에 따른 점검, "
        "자동 기록이 다음 측정값을 남겨야 하는 시각입니다. 자동 기록이 중단되면 수기 입력 "
        "화면에서 직접 기록하세요.",
    "(± %1 min)": "(± %1분)", "%1 by %2": "%1 %2", "%1 automatic": "%1 자동",
    "%1 check(s) due now": "지금 점검 예정 %1건", "No check due now": "지금 예정된 점검 없음",
    "Record check": "점검 기록",
    "Tick each result that was as it must be; an unticked result is recorded as failed "
    "(a deviation).":
        "정상인 결과에 표시하세요. 표시하지 않은 항목은 부적합(이탈)으로 기록됩니다.",
    "Check recorded by %1.": "%1 점검 기록 완료.",
    "e.g. probe broken, hand thermometer": "예: 탐침 고장, 수동 온도계 사용",
    "Record by hand": "수기 기록", "Value": "측정값",
    "Recorded %1 by %2 at %3, flagged as manual.": "%3 %2: %1 기록 (수기 표시).",
    "≥ %1 held for %2 s": "%1 이상 %2초 유지", "≤ %1 within %2 h": "%2시간 이내 %1 이하",
    "Fe and SUS test pieces rejected, product alone passes": "Fe·SUS 시편 검출, 제품 단독 통과",
    "(tolerated for %1 min)": "(허용 %1분)", "Within limit": "한계기준 이내",
    "Outside limit, within grace": "한계기준 벗어남 (허용 시간 내)",
    "No deviation": "이탈 없음",
    "Deviation not closed": "이탈 미종결", "LIMIT BREACHED": "한계기준 이탈",
    "AUTOMATIC RECORDING DOWN": "자동 기록 중단",
    "Open": "미확인", "Action recorded": "개선조치 완료", "Closed": "종결",
    "Critical limit exceeded": "한계기준 이탈", "Automatic recording stopped": "자동 기록 중단",
    "Temperature not reached": "기준 온도 미도달", "Held too short": "유지 시간 부족",
    "Cooling too slow": "냉각 지연", "Check missed": "점검 미실시",
    "Test-piece check failed": "시편 점검 부적합",
    "Hold": "보류", "Rework": "재가공", "Discard": "폐기", "Release": "출고",
    "Done": "완료", "Upcoming": "예정", "Due now": "점검 예정", "OVERDUE": "점검 지연",
    "Test-piece check": "시편 점검", "Monitoring check": "주기 점검",
    "Next automatic reading": "다음 자동 측정",
    "Fe test piece rejected": "Fe 시편 검출(배제)", "SUS test piece rejected": "SUS 시편 검출(배제)",
    "Product alone passes": "제품 단독 통과", "Fe on product rejected": "제품 위 Fe 시편 검출",
    "SUS on product rejected": "제품 위 SUS 시편 검출",
    # log in, e-signatures, users (records.users / records.signatures)
    "Loading the users…": "사용자 목록을 불러오는 중…", "Full name": "성명",
    "Login": "아이디", "Password or PIN": "비밀번호 또는 PIN", "Repeat": "다시 입력",
    "PIN or password": "비밀번호 또는 PIN", "New PIN or password": "새 비밀번호 또는 PIN",
    "There are no users in the record yet. Create the first administrator now; add everyone "
    "else in Settings → Users.": "기록에 등록된 사용자가 아직 없습니다. 먼저 시스템 관리자 계정을 "
    "만드세요. 다른 사람은 설정 → 사용자에서 추가합니다.",
    "The people listed in the site config (%1) no longer sign in there: each needs a login "
    "and password.": "사이트 설정 파일의 사람 목록(%1)으로는 더 이상 로그인할 수 없습니다. 각자 "
    "아이디와 비밀번호가 필요합니다.",
    "Create and log in": "만들고 로그인",
    "Choose or type your login, then enter your password or PIN.":
        "아이디를 고르거나 입력한 뒤 비밀번호 또는 PIN을 입력하세요.",
    "Enter a name and a login.": "성명과 아이디를 입력하세요.",
    "A password or PIN needs at least %1 characters.": "비밀번호 또는 PIN은 %1자 이상이어야 합니다.",
    "A PIN or password needs at least %1 characters.": "비밀번호 또는 PIN은 %1자 이상이어야 합니다.",
    "The two entries differ.": "두 번 입력한 값이 서로 다릅니다.",
    "Enter your login and your password or PIN.": "아이디와 비밀번호(또는 PIN)를 입력하세요.",
    "Wrong login or password.": "아이디 또는 비밀번호가 틀렸습니다.",
    "%1 attempt(s) left before the account locks.": "%1회 더 틀리면 계정이 잠깁니다.",
    "The account is now locked for %1 minutes.": "계정이 %1분 동안 잠겼습니다.",
    "This account is locked after %1 wrong passwords. Try again in %2 min or ask an "
    "administrator to unlock it.": "비밀번호를 %1회 틀려 계정이 잠겼습니다. %2분 뒤에 다시 "
    "시도하거나 시스템 관리자에게 잠금 해제를 요청하세요.",
    "This account is disabled. Ask an administrator.":
        "사용이 중지된 계정입니다. 시스템 관리자에게 문의하세요.",
    "Not logged in: %1": "로그인하지 못했습니다: %1",
    "Performed": "수행", "re-enter your password or PIN to sign":
        "서명하려면 비밀번호 또는 PIN을 다시 입력하세요",
    "Signing means re-entering your password. The signature records your printed name, the "
    "time (UTC), its meaning and a fingerprint of what you sign; if that record changes "
    "later, the signature shows as invalidated.": "전자서명은 비밀번호를 다시 입력하는 것입니다. "
    "서명에는 성명, 시각(UTC), 서명 의미와 서명한 기록의 해시가 남으며, 그 기록이 나중에 바뀌면 "
    "서명은 무효로 표시됩니다.",
    "Enter your password or PIN to sign.": "서명하려면 비밀번호 또는 PIN을 입력하세요.",
    "Signing…": "서명 중…",
    "Wrong password: nothing was signed or recorded.":
        "비밀번호가 틀렸습니다. 서명도 기록도 되지 않았습니다.",
    "Your account is locked after too many wrong passwords: nothing was signed. Ask an "
    "administrator to unlock it.": "비밀번호를 여러 번 틀려 계정이 잠겼습니다. 서명되지 "
    "않았습니다. 시스템 관리자에게 잠금 해제를 요청하세요.",
    "This account is disabled: nothing was signed.": "사용이 중지된 계정입니다. 서명되지 않았습니다.",
    "Your role may not sign with this meaning: nothing was signed.":
        "현재 역할로는 이 의미로 서명할 수 없습니다. 서명되지 않았습니다.",
    "Not signed: %1": "서명되지 않음: %1",
    "Add a user": "사용자 추가", "Reset the password of %1": "%1 비밀번호 재설정",
    "Add the people who acknowledge alarms and sign records, each with a login and a PIN or "
    "password of at least %1 characters (entered twice). The first person must be an "
    "administrator or a manager. An administrator manages users; a manager can sign off; an "
    "operator can acknowledge and record corrective actions.": "경보를 확인하고 기록에 서명할 "
    "사람을 추가하세요. 각자 아이디와 %1자 이상의 비밀번호 또는 PIN이 필요합니다(두 번 입력). 첫 "
    "번째 사람은 시스템 관리자 또는 관리자여야 합니다. 시스템 관리자는 사용자를 관리하고, 관리자는 "
    "결재하며, 작업자는 경보 확인과 개선조치를 기록합니다.",
    "Add at least one person: an administrator or a manager.":
        "시스템 관리자 또는 관리자를 한 명 이상 추가하세요.",
    "Row %1: enter both a name and a login.": "%1번째 줄: 이름과 아이디를 모두 입력하세요.",
    "%1: a login cannot contain spaces.": "%1: 아이디에는 공백을 넣을 수 없습니다.",
    "The login %1 is used twice.": "아이디 %1이(가) 두 번 쓰였습니다.",
    "%1: the PIN or password needs at least %2 characters.":
        "%1: 비밀번호 또는 PIN은 %2자 이상이어야 합니다.",
    "%1: the two PIN or password entries differ.": "%1: 두 번 입력한 비밀번호(PIN)가 서로 다릅니다.",
    "The first person must be an administrator or a manager.":
        "첫 번째 사람은 시스템 관리자 또는 관리자여야 합니다.",
    "Active": "사용 중", "Locked": "잠김", "Add a user…": "사용자 추가…",
    "Reset password…": "비밀번호 재설정…", "Disable": "사용 중지", "Unlock": "잠금 해제",
    "until %1": "%1까지", "yes": "예", "no (disabled)": "아니요 (사용 중지)",
    "Every change is recorded in the audit trail with the administrator's login.":
        "모든 변경은 시스템 관리자의 아이디와 함께 감사 추적에 기록됩니다.",
    "Log in as an administrator to add users, reset passwords, disable or unlock accounts.":
        "사용자 추가, 비밀번호 재설정, 계정 사용 중지·잠금 해제는 시스템 관리자로 로그인해야 합니다.",
    "Only an administrator can change users.": "사용자 변경은 시스템 관리자만 할 수 있습니다.",
    "Not changed: %1": "변경되지 않음: %1", "Saving…": "저장 중…",
    "%1 added.": "%1 추가됨.", "New password set for %1.": "%1의 새 비밀번호가 설정되었습니다.",
    "%1 disabled.": "%1 사용 중지됨.", "%1 unlocked.": "%1 잠금 해제됨.",
    "Disable %1? They can no longer log in or sign. Their records stay.":
        "%1 계정을 사용 중지할까요? 더 이상 로그인하거나 서명할 수 없습니다. 기존 기록은 그대로 "
        "남습니다.",
    # changing limits in Settings
    "Limits of %1": "%1 한계기준", "Delay (s)": "지연 (초)", "Hysteresis": "히스테리시스",
    "Lost after (s)": "끊김 판정 (초)", "none": "없음", "Reason": "변경 사유",
    "e.g. new product specification": "예: 신제품 규격 변경",
    "Not a number: %1": "숫자가 아닙니다: %1",
    "Say why the limits change; the reason is recorded.":
        "한계기준을 바꾸는 사유를 입력하세요. 사유는 기록에 남습니다.",
    "Change limits…": "한계기준 변경…",
    "A change applies at once, is saved to %1 and is recorded with the old and new values and "
    "who made it.": "변경은 즉시 적용되고 %1에 저장되며, 이전 값과 새 값, 변경한 사람이 기록에 "
    "남습니다.",
    "Log in as a manager or administrator to change limits.":
        "한계기준을 바꾸려면 관리자 또는 시스템 관리자로 로그인하세요.",
    "Only a manager or administrator can change limits.":
        "한계기준은 관리자 또는 시스템 관리자만 바꿀 수 있습니다.",
    "Limits of %1 changed.": "%1 한계기준이 변경되었습니다.",
}

# pkg: start-up (desktop/ui/app.py): one window per data dir, opening the record
KO.update({
    "Deungdae is already running": "등대가 이미 실행 중입니다",
    "Deungdae is already recording into this data dir:\n%1\n\nIt may be the background "
    "logger (no window) or Deungdae started by another user. Use that one, or stop it first.":
        "등대가 이미 이 데이터 폴더에 기록하고 있습니다:\n%1\n\n창 없이 도는 백그라운드 "
        "기록기이거나 다른 사용자가 실행한 등대일 수 있습니다. 그 프로그램을 쓰시거나 먼저 "
        "종료해 주십시오.",
    "Deungdae cannot open the record": "등대가 기록을 열 수 없습니다",
    "The record in %1 cannot be opened:\n\n%2": "%1의 기록을 열 수 없습니다:\n\n%2",
    "Opening the record…": "기록을 여는 중…",
})


def _room_terms() -> None:
    """Each room may keep its terms in `tools/ko_terms_<room>.py` (a `KO` dict of its own),
    so work on two rooms at once never edits the same lines of this table."""
    import importlib.util

    for path in sorted(Path(__file__).parent.glob("ko_terms_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        KO.update(module.KO)


_room_terms()


def fill(ts_path: Path) -> tuple[int, list[str]]:
    tree = ET.parse(ts_path)
    done, missing = 0, []
    for msg in tree.getroot().iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        if tr.get("type") in ("unfinished", None) and not (tr.text or "").strip() or \
                tr.get("type") == "unfinished":
            if src in KO:
                tr.text = KO[src]
                tr.attrib.pop("type", None)
                done += 1
            else:
                missing.append(src)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return done, missing


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/deungdae_ko.ts")
    n, missing = fill(path)
    print(f"filled {n}; still in English: {len(missing)}")
    for m in missing:
        print("  ", m)
