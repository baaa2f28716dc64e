"""Korean for strings the lead added while merging (see tools/ko_terms.py)."""

KO = {
    "Not signed: managers and administrators sign only with a PIN or password of at least "
    "%1 characters that is not trivial. Change it first in Settings → Users → Change my PIN "
    "or password.":
        "서명되지 않았습니다: 관리자와 시스템 관리자는 %1자 이상이고 쉽게 추측되지 않는 PIN "
        "또는 비밀번호로만 서명할 수 있습니다. 먼저 설정 → 사용자 → 내 PIN/비밀번호 변경에서 "
        "바꾸십시오.",
}
