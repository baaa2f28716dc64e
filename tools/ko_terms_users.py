"""Korean for the users room's strings: the audit trail page, Settings → Users, the
first-run wizard's users page and the signer secret rule (merged by tools/ko_terms.py)."""

KO = {
    # audit trail page
    "Audit trail": "감사 추적",
    "All kinds": "모든 구분",
    "Settings changes": "설정 변경",
    "User changes": "사용자 변경",
    "Failed sign-ins": "로그인 실패",
    "Corrections": "정정",
    "Signatures": "전자서명",
    "Everyone": "모든 사용자",
    "Entity or thing (e.g. limit, a login)": "대상 또는 항목 (예: limit, 아이디)",
    "to": "~",
    "Kind": "구분",
    "Who": "사용자",
    "What": "대상",
    "Action": "내용",
    "Old → new": "변경 전 → 후",
    "Reason / comment": "사유 / 의견",
    "Refresh": "새로 고침",
    "Save as CSV…": "CSV로 저장…",
    "Save as PDF…": "PDF로 저장…",
    "%1 entries": "%1건",
    "The last day is before the first day.": "마지막 날짜가 첫 날짜보다 앞입니다.",
    "Save the audit trail": "감사 추적 기록 저장",
    "Not saved: %1": "저장하지 못함: %1",
    "Saved %1": "%1 저장됨",
    # signer secret rule (Settings → Users, the wizard, the first administrator)
    "Managers and administrators sign records: at least %1 characters, not one repeated "
    "character, not a run like 123456 or 654321, not the login, not a common password.":
        "관리자와 시스템 관리자는 기록에 서명합니다: %1자 이상, 같은 글자 반복 불가, "
        "123456·654321 같은 연속 숫자 불가, 아이디 불가, 흔한 비밀번호 불가.",
    "Operators: at least %1 characters.": "작업자: %1자 이상.",
    "The PIN or password needs at least %1 characters for this role.":
        "이 역할의 PIN 또는 비밀번호는 %1자 이상이어야 합니다.",
    "A manager's or administrator's PIN cannot be one repeated character.":
        "관리자·시스템 관리자의 PIN은 같은 글자만 반복할 수 없습니다.",
    "A manager's or administrator's PIN cannot be a run like 123456 or 654321.":
        "관리자·시스템 관리자의 PIN은 123456이나 654321 같은 연속 숫자일 수 없습니다.",
    "The PIN or password cannot be the login.": "PIN 또는 비밀번호를 아이디와 같게 할 수 없습니다.",
    "This PIN or password is too common; choose another.":
        "너무 흔한 PIN 또는 비밀번호입니다. 다른 것을 정하십시오.",
    "Your PIN or password is shorter or simpler than managers and administrators now need "
    "(at least %1 characters, not trivial). Please change it in Settings → Users → Change "
    "my PIN or password.":
        "현재 PIN 또는 비밀번호가 관리자·시스템 관리자 기준(%1자 이상, 단순하지 않을 것)에 "
        "맞지 않습니다. 설정 → 사용자 → 내 PIN 또는 비밀번호 변경에서 바꾸십시오.",
    "Change your PIN or password": "PIN 또는 비밀번호 변경",
    "Change my PIN or password…": "내 PIN 또는 비밀번호 변경…",
    "Change my PIN or password": "내 PIN 또는 비밀번호 변경",
    "Your new PIN or password is set.": "새 PIN 또는 비밀번호가 설정되었습니다.",
    "Log in first.": "먼저 로그인하십시오.",
    # locked accounts
    "Locked until %1": "%1까지 잠김",
    "Only a locked account can be unlocked.": "잠긴 계정만 잠금 해제할 수 있습니다.",
    "%1 is locked until %2 after %3 wrong passwords. Unlock lets them try again now.":
        "%1 계정은 비밀번호를 %3회 틀려 %2까지 잠겼습니다. 잠금 해제하면 바로 다시 로그인할 수 "
        "있습니다.",
    # wizard users page
    "Add the people who acknowledge alarms and sign records, each with a login and a PIN or "
    "password (entered twice). The first person must be an administrator or a manager. An "
    "administrator manages users; a manager can sign off; an operator can acknowledge and "
    "record corrective actions.":
        "경보를 확인하고 기록에 서명할 사람을 추가하십시오. 각자 아이디와 PIN 또는 "
        "비밀번호(두 번 입력)가 필요합니다. 첫 번째 사람은 시스템 관리자 또는 관리자여야 "
        "합니다. 시스템 관리자는 사용자를 관리하고, 관리자는 결재하며, 작업자는 경보 확인과 "
        "개선조치를 기록합니다.",
    "Leave the setup?": "설정을 그만두시겠습니까?",
    "The people entered on this page are not saved yet. Leave the setup and discard them?":
        "이 화면에 입력한 사람들은 아직 저장되지 않았습니다. 설정을 그만두고 입력을 "
        "버리시겠습니까?",
}
