<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="51"/>
        <location filename="../../desktop/ui/alarm_banner.py" line="132"/>
        <source>Acknowledge</source>
        <translation>경보 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="54"/>
        <source>Show events</source>
        <translation>이벤트 보기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="106"/>
        <source>DEVIATION</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="108"/>
        <source>SENSOR LOST</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="110"/>
        <source>DEVICE LOST</source>
        <translation>장치 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="88"/>
        <location filename="../../desktop/ui/alarm_banner.py" line="104"/>
        <location filename="../../desktop/ui/alarm_banner.py" line="115"/>
        <source>since %1</source>
        <translation>%1부터</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="135"/>
        <location filename="../../desktop/ui/alarm_banner.py" line="152"/>
        <source>+%1 more</source>
        <translation>외 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="151"/>
        <source>Acknowledged, still open: </source>
        <translation>확인됨, 아직 진행 중: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="128"/>
        <source>Open page</source>
        <translation>처리 화면 열기</translation>
    </message>
</context>
<context>
    <name>ApprovalPage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1345"/>
        <location filename="../../sectors/haccp/views.py" line="1396"/>
        <source>Daily log approval</source>
        <translation>일지 결재</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1359"/>
        <source>Prepared</source>
        <translation>작성</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1360"/>
        <source>Reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1361"/>
        <source>Approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1371"/>
        <source>Sign…</source>
        <translation>서명…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1384"/>
        <source>remarks printed in the sign-off box (optional)</source>
        <translation>결재란에 인쇄될 결재 의견 (선택)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1390"/>
        <source>Make the day&apos;s log (PDF)</source>
        <translation>일지 만들기 (PDF)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1392"/>
        <source>Open file</source>
        <translation>파일 열기</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1398"/>
        <source>Day</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1401"/>
        <source>Remarks</source>
        <translation>결재 의견</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1413"/>
        <source>The CCP monitoring log of a day, signed in order: prepared by the operator, reviewed and approved by managers (HACCP team leader), each with their own password. Times are in the site&apos;s time zone (%1). A change to that day&apos;s records after signing shows the signature as VOID here and on the printed log.</source>
        <translation>하루의 CCP 모니터링 일지를 순서대로 서명합니다: 작업자가 작성하고, 관리자(HACCP 팀장)가 검토와 승인을 하며, 각자 자기 비밀번호로 서명합니다. 시각은 사업장 시간대(%1) 기준입니다. 서명 후 그날의 기록이 바뀌면 이 화면과 인쇄된 일지에 서명이 무효로 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1469"/>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1472"/>
        <source>VOID — records changed after signing: %1</source>
        <translation>무효 — 서명 후 기록 변경: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1481"/>
        <source>not signed</source>
        <translation>서명 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1489"/>
        <source>Wrong password: nothing was signed.</source>
        <translation>비밀번호가 틀립니다. 서명되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1491"/>
        <source>The account is locked after too many wrong passwords: nothing was signed.</source>
        <translation>비밀번호를 여러 번 틀려 계정이 잠겼습니다. 서명되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1494"/>
        <source>Your role may not sign as %1: review and approval are for a manager (HACCP team leader).</source>
        <translation>이 권한으로는 %1 서명을 할 수 없습니다. 검토와 승인은 관리자(HACCP 팀장)가 합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1497"/>
        <source>Not signed: managers and administrators sign only with a PIN or password of at least %1 characters that is not trivial. Change it first in Settings → Users → Change my PIN or password.</source>
        <translation>서명되지 않았습니다: 관리자와 시스템 관리자는 %1자 이상이고 쉽게 추측되지 않는 PIN 또는 비밀번호로만 서명할 수 있습니다. 먼저 설정 → 사용자 → 내 PIN/비밀번호 변경에서 바꾸십시오.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1502"/>
        <location filename="../../sectors/haccp/views.py" line="1503"/>
        <source>Not signed: %1</source>
        <translation>서명되지 않음: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1511"/>
        <source>The day %1 is not over yet: its log is signed after its last hour.</source>
        <translation>%1 일자가 아직 끝나지 않았습니다. 일지는 그날의 마지막 시간이 지난 뒤에 서명합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1516"/>
        <source>CCP monitoring log of %1</source>
        <translation>%1 CCP 모니터링 일지</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1548"/>
        <source>Signed as %1 by %2 (signature #%3).</source>
        <translation>%2 님이 %1 서명했습니다 (서명 #%3).</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1565"/>
        <source>Making the log…</source>
        <translation>일지를 만드는 중…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1581"/>
        <source>Not made: %1</source>
        <translation>만들지 못함: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1585"/>
        <source>Made %1</source>
        <translation>만듦: %1</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="56"/>
        <source>Audit trail</source>
        <translation>감사 추적</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="69"/>
        <source>All kinds</source>
        <translation>모든 구분</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="70"/>
        <source>Settings changes</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="71"/>
        <source>User changes</source>
        <translation>사용자 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="72"/>
        <source>Failed sign-ins</source>
        <translation>로그인 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="73"/>
        <source>Corrections</source>
        <translation>정정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="74"/>
        <source>Signatures</source>
        <translation>전자서명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="77"/>
        <location filename="../../desktop/ui/audit_page.py" line="172"/>
        <source>Everyone</source>
        <translation>모든 사용자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="79"/>
        <source>Entity or thing (e.g. limit, a login)</source>
        <translation>대상 또는 항목 (예: limit, 아이디)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="86"/>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="88"/>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="94"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="94"/>
        <source>Kind</source>
        <translation>구분</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="94"/>
        <source>Who</source>
        <translation>사용자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="95"/>
        <source>What</source>
        <translation>대상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="95"/>
        <source>Action</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="96"/>
        <source>Old → new</source>
        <translation>변경 전 → 후</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="96"/>
        <source>Reason / comment</source>
        <translation>사유 / 의견</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="110"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="112"/>
        <source>Save as CSV…</source>
        <translation>CSV로 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="113"/>
        <source>Save as PDF…</source>
        <translation>PDF로 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="153"/>
        <source>The last day is before the first day.</source>
        <translation>마지막 날짜가 첫 날짜보다 앞입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="206"/>
        <source>%1 entries</source>
        <translation>%1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="220"/>
        <source>Save the audit trail</source>
        <translation>감사 추적 기록 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="249"/>
        <source>Not saved: %1</source>
        <translation>저장하지 못함: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="251"/>
        <source>Saved %1</source>
        <translation>%1 저장됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_page.py" line="255"/>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="530"/>
        <location filename="../../sectors/manufacturing/views.py" line="539"/>
        <source>Machine board</source>
        <translation>설비 현황판</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="561"/>
        <location filename="../../sectors/manufacturing/views.py" line="638"/>
        <source>%1: stopped at %2</source>
        <translation>%1: %2에 정지</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="578"/>
        <source>%1: stop from %2, reason: %3</source>
        <translation>%1: %2부터 정지, 사유: %3</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="581"/>
        <source>%1: lot %2 started</source>
        <translation>%1: 로트 %2 시작</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="583"/>
        <source>%1: lot %2 ended</source>
        <translation>%1: 로트 %2 종료</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="587"/>
        <source>%1: lot %2 within its process window</source>
        <translation>%1: 로트 %2 공정 조건 적합</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="589"/>
        <source>%1: lot %2 out of its process window (%3)</source>
        <translation>%1: 로트 %2 공정 조건 이탈 (%3)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="594"/>
        <source>%1: %2, OEE %3</source>
        <translation>%1: %2, 설비종합효율 %3</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="656"/>
        <source>Reason recorded: %1 (%2).</source>
        <translation>정지 사유 기록됨: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="663"/>
        <source>▲ Lot %1 left its process window (ended %2)</source>
        <translation>▲ 로트 %1 공정 조건 이탈 (%2 종료)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="668"/>
        <source>▲ %1 overdue since %2</source>
        <translation>▲ %1: %2부터 기한 경과</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="673"/>
        <source>action by %1: %2</source>
        <translation>조치 (%1): %2</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="695"/>
        <source>Action recorded (%1).</source>
        <translation>조치 기록됨 (%1).</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="705"/>
        <source>Only a manager can verify and sign. Log in as a manager.</source>
        <translation>검증·서명은 관리자만 할 수 있습니다. 관리자로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="727"/>
        <source>Lot %1 ended by %2.</source>
        <translation>로트 %1 종료 (%2).</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="739"/>
        <source>Lot %1 started by %2.</source>
        <translation>로트 %1 시작 (%2).</translation>
    </message>
</context>
<context>
    <name>CcpCard</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="377"/>
        <location filename="../../sectors/haccp/views.py" line="411"/>
        <source>Critical limit: %1</source>
        <translation>한계기준: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="380"/>
        <source>Change critical limit…</source>
        <translation>한계기준 변경…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="443"/>
        <source>Rejecting</source>
        <translation>배제 중</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="444"/>
        <source>Passing</source>
        <translation>통과 중</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="448"/>
        <location filename="../../sectors/haccp/views.py" line="455"/>
        <source>manual</source>
        <translation>수기</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="450"/>
        <source>Last check: none yet</source>
        <translation>최근 점검: 아직 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="452"/>
        <source>by %1</source>
        <translation>점검자 %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="453"/>
        <source>automatic</source>
        <translation>자동 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="456"/>
        <source>Last check: %1 (%2)</source>
        <translation>최근 점검: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="459"/>
        <source>Next check due: every batch, recorded automatically</source>
        <translation>다음 점검: 배치마다 자동 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="461"/>
        <source>Next check due: —</source>
        <translation>다음 점검 예정: —</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="464"/>
        <source>Next check due: %1</source>
        <translation>다음 점검 예정: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="472"/>
        <source>Deviations not closed: %1</source>
        <translation>미종결 이탈: %1건</translation>
    </message>
</context>
<context>
    <name>CcpOverviewPage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="480"/>
        <source>CCP overview</source>
        <translation>CCP 현황</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="520"/>
        <source>Only a manager (HACCP team leader) or an administrator can change a critical limit. Log in as one.</source>
        <translation>한계기준은 관리자(HACCP 팀장) 또는 시스템 관리자만 바꿀 수 있습니다. 해당 계정으로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="548"/>
        <source>Wrong password: the critical limit was not changed.</source>
        <translation>비밀번호가 틀립니다. 한계기준은 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="550"/>
        <source>Not changed: %1</source>
        <translation>변경되지 않음: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="555"/>
        <source>Critical limit of %1 is now %2 (signature #%3).</source>
        <translation>%1 한계기준이 %2(으)로 변경되었습니다 (서명 #%3).</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="573"/>
        <source>%1 critical limit: %2</source>
        <translation>%1 한계기준: %2</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="576"/>
        <source>1 = product rejected, 0 = passing</source>
        <translation>1 = 제품 배제, 0 = 통과</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="602"/>
        <source>%1 CCP(s) out of control</source>
        <translation>중요관리점(CCP) %1개 한계기준 이탈 중</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="607"/>
        <source>%1 deviation(s) not closed</source>
        <translation>미종결 이탈 %1건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="609"/>
        <source>%1 check(s) overdue</source>
        <translation>점검 지연 %1건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="612"/>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="614"/>
        <source>All %1 CCPs within their critical limits</source>
        <translation>중요관리점(CCP) %1개 모두 한계기준 이내</translation>
    </message>
</context>
<context>
    <name>CentralTab</name>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="42"/>
        <location filename="../../desktop/ui/central_settings.py" line="56"/>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="43"/>
        <source>Plant</source>
        <translation>공장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="44"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="45"/>
        <source>Waiting to send</source>
        <translation>전송 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="46"/>
        <source>Last sent</source>
        <translation>마지막 전송</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="47"/>
        <source>Last problem</source>
        <translation>마지막 문제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="50"/>
        <source>Register with a central platform</source>
        <translation>중앙 플랫폼에 등록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="55"/>
        <source>one-time code from the platform operator</source>
        <translation>플랫폼 운영자가 준 1회용 코드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="57"/>
        <source>Registration code</source>
        <translation>등록 코드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="59"/>
        <source>Register</source>
        <translation>등록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="76"/>
        <source>not registered</source>
        <translation>등록 안 됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="78"/>
        <source>offline only: the record stays on this computer</source>
        <translation>오프라인 전용: 기록은 이 컴퓨터에만 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="85"/>
        <source>up to date</source>
        <translation>최신 상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="85"/>
        <source>sending</source>
        <translation>전송 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="86"/>
        <source>offline, will retry</source>
        <translation>연결 끊김, 다시 시도 예정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="87"/>
        <source>needs attention</source>
        <translation>확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="88"/>
        <source>events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="88"/>
        <source>settings changes</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="89"/>
        <source>user changes</source>
        <translation>사용자 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="89"/>
        <source>sign-ins</source>
        <translation>로그인 기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="90"/>
        <source>signatures</source>
        <translation>서명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="94"/>
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="95"/>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="104"/>
        <source>Enter the platform&apos;s address and the code.</source>
        <translation>플랫폼 주소와 코드를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="107"/>
        <source>Registering…</source>
        <translation>등록 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="123"/>
        <source>Registered as %1; the record is being sent.</source>
        <translation>%1(으)로 등록되었습니다. 기록을 전송하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="129"/>
        <source>Not registered: %1</source>
        <translation>등록되지 않음: %1</translation>
    </message>
</context>
<context>
    <name>ChannelTile</name>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="65"/>
        <source>low %1</source>
        <translation>하한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="67"/>
        <source>high %1</source>
        <translation>상한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="68"/>
        <source>Alarm limits: </source>
        <translation>관리기준: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="69"/>
        <source>No alarm limits</source>
        <translation>관리기준 없음</translation>
    </message>
    <message>
        <source>Limits: </source>
        <translation type="vanished">관리기준: </translation>
    </message>
    <message>
        <source>No limits</source>
        <translation type="vanished">관리기준 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="97"/>
        <source>HIGH</source>
        <translation>상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="97"/>
        <source>LOW</source>
        <translation>하한</translation>
    </message>
</context>
<context>
    <name>ChannelsTab</name>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="96"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="96"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="96"/>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Low limit</source>
        <translation type="vanished">하한</translation>
    </message>
    <message>
        <source>High limit</source>
        <translation type="vanished">상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="97"/>
        <source>Delay</source>
        <translation>지연</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="97"/>
        <source>Alarm low</source>
        <translation>관리 하한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="97"/>
        <source>Alarm high</source>
        <translation>관리 상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="98"/>
        <source>Hysteresis</source>
        <translation>히스테리시스</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="98"/>
        <source>Lost after</source>
        <translation>끊김 판정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="102"/>
        <source>Change alarm limits…</source>
        <translation>관리기준 변경…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="158"/>
        <source>Log in as a manager or administrator to change alarm limits.</source>
        <translation>관리기준을 바꾸려면 관리자 또는 시스템 관리자로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="178"/>
        <source>Only a manager or administrator can change alarm limits.</source>
        <translation>관리기준은 관리자 또는 시스템 관리자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="194"/>
        <source>Alarm limits of %1 changed.</source>
        <translation>%1 관리기준이 변경되었습니다.</translation>
    </message>
    <message>
        <source>Change limits…</source>
        <translation type="vanished">한계기준 변경…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="156"/>
        <source>A change applies at once, is saved to %1 and is recorded with the old and new values and who made it.</source>
        <translation>변경은 즉시 적용되고 %1에 저장되며, 이전 값과 새 값, 변경한 사람이 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Log in as a manager or administrator to change limits.</source>
        <translation type="vanished">한계기준을 바꾸려면 관리자 또는 시스템 관리자로 로그인하세요.</translation>
    </message>
    <message>
        <source>Only a manager or administrator can change limits.</source>
        <translation type="vanished">한계기준은 관리자 또는 시스템 관리자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="192"/>
        <source>Not changed: %1</source>
        <translation>변경되지 않음: %1</translation>
    </message>
    <message>
        <source>Limits of %1 changed.</source>
        <translation type="vanished">%1 한계기준이 변경되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="204"/>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <location filename="../../desktop/ui/charts.py" line="121"/>
        <source>Trends</source>
        <translation>추이</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="158"/>
        <source>Custom…</source>
        <translation>기간 지정…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="161"/>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="361"/>
        <source>%1 points</source>
        <translation>%1개 점</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="410"/>
        <source>High limit %1</source>
        <translation>상한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="411"/>
        <source>Low limit %1</source>
        <translation>하한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="453"/>
        <source>Sensor replaced</source>
        <translation>센서 교체</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="454"/>
        <source>Input changed</source>
        <translation>입력 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="455"/>
        <source>Scaling changed</source>
        <translation>환산 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="462"/>
        <source>Could not load history: %1</source>
        <translation>이력을 불러오지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>ClimatePage</name>
    <message>
        <location filename="../../sectors/farm/views.py" line="980"/>
        <source>VPD and light</source>
        <translation>VPD·광량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="989"/>
        <source>Day before</source>
        <translation>전날</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="990"/>
        <source>Day after</source>
        <translation>다음날</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="991"/>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="997"/>
        <source>Zone</source>
        <translation>동</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1005"/>
        <source>VPD and daily light</source>
        <translation>수증기압차(VPD)와 일적산광량(DLI)</translation>
    </message>
    <message>
        <source>VPD through the day (kPa); shaded: the band that applies</source>
        <translation type="vanished">하루 동안의 수증기압차 VPD (kPa) — 색칠한 범위: 적용되는 관리범위</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1007"/>
        <source>VPD through the day (kPa); green: the band where it applies; grey: night</source>
        <translation>하루 동안의 수증기압차 VPD (kPa) — 녹색: 관리범위 (적용 시간), 회색: 야간</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1016"/>
        <source>Daily light integral, last 14 days (mol/m²/day); shaded: the crop&apos;s target</source>
        <translation>최근 14일 일적산광량 DLI (mol/m²/일) — 색칠한 범위: 작물의 목표</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1096"/>
        <source>today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1100"/>
        <source>night</source>
        <translation>야간</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1104"/>
        <source>This zone has no air temperature and humidity pair: no VPD.</source>
        <translation>이 동에는 기온·습도 센서가 함께 있지 않아 VPD를 계산하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1106"/>
        <source>No VPD recorded on this day.</source>
        <translation>이 날 기록된 VPD가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1109"/>
        <source>Lowest %1, highest %2, latest %3 kPa (at %4).</source>
        <translation>최저 %1, 최고 %2, 마지막 %3 kPa (%4).</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1114"/>
        <source>Band %1 kPa; outside it for %2 min while it applied.</source>
        <translation>관리범위 %1 kPa, 적용 시간 중 범위를 벗어난 시간 %2분.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1120"/>
        <source>No VPD band is set for this zone.</source>
        <translation>이 동에는 VPD 관리범위가 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1122"/>
        <source>VPD by the Tetens formula (FAO-56) from air temperature and humidity.</source>
        <translation>VPD는 기온과 상대습도로 Tetens 식(FAO-56)에 따라 계산합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1129"/>
        <source>so far</source>
        <translation>현재까지</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1139"/>
        <source>target %1–%2</source>
        <translation>목표 %1–%2</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1142"/>
        <source>This zone has no light sensor: no DLI.</source>
        <translation>이 동에는 광 센서가 없어 DLI를 계산하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1145"/>
        <source>Days with a figure: %1 of %2.</source>
        <translation>값이 있는 날: %2일 중 %1일.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1151"/>
        <source>Below the target: %1 days; above: %2 days.</source>
        <translation>목표 미달 %1일, 목표 초과 %2일.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1154"/>
        <source>No DLI target is set for this crop.</source>
        <translation>이 작물에는 DLI 목표가 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="1156"/>
        <source>DLI = light summed over the day from %1 (a day with no light reading has no bar).</source>
        <translation>DLI = %1부터 하루 동안 받은 광량의 합 (광 측정값이 없는 날은 막대가 없습니다).</translation>
    </message>
</context>
<context>
    <name>CorrectiveActionDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="273"/>
        <source>Corrective action</source>
        <translation>개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="313"/>
        <source>e.g. door left open during loading</source>
        <translation>예: 입고 중 문이 열려 있었음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="308"/>
        <source>What was done, e.g. door closed, product temperature checked</source>
        <translation>조치 내용, 예: 문을 닫고 제품 온도를 확인함</translation>
    </message>
    <message>
        <source>No product affected</source>
        <translation type="vanished">영향받은 제품 없음</translation>
    </message>
    <message>
        <source>Product held for review</source>
        <translation type="vanished">제품 보류(검토)</translation>
    </message>
    <message>
        <source>Product reworked</source>
        <translation type="vanished">제품 재가공</translation>
    </message>
    <message>
        <source>Product discarded</source>
        <translation type="vanished">제품 폐기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="281"/>
        <source>Deviation</source>
        <translation>이탈</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="vanished">원인</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="vanished">조치 내용</translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="vanished">제품 처리</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="288"/>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="343"/>
        <source>Enter the %1.</source>
        <translation>%1 항목을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="344"/>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>CriticalLimitDialog</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="315"/>
        <source>Change critical limit</source>
        <translation>한계기준 변경</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="318"/>
        <source>CCP</source>
        <translation>CCP</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="319"/>
        <source>Critical limit now</source>
        <translation>현재 한계기준</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="323"/>
        <source>e.g. validated by the new heating study</source>
        <translation>예: 새 가열 조건 검증 결과 반영</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="326"/>
        <source>re-enter your password to sign</source>
        <translation>서명하려면 비밀번호를 다시 입력하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="327"/>
        <source>New critical limit</source>
        <translation>새 한계기준</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="328"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="329"/>
        <source>Signed by</source>
        <translation>서명자</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="330"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="331"/>
        <source>The change applies at once, is saved to the site settings and is recorded with the old and new limit, the reason and your signature.</source>
        <translation>변경은 바로 적용되고 사업장 설정에 저장되며, 이전 값과 새 값, 사유, 서명이 함께 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="339"/>
        <source>Sign and change</source>
        <translation>서명하고 변경</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="340"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="353"/>
        <source>The new critical limit must be a number.</source>
        <translation>새 한계기준은 숫자여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="355"/>
        <source>Say why the critical limit changes.</source>
        <translation>한계기준을 바꾸는 사유를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="357"/>
        <source>Enter your password to sign.</source>
        <translation>서명하려면 비밀번호를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>CropLogPage</name>
    <message>
        <location filename="../../sectors/farm/views.py" line="622"/>
        <location filename="../../sectors/farm/views.py" line="675"/>
        <source>Crop log</source>
        <translation>영농일지</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="632"/>
        <source>e.g. 2026 spring crop, or batch 3</source>
        <translation>예: 2026 봄작기, 3회차 입식</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="636"/>
        <source>what happened and why</source>
        <translation>무엇을 왜 했는지</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="646"/>
        <source>Record entry</source>
        <translation>기록하기</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="652"/>
        <location filename="../../sectors/farm/views.py" line="672"/>
        <source>Zone</source>
        <translation>동</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="653"/>
        <location filename="../../sectors/farm/views.py" line="672"/>
        <source>Entry</source>
        <translation>기록 항목</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="664"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="672"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="673"/>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="673"/>
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="677"/>
        <source>Each entry is kept in the record with your name and the time; it cannot be changed afterwards. Enter a correction as a new entry with a note.</source>
        <translation>기록은 작성자 이름과 시각과 함께 보관되며 나중에 고칠 수 없습니다. 정정할 내용은 메모와 함께 새 기록으로 남기세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="692"/>
        <source>Crop</source>
        <translation>작물</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="693"/>
        <source>Variety</source>
        <translation>품종</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="694"/>
        <source>Plants</source>
        <translation>주수</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="695"/>
        <source>Area (m²)</source>
        <translation>면적 (m²)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="696"/>
        <source>New stage</source>
        <translation>새 생육단계</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="698"/>
        <source>Pesticide product</source>
        <translation>농약명</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="699"/>
        <source>Active ingredient</source>
        <translation>유효성분</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="701"/>
        <source>Dose</source>
        <translation>희석량·사용량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="702"/>
        <source>Dose unit</source>
        <translation>사용량 단위</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="703"/>
        <source>Against (pest or disease)</source>
        <translation>방제 대상 (병해충)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="704"/>
        <source>Pre-harvest interval (days)</source>
        <translation>안전사용기간 (수확 전 일수)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="705"/>
        <source>Recipe</source>
        <translation>처방</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="706"/>
        <source>EC target (dS/m)</source>
        <translation>목표 EC (dS/m)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="707"/>
        <source>pH target</source>
        <translation>목표 pH</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="708"/>
        <source>Quantity</source>
        <translation>수확량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="709"/>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="710"/>
        <source>Grade</source>
        <translation>등급</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="711"/>
        <source>Movement</source>
        <translation>입식·출하</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="713"/>
        <location filename="../../sectors/farm/views.py" line="715"/>
        <location filename="../../sectors/farm/views.py" line="723"/>
        <source>Head</source>
        <translation>두수</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="714"/>
        <source>Average weight (kg)</source>
        <translation>평균 체중 (kg)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="716"/>
        <source>Cause</source>
        <translation>원인</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="718"/>
        <source>Feed</source>
        <translation>사료</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="719"/>
        <source>Amount (kg)</source>
        <translation>급여량 (kg)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="720"/>
        <source>Vaccine</source>
        <translation>백신</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="721"/>
        <source>Route</source>
        <translation>접종 방법</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="725"/>
        <source>Withdrawal period (days)</source>
        <translation>휴약기간 (일)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="743"/>
        <source>Batch</source>
        <translation>입식 회차</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="743"/>
        <source>Crop cycle</source>
        <translation>작기</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="762"/>
        <source>Inside a pre-harvest interval: %1. The harvest is recorded as such; give the reason in the note.</source>
        <translation>농약 안전사용기간 중입니다: %1. 수확은 그대로 기록되니 사유를 메모에 적으세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="764"/>
        <source>%1 until %2</source>
        <translation>%1 (%2까지)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="773"/>
        <source>%1 plants</source>
        <translation>%1주</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="779"/>
        <source>no harvest before %1</source>
        <translation>%1 이전 수확 금지</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="790"/>
        <source>inside a pre-harvest interval</source>
        <translation>안전사용기간 중 수확</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="793"/>
        <location filename="../../sectors/farm/views.py" line="795"/>
        <location filename="../../sectors/farm/views.py" line="802"/>
        <source>%1 head</source>
        <translation>%1두</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="809"/>
        <source>note: %1</source>
        <translation>메모: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="841"/>
        <source>%1: required</source>
        <translation>%1: 입력하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="844"/>
        <source>Give the reason in the note: the harvest is inside a pre-harvest interval.</source>
        <translation>안전사용기간 중 수확입니다. 사유를 메모에 적으세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="862"/>
        <source>%1 recorded by %2 at %3.</source>
        <translation>%1 기록됨 (%2, %3).</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="872"/>
        <source>Not recorded: see the message above.</source>
        <translation>기록되지 않았습니다. 위쪽 안내를 보세요.</translation>
    </message>
</context>
<context>
    <name>CustomRangeDialog</name>
    <message>
        <location filename="../../desktop/ui/charts.py" line="76"/>
        <source>Custom range</source>
        <translation>기간 지정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="86"/>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="87"/>
        <source>To</source>
        <translation>끝</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="111"/>
        <source>The end must be after the start.</source>
        <translation>끝 시각은 시작 시각보다 뒤여야 합니다.</translation>
    </message>
</context>
<context>
    <name>DeviationsPage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="655"/>
        <location filename="../../sectors/haccp/views.py" line="669"/>
        <source>Deviations</source>
        <translation>이탈 관리</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="664"/>
        <source>Not closed</source>
        <translation>미종결</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="665"/>
        <source>All deviations</source>
        <translation>전체 이탈</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="674"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="674"/>
        <source>CCP</source>
        <translation>CCP</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="674"/>
        <source>Deviation</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="675"/>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="675"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="675"/>
        <source>Follow-up</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="686"/>
        <source>Acknowledge deviation</source>
        <translation>이탈 확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="687"/>
        <source>Record corrective action…</source>
        <translation>개선조치 기록…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="688"/>
        <source>Verify and sign…</source>
        <translation>검증 및 서명…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="713"/>
        <location filename="../../sectors/haccp/views.py" line="784"/>
        <source>acknowledged by %1</source>
        <translation>%1 확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="714"/>
        <location filename="../../sectors/haccp/views.py" line="786"/>
        <source>action by %1</source>
        <translation>%1 개선조치</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="715"/>
        <location filename="../../sectors/haccp/views.py" line="790"/>
        <source>verified by %1</source>
        <translation>%1 검증</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="726"/>
        <source>%1 not closed</source>
        <translation>미종결 %1건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="780"/>
        <source>Sensor reading again</source>
        <translation>센서 측정값 다시 수신</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="781"/>
        <source>Back within the critical limit</source>
        <translation>한계기준 이내 복귀</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="792"/>
        <source>Conforms</source>
        <translation>적합</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="793"/>
        <source>Does not conform</source>
        <translation>부적합</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="795"/>
        <source>Metal detected, product rejected</source>
        <translation>금속 검출 — 제품 배제</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="824"/>
        <source>Select a deviation.</source>
        <translation>이탈을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="825"/>
        <source>Next: acknowledge it.</source>
        <translation>다음 단계: 이탈을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="826"/>
        <source>Next: record the cause, the action and what happens to the product.</source>
        <translation>다음 단계: 원인, 개선조치, 제품 처리를 기록하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="828"/>
        <source>Next: a manager verifies and signs.</source>
        <translation>다음 단계: 관리자(HACCP 팀장)가 검증하고 서명합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="829"/>
        <source>Closed: verified and signed.</source>
        <translation>종결: 검증 및 서명 완료.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="837"/>
        <source>%1 acknowledged by %2</source>
        <translation>%1 %2 이탈 확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="841"/>
        <source>%1 corrective action by %2: cause: %3; action: %4; product: %5</source>
        <translation>%1 %2 개선조치 — 원인: %3; 조치: %4; 제품 처리: %5</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="851"/>
        <source>signed %1 (signature #%2)</source>
        <translation>%1 전자서명 (서명 #%2)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="853"/>
        <source>no signature found</source>
        <translation>서명 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="854"/>
        <source>%1 verified by %2, %3</source>
        <translation>%1 %2 검증, %3</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="917"/>
        <source>Verify</source>
        <translation>검증</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="918"/>
        <source>Only a manager (HACCP team leader) can verify a deviation. Log in as a manager.</source>
        <translation>이탈 검증은 관리자(HACCP 팀장)만 할 수 있습니다. 관리자로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="922"/>
        <source>Verify and sign</source>
        <translation>검증 및 서명</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="803"/>
        <source>%1 (critical limit %2)</source>
        <translation>%1 (한계기준 %2)</translation>
    </message>
</context>
<context>
    <name>DeviceAdvice</name>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="85"/>
        <source>Address %1 does not answer: check the wiring (A/B), the address (unit id) and the baud rate.</source>
        <translation>주소 %1이(가) 응답하지 않습니다. 배선(A/B), 주소(국번), 통신 속도를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="88"/>
        <source>Port %1 does not exist: is the USB-RS485 adapter plugged in?</source>
        <translation>포트 %1이(가) 없습니다. USB-RS485 변환기가 꽂혀 있나요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="90"/>
        <source>Port %1 cannot be opened: is another program using it?</source>
        <translation>포트 %1을(를) 열 수 없습니다. 다른 프로그램이 쓰고 있나요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="92"/>
        <source>The address (unit id) must be 1 to 247.</source>
        <translation>주소(국번)는 1~247이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="94"/>
        <source>No port: choose a detected port or type one, e.g. COM3, /dev/ttyUSB0 or socket://10.0.0.5:4001.</source>
        <translation>포트가 없습니다. 감지된 포트를 고르거나 직접 입력하세요. 예: COM3, /dev/ttyUSB0, socket://10.0.0.5:4001.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="99"/>
        <source>The port %1 is not written right: use e.g. socket://10.0.0.5:4001 or tcp://10.0.0.5:502.</source>
        <translation>포트 %1의 형식이 맞지 않습니다. 예: socket://10.0.0.5:4001 또는 tcp://10.0.0.5:502.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="101"/>
        <source>Address %1 on %2 is already used by device %3: give each device on one line its own address (set on the device).</source>
        <translation>%2의 주소(국번) %1은(는) 이미 장치 %3이(가) 쓰고 있습니다. 한 통신선의 장치마다 다른 주소(국번)를 장치에서 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="104"/>
        <source>Port %1 runs at %2 baud, parity %3 for device %4: every device on one line must use the same speed and parity.</source>
        <translation>포트 %1은(는) 장치 %4 때문에 통신 속도 %2, 패리티 %3로 동작합니다. 한 통신선의 모든 장치는 같은 통신 속도와 패리티를 써야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="107"/>
        <source>Port %1 is already used by device %2: this device needs its own port.</source>
        <translation>포트 %1은(는) 이미 장치 %2이(가) 쓰고 있습니다. 이 장치에는 별도의 포트가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="110"/>
        <source>Give the new device an id, e.g. proofer.</source>
        <translation>새 장치의 ID를 정하세요. 예: proofer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="112"/>
        <source>The id %1 is already used by another device: choose another id.</source>
        <translation>ID %1은(는) 이미 다른 장치가 쓰고 있습니다. 다른 ID를 정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="114"/>
        <source>A channel %1 already exists: choose another device id.</source>
        <translation>채널 %1이(가) 이미 있습니다. 다른 장치 ID를 정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="116"/>
        <source>The device id &quot;%1&quot; may hold only letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>장치 ID &quot;%1&quot;에는 영문자, 숫자, &apos;_&apos;, &apos;-&apos;만 쓸 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="118"/>
        <source>Tick at least one point to record.</source>
        <translation>기록할 측정점을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="120"/>
        <source>This device feeds %1, which a CCP, band or meter uses: assign another device to that role instead of removing it.</source>
        <translation>이 장치는 %1에 값을 보내며, CCP·관리 구간·계량기가 이 채널을 씁니다. 삭제하지 말고 그 역할에 다른 장치를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="123"/>
        <source>The 4 mA and 20 mA values of %1 must be numbers, e.g. 0 and 10.</source>
        <translation>%1의 4 mA, 20 mA 값은 숫자여야 합니다. 예: 0과 10.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="125"/>
        <source>The values at 4 mA and at 20 mA of %1 must differ.</source>
        <translation>%1의 4 mA 값과 20 mA 값은 달라야 합니다.</translation>
    </message>
    <message>
        <source>Address %1 is already used by another device on this line.</source>
        <translation type="vanished">주소 %1은(는) 이 통신선의 다른 장치가 이미 쓰고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="127"/>
        <source>The device answers, but not as this profile expects: check the profile, the address and the parity.</source>
        <translation>장치가 응답하지만 이 프로파일과 맞지 않습니다. 프로파일, 주소(국번), 패리티를 확인하세요.</translation>
    </message>
</context>
<context>
    <name>DeviceForm</name>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="249"/>
        <source>Profile</source>
        <translation>프로파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="249"/>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="250"/>
        <source>Address (unit id)</source>
        <translation>주소(국번)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="250"/>
        <source>Baud rate</source>
        <translation>통신 속도</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="251"/>
        <source>Parity</source>
        <translation>패리티</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="251"/>
        <source>Channels</source>
        <translation>채널</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="254"/>
        <source>The kind of device. Only profiles that can measure what this role needs are offered.</source>
        <translation>장치 종류입니다. 이 역할에 필요한 값을 잴 수 있는 프로파일만 보입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="256"/>
        <source>Choose a detected port, or type one: COM3, /dev/ttyUSB0, socket://10.0.0.5:4001 (serial device server), rfc2217://host:port, tcp://10.0.0.5:502.</source>
        <translation>찾은 포트를 고르거나 직접 입력하세요: COM3, /dev/ttyUSB0, socket://10.0.0.5:4001 (시리얼 디바이스 서버), rfc2217://호스트:포트, tcp://10.0.0.5:502.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="259"/>
        <source>The device&apos;s Modbus address, 1 to 247, set on the device (often with DIP switches or its keypad).</source>
        <translation>장치에 설정된 Modbus 주소(국번) 1~247 (보통 딥스위치나 장치 키패드로 설정).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="261"/>
        <source>The speed set on the device; every device on one RS-485 line uses the same speed.</source>
        <translation>장치에 설정된 통신 속도입니다. 한 RS-485 선의 모든 장치는 같은 속도를 씁니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="263"/>
        <source>The parity set on the device (most use None).</source>
        <translation>장치에 설정된 패리티 (대부분 없음).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="418"/>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="418"/>
        <source>Reads point</source>
        <translation>읽는 포인트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="272"/>
        <source>Test</source>
        <translation>시험 읽기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="265"/>
        <source>4–20 mA scaling</source>
        <translation>4–20 mA 환산</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="266"/>
        <location filename="../../desktop/ui/devices_settings.py" line="417"/>
        <source>Point</source>
        <translation>측정점</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="266"/>
        <source>At 4 mA</source>
        <translation>4 mA일 때</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="267"/>
        <source>At 20 mA</source>
        <translation>20 mA일 때</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="267"/>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="268"/>
        <source>What the transmitter on this input measures: the value it sends as 4 mA and as 20 mA, and its unit (e.g. 0 and 10 bar). Readings are recorded in that unit.</source>
        <translation>이 입력에 연결된 변환기가 재는 값입니다. 4 mA와 20 mA가 뜻하는 값과 단위를 넣으세요 (예: 0과 10 bar). 측정값은 그 단위로 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="273"/>
        <source>Read the device now with these settings.</source>
        <translation>이 설정으로 지금 장치를 읽어 봅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="274"/>
        <source>Find devices</source>
        <translation>장치 찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="275"/>
        <source>Ask every address 1–247 on this port and list what answers.</source>
        <translation>이 포트의 주소 1~247을 모두 물어보고 응답한 장치를 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="277"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="288"/>
        <source>Needs: %1</source>
        <translation>필요: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="297"/>
        <source>Device %1</source>
        <translation>장치 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="305"/>
        <source>Simulator (until a real device is assigned)</source>
        <translation>모의 장치 (실제 장치를 지정할 때까지)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="323"/>
        <source>New device: choose its profile, port and address. Each of its points is recorded as a channel.</source>
        <translation>새 장치: 프로파일, 포트, 주소(국번)를 고르세요. 장치의 측정점마다 채널로 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="417"/>
        <source>Recorded as channel</source>
        <translation>기록될 채널</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="554"/>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="577"/>
        <source>No reading: %1</source>
        <translation>읽지 못함: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="610"/>
        <source>Asking every address on %1…</source>
        <translation>%1의 모든 주소에 묻는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="644"/>
        <source>Search failed: %1</source>
        <translation>찾기 실패: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="650"/>
        <source>answered, but no profile reads plausibly</source>
        <translation>응답했지만 맞는 프로파일이 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="651"/>
        <source>Address %1: %2</source>
        <translation>주소 %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="656"/>
        <source>Stopped; %1 answered so far.</source>
        <translation>중지됨; 지금까지 %1개 응답.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="657"/>
        <source>%1 answered. Click one to use it.</source>
        <translation>%1개 응답. 사용할 장치를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="658"/>
        <source>Nothing answered: check the wiring (A/B), the baud rate and parity.</source>
        <translation>응답 없음: 배선(A/B), 통신 속도, 패리티를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="70"/>
        <source>good</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="70"/>
        <source>no answer</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="71"/>
        <source>port not open</source>
        <translation>포트 열리지 않음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="72"/>
        <source>out of range</source>
        <translation>범위 벗어남</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="73"/>
        <source>sensor fault</source>
        <translation>센서 고장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="74"/>
        <source>garbled answer (CRC)</source>
        <translation>응답 깨짐 (CRC)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="75"/>
        <source>garbled answer</source>
        <translation>응답 깨짐</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="76"/>
        <source>device refused the read</source>
        <translation>장치가 읽기를 거부</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="77"/>
        <source>entered by hand</source>
        <translation>수기 입력</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="78"/>
        <source>simulated</source>
        <translation>시뮬레이션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="65"/>
        <source>None (N)</source>
        <translation>없음 (N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="66"/>
        <source>Even (E)</source>
        <translation>짝수 (E)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="67"/>
        <source>Odd (O)</source>
        <translation>홀수 (O)</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="81"/>
        <source>choose the device&apos;s port</source>
        <translation>장치의 포트를 고르세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="282"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Give each device its port and its address (unit id, set on the device), then press Test to read it now.</source>
        <translation type="vanished">장치마다 포트와 주소(장치에 설정된 국번)를 지정한 뒤 시험을 눌러 바로 읽어 보세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="287"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="vanished">포트</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation type="vanished">국번(Unit ID)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="288"/>
        <source>Test result</source>
        <translation>시험 결과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="312"/>
        <source>Test</source>
        <translation>시험</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="314"/>
        <source>not tested</source>
        <translation>시험 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="365"/>
        <source>reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>no driver for this profile yet</source>
        <translation type="vanished">이 프로파일의 드라이버가 아직 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="283"/>
        <source>Each device of the template is a role that a simulator fills until you choose the real device: pick a row, then its profile, port and address (unit id, set on the device), and press Test to read it now.</source>
        <translation>템플릿의 각 장치는 역할이며, 실제 장치를 고를 때까지 모의 장치가 대신합니다. 행을 고른 뒤 프로파일, 포트, 주소(국번, 장치에 설정된 값)를 정하고 시험을 눌러 지금 읽어 보세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="287"/>
        <source>Assigned</source>
        <translation>지정된 장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="311"/>
        <location filename="../../desktop/ui/wizard.py" line="354"/>
        <source>simulator</source>
        <translation>모의 장치</translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="vanished">국번</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="420"/>
        <source>Not tested with these settings: %1. Press Test on its row, or press Next again to go on without a passing test.</source>
        <translation>이 설정으로 시험하지 않은 장치: %1. 해당 행의 시험을 누르거나, 시험 없이 진행하려면 다음을 한 번 더 누르세요.</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="700"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="700"/>
        <location filename="../../desktop/ui/devices_settings.py" line="722"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="700"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="701"/>
        <source>Profile</source>
        <translation>프로파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="701"/>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="701"/>
        <source>Unit id</source>
        <translation>주소(국번)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="706"/>
        <source>Add device…</source>
        <translation>장치 추가…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="707"/>
        <source>Add a device that is not in the list yet (a new module or sensor), with its own channels.</source>
        <translation>목록에 없는 장치(새 모듈이나 센서)를 자기 채널과 함께 추가합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="711"/>
        <source>e.g. proofer</source>
        <translation>예: proofer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="712"/>
        <source>A short id for the device: letters, digits, &apos;_&apos; or &apos;-&apos;. Its channels are named after it (proofer.t1).</source>
        <translation>장치의 짧은 ID입니다. 영문자, 숫자, &apos;_&apos;, &apos;-&apos;만 씁니다. 채널 이름이 이 ID로 시작합니다 (proofer.t1).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="716"/>
        <source>e.g. Proofer RTD module</source>
        <translation>예: 발효기 RTD 모듈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="720"/>
        <source>New device id</source>
        <translation>새 장치 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="727"/>
        <source>Why (recorded), e.g. new RTD module installed</source>
        <translation>변경 사유 (기록됨), 예: 새 RTD 모듈 설치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="728"/>
        <location filename="../../desktop/ui/devices_settings.py" line="851"/>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="731"/>
        <source>Remove device</source>
        <translation>장치 제거</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="732"/>
        <source>Take the device and its channels out of the configuration. What they recorded stays in the record, on charts and in reports.</source>
        <translation>장치와 그 채널을 설정에서 뺍니다. 이미 기록된 값은 기록·그래프·보고서에 그대로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="736"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="748"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="783"/>
        <source>simulator</source>
        <translation>모의 장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="851"/>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="852"/>
        <source>Add without a passing test (recorded)</source>
        <translation>시험 통과 없이 추가 (기록됨)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="859"/>
        <source>A change applies at once without stopping the recording, is saved to %1 and is recorded with the old and new device and who made it.</source>
        <translation>변경은 기록을 멈추지 않고 바로 적용되며, %1에 저장되고 이전·새 장치와 변경한 사람이 함께 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="861"/>
        <source>Log in as a manager or administrator to change devices.</source>
        <translation>장치를 바꾸려면 관리자 또는 책임자로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="873"/>
        <source>Press Test first: nothing is saved until a test read passes, or tick &quot;%1&quot;.</source>
        <translation>먼저 시험 읽기를 누르세요. 시험이 통과해야 저장됩니다. 아니면 &quot;%1&quot;을(를) 체크하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="892"/>
        <source>Only a manager or administrator can change devices.</source>
        <translation>관리자 또는 책임자만 장치를 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="896"/>
        <source>Say why the device changes; the reason is recorded.</source>
        <translation>장치를 바꾸는 사유를 입력하세요. 사유는 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="914"/>
        <source>Not changed: %1</source>
        <translation>변경되지 않음: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="936"/>
        <source>Device %1 added; it is recording now.</source>
        <translation>장치 %1 추가됨. 지금부터 기록합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="938"/>
        <source>Device %1 removed; recording goes on. What its %2 channel(s) recorded stays in the record: charts and reports still show it.</source>
        <translation>장치 %1 삭제됨. 기록은 계속됩니다. 이 장치의 채널 %2개에 기록된 값은 그대로 남아 그래프와 보고서에 계속 나옵니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="942"/>
        <source>Device %1: the 4–20 mA scaling is changed; recording goes on in the new units.</source>
        <translation>장치 %1: 4–20 mA 환산이 바뀌었습니다. 새 단위로 기록을 계속합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="944"/>
        <source>Device %1 changed; recording goes on.</source>
        <translation>장치 %1 변경됨. 기록은 계속됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="930"/>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/devices_settings.py" line="730"/>
        <location filename="../../desktop/ui/devices_settings.py" line="853"/>
        <source>Apply without a passing test (recorded)</source>
        <translation>시험 통과 없이 적용 (기록됨)</translation>
    </message>
    <message>
        <source>Press Test first: nothing is saved until a test read passes, or tick &quot;Apply without a passing test&quot;.</source>
        <translation type="vanished">먼저 시험 읽기를 누르세요. 시험이 통과해야 저장됩니다. 아니면 &quot;시험 통과 없이 적용&quot;을 체크하세요.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="559"/>
        <source>Ready</source>
        <translation>준비 완료</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="563"/>
        <source>Press Finish to start recording.</source>
        <translation>완료를 누르면 기록을 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="564"/>
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="565"/>
        <source>Devices: %1</source>
        <translation>장치: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="566"/>
        <source>People: %1</source>
        <translation>사용자: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="568"/>
        <source>Data folder: %1</source>
        <translation>데이터 폴더: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="574"/>
        <source>The record in this data folder already has users (%1): they are kept, and the people above are not added. Add others in Settings → Users.</source>
        <translation>이 데이터 폴더의 기록에는 이미 사용자(%1)가 있습니다. 기존 사용자는 그대로 두고, 위에 입력한 사람은 추가하지 않습니다. 다른 사람은 설정 → 사용자에서 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="582"/>
        <source>The setup could not be saved: %1</source>
        <translation>설정을 저장하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <location filename="../../sectors/eco/views.py" line="105"/>
        <source>Energy</source>
        <translation>에너지</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="115"/>
        <source>Energy and peak demand</source>
        <translation>에너지·최대수요</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="117"/>
        <source>Power now</source>
        <translation>현재 전력</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="119"/>
        <source>15-minute window forecast</source>
        <translation>15분 구간 예측</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="120"/>
        <source>Month&apos;s peak so far</source>
        <translation>이달 최대수요 (현재까지)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="128"/>
        <source>Energy by meter per day (this month)</source>
        <translation>계량기별 일 사용량 (이번 달)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="131"/>
        <source>Day</source>
        <translation>일자</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="135"/>
        <source>Daily figures are the sums the monthly report prints: intervals ending that day, counter-proved or estimated from power.</source>
        <translation>일 사용량은 월간 보고서와 같은 합계입니다: 그날 끝난 계량 구간의 합 (적산값으로 입증 또는 순시 전력으로 추정).</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="139"/>
        <source>The eco settings of this site have problems; see the site check.</source>
        <translation>이 사업장의 생태공장 설정에 문제가 있습니다. 사이트 점검을 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="175"/>
        <source>Window from %1: forecast %2, target %3</source>
        <translation>%1 시작 구간: 예측 %2, 목표 %3</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="179"/>
        <source>Window from %1 ended: average %2 (target %3)</source>
        <translation>%1 시작 구간 종료: 평균 %2 (목표 %3)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="183"/>
        <source>New billing peak %1 (window from %2)</source>
        <translation>요금적용전력 갱신 %1 (%2 시작 구간)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="188"/>
        <source>%1: no counter readings for %2 min</source>
        <translation>%1: %2분 동안 적산값 검침 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="190"/>
        <source>%1: no readings for %2 min, energy missing</source>
        <translation>%1: %2분 동안 측정값 없음, 사용량 결측</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="193"/>
        <source>%1: the counter went back from %2 to %3</source>
        <translation>%1: 적산값이 %2에서 %3(으)로 감소</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="199"/>
        <source>%1: meter replaced (%2 → %3)</source>
        <translation>%1: 계량기 교체 (%2 → %3)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="201"/>
        <source>%1: meter replaced</source>
        <translation>%1: 계량기 교체</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="203"/>
        <source>Emission factors for %1 applied</source>
        <translation>%1년 배출계수 적용</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="226"/>
        <source>window %1–%2, %3 min left</source>
        <translation>구간 %1–%2, %3분 남음</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="236"/>
        <source>Forecast over the target of %1 kW: shed load now</source>
        <translation>예측값이 목표 %1 kW를 넘습니다: 지금 부하를 줄이십시오</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="237"/>
        <source>Within the target of %1 kW</source>
        <translation>목표 %1 kW 이내</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="269"/>
        <source>window from %1; billing demand %2 kW</source>
        <translation>%1 시작 구간, 요금적용전력 %2 kW</translation>
    </message>
</context>
<context>
    <name>EntriesPage</name>
    <message>
        <location filename="../../sectors/eco/views.py" line="493"/>
        <source>Entries</source>
        <translation>기록 입력</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="512"/>
        <source>Record entry</source>
        <translation>기록하기</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="524"/>
        <location filename="../../sectors/eco/views.py" line="533"/>
        <source>Entry</source>
        <translation>기록 항목</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="533"/>
        <source>Recorded</source>
        <translation>기록 시각</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="533"/>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="534"/>
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="536"/>
        <source>Waste, fuel, production and meter swaps</source>
        <translation>폐기물·연료 입고·생산량·계량기 교체 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="538"/>
        <source>Each entry is kept in the record with your name and the time; it cannot be changed afterwards. Enter a correction as a new entry. The monthly report counts each entry in the month of its day.</source>
        <translation>입력한 내용은 작성자와 시각과 함께 기록에 남으며 나중에 고칠 수 없습니다. 정정은 새 기록으로 입력하십시오. 월간 보고서는 각 기록을 해당 일자가 속한 달에 합산합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="543"/>
        <source>The eco settings of this site have problems; see the site check.</source>
        <translation>이 사업장의 생태공장 설정에 문제가 있습니다. 사이트 점검을 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="572"/>
        <source>Day</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="573"/>
        <source>Waste type</source>
        <translation>폐기물 종류</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="575"/>
        <source>Disposal route</source>
        <translation>처리 방법</translation>
    </message>
    <message>
        <source>Amount (kg)</source>
        <translation type="vanished">급여량 (kg)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="578"/>
        <location filename="../../sectors/eco/views.py" line="604"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="580"/>
        <source>Delivery day</source>
        <translation>입고 일자</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="581"/>
        <source>Fuel</source>
        <translation>연료</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="583"/>
        <source>Amount</source>
        <translation>양</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="584"/>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="587"/>
        <source>Supplier</source>
        <translation>공급처</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="589"/>
        <source>Production day</source>
        <translation>생산 일자</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="590"/>
        <source>What was produced</source>
        <translation>생산 제품</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="601"/>
        <source>Reason for replacing</source>
        <translation>교체 사유</translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="vanished">제품 처리</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="593"/>
        <source>Quantity produced</source>
        <translation>생산량</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="595"/>
        <source>Meter</source>
        <translation>계량기</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="598"/>
        <source>Replaced at</source>
        <translation>교체 일시</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="599"/>
        <location filename="../../sectors/eco/views.py" line="743"/>
        <source>Old meter&apos;s final reading</source>
        <translation>기존 계량기 최종 지침</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="600"/>
        <source>New meter&apos;s first reading</source>
        <translation>새 계량기 최초 지침</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="vanished">변경 사유</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="577"/>
        <source>Weight (kg)</source>
        <translation>무게 (kg)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="603"/>
        <source>New meter&apos;s serial number</source>
        <translation>새 계량기 제조번호</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="606"/>
        <source>Contract or certificate number</source>
        <translation>계약·인증서 번호</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="607"/>
        <source>Kind of renewable electricity</source>
        <translation>재생에너지 전력 종류</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="609"/>
        <source>First day it covers</source>
        <translation>적용 시작일</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="610"/>
        <source>Last day it covers</source>
        <translation>적용 종료일</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="611"/>
        <source>Electricity it covers (kWh)</source>
        <translation>적용 전력량 (kWh)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="612"/>
        <source>Its emission factor (tCO2eq/MWh)</source>
        <translation>배출계수 (tCO2eq/MWh)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="613"/>
        <source>Issued by (supplier, certificate body)</source>
        <translation>발급처 (공급사·인증기관)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="617"/>
        <source>Waste</source>
        <translation>폐기물</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="617"/>
        <source>Fuel delivery</source>
        <translation>연료 입고</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="618"/>
        <source>Production</source>
        <translation>생산량</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="619"/>
        <source>Meter replacement</source>
        <translation>계량기 교체</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="620"/>
        <source>Renewable electricity contract</source>
        <translation>재생에너지 전력 계약</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="627"/>
        <source>Weigh or take the amount from the disposal company&apos;s slip (올바로 인계서).</source>
        <translation>계량하거나 처리업체 인계서(올바로)의 양을 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="629"/>
        <source>Fuel burnt on site (boiler, furnace, forklift): its emissions count as Scope 1 with the factors of its day.</source>
        <translation>사업장에서 연소한 연료 (보일러, 가열로, 지게차): 그날의 배출계수로 Scope 1 배출량에 포함됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="631"/>
        <source>Added to what the production counters recorded; enter only what no counter counts.</source>
        <translation>생산 계수기가 기록한 수량에 더해집니다. 계수기로 세지 않는 생산량만 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="634"/>
        <source>Read both registers before and after the swap: the energy between the last reading and the swap is taken from the old meter&apos;s final reading.</source>
        <translation>교체 전후에 두 계량기의 지침을 읽어 입력하십시오: 마지막 검침부터 교체까지의 사용량은 기존 계량기의 최종 지침으로 계산합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="637"/>
        <source>A PPA, REC or green premium: the kWh it covers count at its own factor in the market-based Scope 2, spread evenly over its days; the location-based figure does not change.</source>
        <translation>PPA, REC 또는 녹색프리미엄: 적용 전력량은 그 배출계수로 시장 기반 Scope 2에 반영되며 적용 기간의 날짜에 고르게 나뉩니다. 위치 기반 값은 바뀌지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="670"/>
        <source>replaced %1</source>
        <translation>%1 교체</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="672"/>
        <source>old %1 → new %2 %3</source>
        <translation>기존 %1 → 새 %2 %3</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="683"/>
        <source>note: %1</source>
        <translation>메모: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="726"/>
        <source>Note: say why the meter was replaced</source>
        <translation>메모: 계량기를 교체한 사유를 적으십시오</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="741"/>
        <source>%1: below the old meter&apos;s last recorded reading, %2 at %3. Check the figure; nothing was recorded.</source>
        <translation>%1: 기존 계량기의 마지막 기록 지침(%3, %2)보다 작습니다. 값을 확인하십시오. 기록하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="748"/>
        <source>Not recorded: %1</source>
        <translation>기록되지 않음: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="752"/>
        <source>%1 recorded by %2 at %3.</source>
        <translation>%1 기록됨 (%2, %3).</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="761"/>
        <source>Not recorded: see the message above.</source>
        <translation>기록되지 않았습니다. 위쪽 안내를 보세요.</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../sectors/eco/views.py" line="343"/>
        <location filename="../../sectors/farm/views.py" line="531"/>
        <source>(optional)</source>
        <translation>(선택)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="377"/>
        <source>%1: nothing to choose from</source>
        <translation>%1: 선택할 항목이 없습니다</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="383"/>
        <source>%1: cannot be later than now</source>
        <translation>%1: 현재 시각보다 늦을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="390"/>
        <source>%1: cannot be later than today</source>
        <translation>%1: 오늘보다 늦을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="397"/>
        <location filename="../../sectors/farm/views.py" line="544"/>
        <source>%1: required</source>
        <translation>%1: 입력하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="410"/>
        <source>%1: must be more than 0</source>
        <translation>%1: 0보다 커야 합니다</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="411"/>
        <source>%1: must not be negative</source>
        <translation>%1: 음수일 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="554"/>
        <source>%1: enter a whole number</source>
        <translation>%1: 정수를 입력하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="408"/>
        <location filename="../../sectors/farm/views.py" line="555"/>
        <source>%1: enter a number</source>
        <translation>%1: 숫자를 입력하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="557"/>
        <source>%1: at least %2</source>
        <translation>%1: %2 이상이어야 합니다</translation>
    </message>
</context>
<context>
    <name>EventListPage</name>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="49"/>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="58"/>
        <source>All events</source>
        <translation>전체 이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="59"/>
        <source>Deviations and sensor loss</source>
        <translation>이탈 및 센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="60"/>
        <source>Acknowledgements, actions, sign-offs</source>
        <translation>확인, 개선조치, 결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="61"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="64"/>
        <source>All channels</source>
        <translation>전체 채널</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="68"/>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="79"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="79"/>
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="79"/>
        <source>Channel / device</source>
        <translation>채널 / 장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="80"/>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="80"/>
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="80"/>
        <source>Follow-up</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="92"/>
        <source>Acknowledge</source>
        <translation>경보 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="93"/>
        <source>Corrective action…</source>
        <translation>개선조치…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="94"/>
        <source>Sign off…</source>
        <translation>결재…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="142"/>
        <source>acknowledged by %1</source>
        <translation>%1 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="144"/>
        <source>action by %1</source>
        <translation>%1 개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="146"/>
        <source>signed (%1) by %2</source>
        <translation>%2 결재(%1)</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation type="vanished">검토</translation>
    </message>
    <message>
        <source>approved</source>
        <translation type="vanished">승인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="221"/>
        <source>Select a deviation or a lost sensor to acknowledge it, record an action or sign off.</source>
        <translation>이탈 또는 센서 끊김을 선택하면 확인, 개선조치 기록, 결재를 할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="42"/>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="44"/>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="46"/>
        <source>%1 h</source>
        <translation>%1시간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="51"/>
        <source>no answer</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="52"/>
        <source>damaged answer (CRC)</source>
        <translation>손상된 응답 (CRC)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="53"/>
        <source>unreadable answer</source>
        <translation>읽을 수 없는 응답</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="54"/>
        <source>device refused</source>
        <translation>장치가 요청 거부</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="55"/>
        <source>value out of range</source>
        <translation>측정 범위 밖 값</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="56"/>
        <source>port lost</source>
        <translation>포트 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="57"/>
        <source>sensor fault</source>
        <translation>센서 고장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="68"/>
        <source>%1 × %2</source>
        <translation>%1 %2회</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="82"/>
        <source>%1 — %2 (limit %3)</source>
        <translation>%1 — %2 (관리기준 %3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="88"/>
        <source>back within the limit %1</source>
        <translation>관리기준 %1 안으로 복귀</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="90"/>
        <source> (worst %1)</source>
        <translation> (최대 이탈값 %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="93"/>
        <source>limit removed</source>
        <translation>관리기준 삭제됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="98"/>
        <source>no reading since %1</source>
        <translation>%1 이후 측정값 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="102"/>
        <source>readings again after %1</source>
        <translation>%1 만에 측정값 다시 수신</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="104"/>
        <source>no-data alarm removed</source>
        <translation>데이터 없음 경보 삭제됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="107"/>
        <source>no answer from the device</source>
        <translation>장치 응답 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="112"/>
        <source>the device answers again</source>
        <translation>장치가 다시 응답함</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="113"/>
        <source> after %1</source>
        <translation> (%1 만에)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="119"/>
        <source>acknowledged by %1</source>
        <translation>%1 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="62"/>
        <source>reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="63"/>
        <source>approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_text.py" line="125"/>
        <source>%1 by %2</source>
        <translation>%2 %1</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="38"/>
        <source>no reading yet</source>
        <translation>측정값 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="41"/>
        <source>%n s ago</source>
        <translation>%n초 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="43"/>
        <source>%n min ago</source>
        <translation>%n분 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="45"/>
        <source>%n h ago</source>
        <translation>%n시간 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="46"/>
        <source>%n days ago</source>
        <translation>%n일 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="60"/>
        <source>Normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="61"/>
        <source>ALARM</source>
        <translation>경보</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="62"/>
        <source>SENSOR LOST</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="63"/>
        <source>No recent data</source>
        <translation>최근 데이터 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="64"/>
        <source>Waiting for data</source>
        <translation>데이터 대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="70"/>
        <source>Deviation</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="71"/>
        <source>Back within limits</source>
        <translation>정상 복귀</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="72"/>
        <source>Acknowledged</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="73"/>
        <source>Sensor lost</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="74"/>
        <source>Sensor restored</source>
        <translation>센서 복구</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="75"/>
        <source>Device lost</source>
        <translation>장치 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="76"/>
        <source>Device restored</source>
        <translation>장치 복구</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="77"/>
        <source>Device error</source>
        <translation>장치 오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="78"/>
        <source>Corrective action</source>
        <translation>개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="79"/>
        <source>Sign-off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="80"/>
        <source>Settings changed</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="81"/>
        <source>Manual entry</source>
        <translation>수기 입력</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="82"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="87"/>
        <source>above high limit</source>
        <translation>상한 초과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="87"/>
        <source>below low limit</source>
        <translation>하한 미달</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="88"/>
        <source>no signal</source>
        <translation>신호 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="93"/>
        <source>operator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="94"/>
        <source>manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="95"/>
        <source>administrator</source>
        <translation>시스템 관리자</translation>
    </message>
</context>
<context>
    <name>GhgPage</name>
    <message>
        <location filename="../../sectors/eco/views.py" line="832"/>
        <source>GHG</source>
        <translation>온실가스</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="840"/>
        <source>Greenhouse gas and intensity</source>
        <translation>온실가스 배출량과 원단위</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="842"/>
        <location filename="../../sectors/eco/views.py" line="873"/>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="850"/>
        <source>Scope 1 (fuel burnt on site)</source>
        <translation>Scope 1 (직접 배출: 사업장 연료 연소)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="851"/>
        <source>Scope 2 (electricity bought)</source>
        <translation>Scope 2 (간접 배출: 구매 전력)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="852"/>
        <source>Total (Scope 1 + 2)</source>
        <translation>합계 (Scope 1 + 2)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="861"/>
        <source>By scope, as the monthly report prints it (tCO2eq)</source>
        <translation>배출 범위별 (월간 보고서와 같음, tCO2eq)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="862"/>
        <source>Line</source>
        <translation>항목</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="866"/>
        <source>Intensity by month against the baseline</source>
        <translation>월별 원단위 (기준 대비)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="867"/>
        <location filename="../../sectors/eco/views.py" line="874"/>
        <source>kWh per unit</source>
        <translation>생산 단위당 kWh</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="873"/>
        <source>Produced</source>
        <translation>생산량</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="874"/>
        <location filename="../../sectors/eco/views.py" line="876"/>
        <source>vs baseline</source>
        <translation>기준 대비</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="875"/>
        <source>tCO2eq per unit</source>
        <translation>생산 단위당 tCO2eq</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="878"/>
        <source>Emission factors used</source>
        <translation>적용 배출계수</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="879"/>
        <source>Factor</source>
        <translation>계수</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="879"/>
        <source>What it is</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="vanished">측정값</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="880"/>
        <source>Applied to</source>
        <translation>적용 연도</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="880"/>
        <source>Factor value</source>
        <translation>계수 값</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="881"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="885"/>
        <source>Scope 1 = fuel × net calorific value × emission factor; Scope 2 = kWh × the grid factor of the year the electricity was used (location-based). The factors are those the record says were applied; adding a new year&apos;s factor does not change a month already recorded.</source>
        <translation>Scope 1 = 연료 사용량 × 순발열량 × 배출계수, Scope 2 = 전력 사용량(kWh) × 사용 연도의 전력 배출계수 (위치 기반). 배출계수는 기록 당시 적용되어 기록에 남은 값이며, 새 연도의 계수를 추가해도 이미 기록된 달은 바뀌지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="951"/>
        <source>metered fuel %1 t, deliveries %2 t</source>
        <translation>연료 계량 %1 t, 연료 입고 %2 t</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="954"/>
        <source>%1 kWh of electricity</source>
        <translation>전력 %1 kWh</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="957"/>
        <source>tCO2eq = tonnes of CO2 equivalent</source>
        <translation>tCO2eq = 이산화탄소 환산 톤</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="965"/>
        <source>of which %1: %2 %3</source>
        <translation>그중 %1: %2 %3</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="981"/>
        <source>used for a fuel delivery</source>
        <translation>연료 입고분에 적용</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="998"/>
        <source>Electricity emission factor (%1 data)</source>
        <translation>전력 배출계수 (%1년 기준)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="1001"/>
        <source>Fuel emission factor: %1, %2</source>
        <translation>연료 배출계수: %1, %2</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="1004"/>
        <source>Net calorific value: %1</source>
        <translation>순발열량: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="1022"/>
        <source>(so far)</source>
        <translation>(현재까지)</translation>
    </message>
    <message>
        <location filename="../../sectors/eco/views.py" line="1036"/>
        <source>baseline %1 kWh per unit</source>
        <translation>기준 원단위 %1 kWh/단위</translation>
    </message>
</context>
<context>
    <name>HaccpActionDialog</name>
    <message>
        <source>Enter both the cause and the action taken.</source>
        <translation type="vanished">원인과 조치 내용을 모두 입력하세요.</translation>
    </message>
</context>
<context>
    <name>LimitsDialog</name>
    <message>
        <source>Limits of %1</source>
        <translation type="vanished">%1 한계기준</translation>
    </message>
    <message>
        <source>Low limit</source>
        <translation type="vanished">하한</translation>
    </message>
    <message>
        <source>High limit</source>
        <translation type="vanished">상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="36"/>
        <source>Alarm limits of %1</source>
        <translation>%1 관리기준</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="39"/>
        <source>Alarm low</source>
        <translation>관리 하한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="40"/>
        <source>Alarm high</source>
        <translation>관리 상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="41"/>
        <source>Delay (s)</source>
        <translation>지연 (초)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="42"/>
        <source>Hysteresis</source>
        <translation>히스테리시스</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="43"/>
        <source>Lost after (s)</source>
        <translation>끊김 판정 (초)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="47"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="51"/>
        <source>e.g. new product specification</source>
        <translation>예: 신제품 규격 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="52"/>
        <source>Reason</source>
        <translation>변경 사유</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="75"/>
        <source>Not a number: %1</source>
        <translation>숫자가 아닙니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/limits_settings.py" line="85"/>
        <source>Say why the alarm limits change; the reason is recorded.</source>
        <translation>관리기준을 바꾸는 사유를 입력하세요. 사유는 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Say why the limits change; the reason is recorded.</source>
        <translation type="vanished">한계기준을 바꾸는 사유를 입력하세요. 사유는 기록에 남습니다.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="80"/>
        <location filename="../../desktop/ui/record_dialogs.py" line="106"/>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>No users yet: add them in Settings → Users.</source>
        <translation type="vanished">사용자가 없습니다: 설정 → 사용자에서 추가하세요.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="86"/>
        <source>Loading the users…</source>
        <translation>사용자 목록을 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="100"/>
        <source>Full name</source>
        <translation>성명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="101"/>
        <source>Login</source>
        <translation>아이디</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="103"/>
        <source>Password or PIN</source>
        <translation>비밀번호 또는 PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="104"/>
        <source>Repeat</source>
        <translation>다시 입력</translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="vanished">작업자</translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="vanished">관리자</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="vanished">시스템 관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="135"/>
        <source>There are no users in the record yet. Create the first administrator now; add everyone else in Settings → Users.</source>
        <translation>기록에 등록된 사용자가 아직 없습니다. 먼저 시스템 관리자 계정을 만드세요. 다른 사람은 설정 → 사용자에서 추가합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="139"/>
        <source>The people listed in the site config (%1) no longer sign in there: each needs a login and password.</source>
        <translation>사이트 설정 파일의 사람 목록(%1)으로는 더 이상 로그인할 수 없습니다. 각자 아이디와 비밀번호가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="143"/>
        <source>Create and log in</source>
        <translation>만들고 로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="146"/>
        <source>Choose or type your login, then enter your password or PIN.</source>
        <translation>아이디를 고르거나 입력한 뒤 비밀번호 또는 PIN을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="166"/>
        <source>Enter a name and a login.</source>
        <translation>성명과 아이디를 입력하세요.</translation>
    </message>
    <message>
        <source>A password or PIN needs at least %1 characters.</source>
        <translation type="vanished">비밀번호 또는 PIN은 %1자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="173"/>
        <source>The two entries differ.</source>
        <translation>두 번 입력한 값이 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="176"/>
        <source>Enter your login and your password or PIN.</source>
        <translation>아이디와 비밀번호(또는 PIN)를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="180"/>
        <source>Checking…</source>
        <translation>점검 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="215"/>
        <source>Change your PIN or password</source>
        <translation>PIN 또는 비밀번호 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="226"/>
        <source>Wrong login or password.</source>
        <translation>아이디 또는 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="228"/>
        <source>%1 attempt(s) left before the account locks.</source>
        <translation>%1회 더 틀리면 계정이 잠깁니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="230"/>
        <source>The account is now locked for %1 minutes.</source>
        <translation>계정이 %1분 동안 잠겼습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="236"/>
        <source>This account is locked after %1 wrong passwords. Try again in %2 min or ask an administrator to unlock it.</source>
        <translation>비밀번호를 %1회 틀려 계정이 잠겼습니다. %2분 뒤에 다시 시도하거나 시스템 관리자에게 잠금 해제를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="240"/>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>사용이 중지된 계정입니다. 시스템 관리자에게 문의하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="241"/>
        <source>Not logged in: %1</source>
        <translation>로그인하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>LotDialog</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="325"/>
        <location filename="../../sectors/manufacturing/views.py" line="337"/>
        <source>Start lot</source>
        <translation>로트 시작</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="338"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="342"/>
        <source>Lot number</source>
        <translation>로트 번호</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="343"/>
        <source>Recipe</source>
        <translation>처방</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="349"/>
        <source>Enter the lot number.</source>
        <translation>로트 번호를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="352"/>
        <source>This plant has no recipe to run a lot with.</source>
        <translation>이 공장에는 로트에 쓸 작업 조건(레시피)이 없습니다.</translation>
    </message>
</context>
<context>
    <name>LotsPage</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="882"/>
        <location filename="../../sectors/manufacturing/views.py" line="923"/>
        <source>Lots</source>
        <translation>로트</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="887"/>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="888"/>
        <source>Machine</source>
        <translation>설비</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="888"/>
        <source>Recipe</source>
        <translation>처방</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="887"/>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="887"/>
        <source>Start – end</source>
        <translation>시작 – 종료</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="897"/>
        <source>Criterion</source>
        <translation>기준</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="897"/>
        <source>Required</source>
        <translation>요구 조건</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="898"/>
        <source>Measured</source>
        <translation>측정 결과</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="898"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="925"/>
        <source>Lots that ended in the last 7 days, newest first (the running lot is on the machine board). Choose one to see its process curves: the shaded band is the recipe&apos;s window. The verdict is worked out again from the record, as on the printed lot record.</source>
        <translation>최근 7일 동안 끝난 로트입니다. 최근 것이 위에 있습니다 (진행 중인 로트는 설비 현황판에 있습니다). 로트를 고르면 공정 곡선이 나옵니다. 색칠된 띠가 처방의 공정 조건 범위입니다. 판정은 인쇄되는 로트 기록과 같이 기록에서 다시 계산합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="948"/>
        <source>Within window</source>
        <translation>적합 (공정 조건 내)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="948"/>
        <source>Out of window</source>
        <translation>부적합 (공정 조건 이탈)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="966"/>
        <source>No lot ended in the last 7 days.</source>
        <translation>최근 7일 동안 끝난 로트가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="998"/>
        <source>Lot %1 · %2 · %3</source>
        <translation>로트 %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1006"/>
        <source>not met: %1</source>
        <translation>미충족: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1009"/>
        <source>%1; started by %2, ended by %3</source>
        <translation>%1, 시작: %2, 종료: %3</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1012"/>
        <source>Signed: %1</source>
        <translation>서명: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1014"/>
        <source>(no longer valid)</source>
        <translation>(더 이상 유효하지 않음)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1021"/>
        <source>pass</source>
        <translation>적합</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1021"/>
        <source>FAIL</source>
        <translation>부적합</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1048"/>
        <source>performed</source>
        <translation>작성</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1048"/>
        <source>reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1049"/>
        <source>approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1068"/>
        <source>automatic (lot rule)</source>
        <translation>자동 (로트 규칙)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1082"/>
        <source>Green band: the window %1–%2 %3</source>
        <translation>초록 띠: 공정 조건 범위 %1–%2 %3</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1086"/>
        <source>blue: the ramp %1–%2</source>
        <translation>파란 영역: 승온 구간 %1–%2</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1087"/>
        <source>blue: the longest soak %1–%2 (%3)</source>
        <translation>파란 영역: 가장 긴 연속 유지 %1–%2 (%3)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1091"/>
        <source>No reading in this lot&apos;s span.</source>
        <translation>이 로트 기간에 측정값이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1103"/>
        <source>%1–%2 for at least %3 of the time</source>
        <translation>%1–%2, 시간의 %3 이상</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1106"/>
        <source>min %1 / mean %2 / max %3; in band %4 (out %5, no data %6)</source>
        <translation>최저 %1 / 평균 %2 / 최고 %3, 범위 내 %4 (이탈 %5, 데이터 없음 %6)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1110"/>
        <location filename="../../sectors/manufacturing/views.py" line="1126"/>
        <source>no data</source>
        <translation>데이터 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1112"/>
        <source>%1–%2 held for at least %3</source>
        <translation>%1–%2 연속 %3 이상 유지</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1114"/>
        <source>longest soak %1</source>
        <translation>최장 연속 유지 %1</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1116"/>
        <source>%1 → %2 at %3–%4 per minute</source>
        <translation>%1 → %2, 분당 %3–%4</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1119"/>
        <source>%1 per minute</source>
        <translation>분당 %1</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1120"/>
        <source>ramp not completed in the lot</source>
        <translation>로트 안에서 승온이 끝나지 않음</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1125"/>
        <source>gaps in current</source>
        <translation>전류 데이터 끊김</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="1132"/>
        <source>no arc-on data</source>
        <translation>아크 데이터 없음</translation>
    </message>
</context>
<context>
    <name>MachineCard</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="379"/>
        <source>Availability</source>
        <translation>시간 가동률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="380"/>
        <source>Performance</source>
        <translation>성능 가동률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="381"/>
        <source>Quality</source>
        <translation>양품률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="382"/>
        <source>OEE</source>
        <translation>설비종합효율</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="401"/>
        <source>Enter stop reason…</source>
        <translation>정지 사유 입력…</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="423"/>
        <source>Record cause and action…</source>
        <translation>원인과 조치 기록…</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="426"/>
        <source>Verify and sign…</source>
        <translation>검증 및 서명…</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="459"/>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="463"/>
        <source>since %1 (%2 min)</source>
        <translation>%1부터 (%2분째)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="466"/>
        <source>no state recorded yet</source>
        <translation>아직 기록된 상태 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="467"/>
        <source>Today: %1 good, %2 scrap</source>
        <translation>오늘: 양품 %1개, 불량 %2개</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="471"/>
        <source>This shift (%1, since %2):</source>
        <translation>이번 근무조 (%1, %2부터):</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="478"/>
        <source>No shift now: nothing is planned.</source>
        <translation>지금은 근무 시간이 아닙니다 (계획 없음).</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="484"/>
        <source>Lot %1 · %2 · started %3 by %4</source>
        <translation>로트 %1 · %2 · %3 시작 (%4)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="488"/>
        <source>End lot</source>
        <translation>로트 종료</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="494"/>
        <source>Lots start by themselves when %1 rises above %2 and end below %3.</source>
        <translation>로트는 %1이(가) %2를 넘으면 자동으로 시작하고 %3 아래로 내려가면 끝납니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="496"/>
        <source>Lots start by themselves when the signal rises above %2 and end below %3.</source>
        <translation>로트는 신호가 %2를 넘으면 자동으로 시작하고 %3 아래로 내려가면 끝납니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="501"/>
        <location filename="../../sectors/manufacturing/views.py" line="504"/>
        <source>Start lot…</source>
        <translation>로트 시작…</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="503"/>
        <source>No lot running.</source>
        <translation>진행 중인 로트 없음.</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="509"/>
        <source>%1 stop(s) without a reason (from %2)</source>
        <translation>사유 없는 정지 %1건 (%2부터)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="165"/>
        <source>Deungdae — %1</source>
        <translation>등대 — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="193"/>
        <location filename="../../desktop/ui/self_check.py" line="26"/>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="194"/>
        <source>Trends</source>
        <translation>추이</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="195"/>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="201"/>
        <source>Audit trail</source>
        <translation>감사 추적</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="277"/>
        <source>Show window</source>
        <translation>창 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="279"/>
        <source>Stop recording and quit</source>
        <translation>기록 중지 후 종료</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="285"/>
        <source>Deungdae is recording</source>
        <translation>등대 기록 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="352"/>
        <source>Deungdae</source>
        <translation>등대</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="353"/>
        <source>Still recording. Use the tray icon to open or quit.</source>
        <translation>계속 기록 중입니다. 트레이 아이콘으로 열거나 종료하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="386"/>
        <location filename="../../desktop/ui/main_window.py" line="438"/>
        <source>Deungdae alarm</source>
        <translation>등대 경보</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="575"/>
        <source>Not recorded</source>
        <translation>기록되지 않음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="576"/>
        <source>This could not be recorded: %1</source>
        <translation>기록하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="582"/>
        <source>Recording stopped: %1</source>
        <translation>기록 중지됨: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="599"/>
        <source>Recording</source>
        <translation>기록 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="600"/>
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="603"/>
        <source>Recording stopped</source>
        <translation>기록 중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="605"/>
        <source>Recording stopped on an error</source>
        <translation>오류로 기록 중지됨</translation>
    </message>
    <message>
        <source>Sync: waiting (%1 to send)</source>
        <translation type="vanished">동기화: 대기 중 (전송 대기 %1건)</translation>
    </message>
    <message>
        <source>Sync: not set up (offline only)</source>
        <translation type="vanished">동기화: 설정 안 됨 (오프라인 전용)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="611"/>
        <source>Log out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="612"/>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="691"/>
        <source>Sign off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="692"/>
        <source>Only a manager can sign off. Log in as a manager.</source>
        <translation>결재는 관리자만 할 수 있습니다. 관리자로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="200"/>
        <source>Reports</source>
        <translation>보고서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="222"/>
        <source>No open incidents</source>
        <translation>처리 중인 이상 없음</translation>
    </message>
</context>
<context>
    <name>ManualConfirmDialog</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1027"/>
        <source>Confirm manual entry</source>
        <translation>수기 입력 확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1043"/>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1044"/>
        <source>Back</source>
        <translation>돌아가기</translation>
    </message>
</context>
<context>
    <name>ManualEntryPage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1294"/>
        <location filename="../../sectors/haccp/views.py" line="1311"/>
        <source>Manual entry</source>
        <translation>수기 입력</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1312"/>
        <source>When automatic recording is down, enter monitoring values by hand: type the value you read and choose why. Each entry is flagged as manual and carries your name, the time and the reason.</source>
        <translation>자동 기록이 중단되면 모니터링 값을 수기로 입력하세요. 읽은 값을 직접 입력하고 사유를 고르세요. 각 입력은 수기로 표시되며 입력자, 시각, 사유가 함께 기록됩니다.</translation>
    </message>
    <message>
        <source>When automatic recording is down, enter monitoring values by hand. Each entry is flagged as manual and carries your name and the time.</source>
        <translation type="vanished">자동 기록이 중단되면 모니터링 값을 수기로 입력하세요. 모든 입력은 수기로 표시되며 입력자 이름과 시각이 함께 기록됩니다.</translation>
    </message>
</context>
<context>
    <name>OeePage</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="745"/>
        <location filename="../../sectors/manufacturing/views.py" line="756"/>
        <source>OEE by shift</source>
        <translation>근무조별 설비종합효율</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="749"/>
        <source>Day</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="749"/>
        <source>Shift</source>
        <translation>근무조</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="749"/>
        <location filename="../../sectors/manufacturing/views.py" line="763"/>
        <source>Machine</source>
        <translation>설비</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="749"/>
        <location filename="../../sectors/manufacturing/views.py" line="763"/>
        <source>Planned time</source>
        <translation>계획 가동시간</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="750"/>
        <location filename="../../sectors/manufacturing/views.py" line="763"/>
        <source>Running</source>
        <translation>실가동시간</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="750"/>
        <location filename="../../sectors/manufacturing/views.py" line="764"/>
        <source>Availability</source>
        <translation>시간 가동률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="750"/>
        <location filename="../../sectors/manufacturing/views.py" line="764"/>
        <source>Performance</source>
        <translation>성능 가동률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="751"/>
        <location filename="../../sectors/manufacturing/views.py" line="764"/>
        <source>Quality</source>
        <translation>양품률</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="751"/>
        <location filename="../../sectors/manufacturing/views.py" line="765"/>
        <source>OEE</source>
        <translation>설비종합효율</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="751"/>
        <location filename="../../sectors/manufacturing/views.py" line="765"/>
        <source>Good</source>
        <translation>양품</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="751"/>
        <location filename="../../sectors/manufacturing/views.py" line="765"/>
        <source>Scrap</source>
        <translation>불량</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="752"/>
        <source>Stops without reason</source>
        <translation>사유 없는 정지</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="753"/>
        <source>Stop reason</source>
        <translation>정지 사유</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="753"/>
        <source>Downtime</source>
        <translation>정지 시간</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="754"/>
        <source>Stops</source>
        <translation>정지 횟수</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="754"/>
        <source>Share</source>
        <translation>비율</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="754"/>
        <source>Cumulative</source>
        <translation>누적 비율</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="758"/>
        <source>The last 7 days, newest first; the shift in progress counts up to now. Availability = running ÷ planned time; performance = ideal cycle × pieces ÷ running; quality = good ÷ pieces; OEE = the three multiplied (ISO 22400).</source>
        <translation>최근 7일, 최신순. 진행 중인 근무조는 지금까지를 셉니다. 시간 가동률 = 실가동시간 ÷ 계획 가동시간, 성능 가동률 = 기준 사이클 × 생산 수량 ÷ 실가동시간, 양품률 = 양품 ÷ 생산 수량, 설비종합효율 = 세 값을 곱한 값 (ISO 22400).</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="763"/>
        <source>Shifts</source>
        <translation>근무조 수</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="766"/>
        <source>The week by machine (ended shifts)</source>
        <translation>최근 7일 설비별 합계 (끝난 근무조)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="768"/>
        <source>Downtime by reason (Pareto)</source>
        <translation>정지 사유별 정지 시간 (파레토)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="782"/>
        <source>(in progress)</source>
        <translation>(진행 중)</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="803"/>
        <source>All machines</source>
        <translation>전체 설비</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="824"/>
        <source>No reason entered</source>
        <translation>사유 미입력</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="826"/>
        <source>Not in this plant&apos;s reason list: %1</source>
        <translation>이 공장의 정지 사유 목록에 없는 사유: %1</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../desktop/ui/overview.py" line="35"/>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="57"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="61"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="61"/>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="61"/>
        <source>Profile / port</source>
        <translation>프로파일 / 포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="62"/>
        <source>Errors</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="62"/>
        <source>Last seen</source>
        <translation>마지막 수신</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="220"/>
        <source>%1 channel(s) need attention</source>
        <translation>%1개 채널 확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="223"/>
        <source>%1 channel(s) without recent data</source>
        <translation>%1개 채널 최근 데이터 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="226"/>
        <source>Waiting for the first readings…</source>
        <translation>첫 측정값을 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="229"/>
        <source>All %1 channels normal</source>
        <translation>전체 %1개 채널 정상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="238"/>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="239"/>
        <source>Lost</source>
        <translation>끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="241"/>
        <source>simulated device</source>
        <translation>모의 장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="75"/>
        <source>Since</source>
        <translation>발생 시각</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="75"/>
        <source>Incident</source>
        <translation>이상 내용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="75"/>
        <source>Where</source>
        <translation>대상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="76"/>
        <source>Stage</source>
        <translation>처리 단계</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="161"/>
        <source>Not acknowledged</source>
        <translation>미확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="161"/>
        <source>Acknowledged</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="162"/>
        <source>Action recorded, to verify</source>
        <translation>개선조치 기록됨, 검증 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="163"/>
        <source>Verified</source>
        <translation>검증 완료</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="179"/>
        <source>Open incidents (%1)</source>
        <translation>처리 중인 이상 (%1건)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="212"/>
        <source>%1 open: %2</source>
        <translation>%1 발생: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="215"/>
        <source>%1 open incident(s) in all</source>
        <translation>전체 %1건 처리 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="75"/>
        <source>Details</source>
        <translation>상세</translation>
    </message>
</context>
<context>
    <name>PortsPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="235"/>
        <source>Connections found</source>
        <translation>찾은 연결</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="236"/>
        <source>These are the serial (RS-485 / USB) ports on this computer. Plug in the converter and press Search again if yours is missing. Simulated devices need no port.</source>
        <translation>이 컴퓨터의 시리얼(RS-485 / USB) 포트입니다. 보이지 않으면 변환기를 꽂고 다시 찾기를 누르세요. 시뮬레이션 장치는 포트가 필요 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="239"/>
        <source>Search again</source>
        <translation>다시 찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="243"/>
        <source>Simulated devices (demo, no hardware)</source>
        <translation>시뮬레이션 장치 (데모, 하드웨어 없음)</translation>
    </message>
</context>
<context>
    <name>ReadinessPage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1604"/>
        <source>HACCP readiness</source>
        <translation>스마트 HACCP 요건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1607"/>
        <source>1. Every CCP is recorded automatically</source>
        <translation>1. 모든 CCP 자동 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1608"/>
        <source>2. Records cannot be forged or altered</source>
        <translation>2. 기록 위·변조 방지</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1609"/>
        <source>3. A critical-limit breach raises an alert and is logged</source>
        <translation>3. 한계기준 이탈 시 경보 및 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1610"/>
        <source>4. A manual fallback covers every recording stop</source>
        <translation>4. 자동 기록 중단 시 수기 기록으로 대체</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1614"/>
        <source>Check again</source>
        <translation>다시 점검</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1617"/>
        <source>Smart HACCP readiness</source>
        <translation>스마트 HACCP 요건 점검</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1625"/>
        <source>The four things the certification agency checks for smart HACCP, each computed from the settings and the record.</source>
        <translation>인증기관이 스마트 HACCP 심사에서 확인하는 네 가지 요건입니다. 각 항목은 설정과 기록에서 산출됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1671"/>
        <source>Checking…</source>
        <translation>점검 중…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1673"/>
        <source>Met</source>
        <translation>충족</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1675"/>
        <source>Not met</source>
        <translation>미충족</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1683"/>
        <source>Checked at %1</source>
        <translation>%1 점검</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="264"/>
        <source>Stop reason</source>
        <translation>정지 사유</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="289"/>
        <source>Record reason</source>
        <translation>사유 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="290"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="296"/>
        <source>Choose what stopped the machine (a line in bold is a group: choose one of its lines).</source>
        <translation>설비가 멈춘 이유를 고르세요 (굵은 글씨는 분류입니다: 그 아래 항목을 고르세요).</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="96"/>
        <location filename="../../desktop/ui/reports_page.py" line="184"/>
        <source>Reports</source>
        <translation>보고서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="125"/>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="144"/>
        <source>Change folder…</source>
        <translation>폴더 변경…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="153"/>
        <source>Report</source>
        <translation>보고서 종류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="155"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="156"/>
        <source>Format</source>
        <translation>파일 형식</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="157"/>
        <source>Save in</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="162"/>
        <source>Make report</source>
        <translation>보고서 만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="171"/>
        <source>Open file</source>
        <translation>파일 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="172"/>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="186"/>
        <source>Make a report of the record as it is now. Dates are days in the site&apos;s time zone (%1). Every report states whether the record&apos;s hash chain verified when it was made.</source>
        <translation>현재 기록으로 보고서를 만듭니다. 날짜는 사업장 시간대(%1) 기준의 하루입니다. 모든 보고서에는 작성 시점의 기록 위·변조 검증 결과가 함께 인쇄됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="203"/>
        <source>The site&apos;s sectors offer no reports.</source>
        <translation>이 사업장의 업종에서 제공하는 보고서가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="214"/>
        <source>Day</source>
        <translation>일자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="214"/>
        <source>Shift</source>
        <translation>근무조</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="214"/>
        <source>Week</source>
        <translation>주간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="215"/>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="215"/>
        <source>Dates</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="245"/>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="263"/>
        <source>This report is printed in Korean with English beside it.</source>
        <translation>이 보고서는 한국어(영문 병기)로 인쇄됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="287"/>
        <source>Choose a report.</source>
        <translation>보고서를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="290"/>
        <source>The last day is before the first day.</source>
        <translation>끝 날짜가 시작 날짜보다 앞설 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="292"/>
        <source>The site has no shifts ([[site.shifts]] in the site config).</source>
        <translation>사업장 설정에 근무조가 없습니다 (site.toml의 [[site.shifts]]).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="295"/>
        <source>Enter the period (%1).</source>
        <translation>기간을 입력하세요 (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="300"/>
        <source>Not a period of this report: %1</source>
        <translation>이 보고서에 맞는 기간이 아닙니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="326"/>
        <source>Save reports in</source>
        <translation>보고서 저장 위치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="355"/>
        <source>Making %1…</source>
        <translation>%1 만드는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="357"/>
        <source>the window is closing</source>
        <translation>창을 닫는 중입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="369"/>
        <source>The report was not made: %1</source>
        <translation>보고서를 만들지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports_page.py" line="374"/>
        <source>Saved %1</source>
        <translation>저장됨: %1</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="954"/>
        <source>Check schedule</source>
        <translation>점검 일정</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="960"/>
        <source>Due</source>
        <translation>예정 시각</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="960"/>
        <source>CCP</source>
        <translation>CCP</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="960"/>
        <source>Check</source>
        <translation>점검 항목</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="961"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="961"/>
        <source>Last done</source>
        <translation>최근 실시</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="967"/>
        <source>Test-piece checks at their set times (each with its window), checks due at each CCP&apos;s monitoring frequency, and the next reading automatic recording must deliver. When automatic recording is down, record by hand on the Manual entry page.</source>
        <translation>정해진 시각의 금속검출기 시편 점검(허용 시간 포함), CCP별 모니터링 주기에 따른 점검, 자동 기록이 다음 측정값을 남겨야 하는 시각입니다. 자동 기록이 중단되면 수기 입력 화면에서 직접 기록하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="985"/>
        <source>(± %1 min)</source>
        <translation>(± %1분)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="989"/>
        <source>%1 by %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="992"/>
        <source>%1 automatic</source>
        <translation>%1 자동</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1006"/>
        <source>%1 check(s) overdue</source>
        <translation>점검 지연 %1건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1009"/>
        <source>%1 check(s) due now</source>
        <translation>지금 점검 예정 %1건</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1012"/>
        <source>No check due now</source>
        <translation>지금 예정된 점검 없음</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="40"/>
        <source>Managers and administrators sign records: at least %1 characters, not one repeated character, not a run like 123456 or 654321, not the login, not a common password.</source>
        <translation>관리자와 시스템 관리자는 기록에 서명합니다: %1자 이상, 같은 글자 반복 불가, 123456·654321 같은 연속 숫자 불가, 아이디 불가, 흔한 비밀번호 불가.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="44"/>
        <source>Operators: at least %1 characters.</source>
        <translation>작업자: %1자 이상.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="58"/>
        <source>The PIN or password needs at least %1 characters for this role.</source>
        <translation>이 역할의 PIN 또는 비밀번호는 %1자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="61"/>
        <source>A manager&apos;s or administrator&apos;s PIN cannot be one repeated character.</source>
        <translation>관리자·시스템 관리자의 PIN은 같은 글자만 반복할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="64"/>
        <source>A manager&apos;s or administrator&apos;s PIN cannot be a run like 123456 or 654321.</source>
        <translation>관리자·시스템 관리자의 PIN은 123456이나 654321 같은 연속 숫자일 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="68"/>
        <source>The PIN or password cannot be the login.</source>
        <translation>PIN 또는 비밀번호를 아이디와 같게 할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="70"/>
        <source>This PIN or password is too common; choose another.</source>
        <translation>너무 흔한 PIN 또는 비밀번호입니다. 다른 것을 정하십시오.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="77"/>
        <source>Your PIN or password is shorter or simpler than managers and administrators now need (at least %1 characters, not trivial). Please change it in Settings → Users → Change my PIN or password.</source>
        <translation>현재 PIN 또는 비밀번호가 관리자·시스템 관리자 기준(%1자 이상, 단순하지 않을 것)에 맞지 않습니다. 설정 → 사용자 → 내 PIN 또는 비밀번호 변경에서 바꾸십시오.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="53"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="57"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="58"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Channels and limits</source>
        <translation type="vanished">채널 및 한계기준</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="59"/>
        <source>Channels and alarm limits</source>
        <translation>채널 및 관리기준</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="60"/>
        <source>Users</source>
        <translation>사용자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="61"/>
        <source>Central platform</source>
        <translation>중앙 플랫폼</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="62"/>
        <source>Data and backup</source>
        <translation>데이터 및 백업</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="79"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="80"/>
        <source>Keep recording in the tray when the window is closed</source>
        <translation>창을 닫아도 트레이에서 계속 기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="85"/>
        <source>Closing the window</source>
        <translation>창 닫기</translation>
    </message>
    <message>
        <source>To change these, edit %1 and restart; changes made in the window arrive with the audit trail.</source>
        <translation type="vanished">변경하려면 %1 파일을 고친 뒤 다시 시작하세요. 화면에서 바로 바꾸는 기능은 감사 추적 기능과 함께 제공됩니다.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="vanished">ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">이름</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="vanished">프로파일</translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="vanished">포트</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation type="vanished">국번(Unit ID)</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="vanished">측정 주기</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="vanished">단위</translation>
    </message>
    <message>
        <source>Low limit</source>
        <translation type="vanished">하한</translation>
    </message>
    <message>
        <source>High limit</source>
        <translation type="vanished">상한</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="vanished">지연</translation>
    </message>
    <message>
        <source>Lost after</source>
        <translation type="vanished">끊김 판정</translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="vanished">역할</translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="vanished">주소</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation type="vanished">등록 안 됨</translation>
    </message>
    <message>
        <source>Plant id</source>
        <translation type="vanished">공장 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="108"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="111"/>
        <source>Back up the record now…</source>
        <translation>지금 기록 백업…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="122"/>
        <source>Back up the record</source>
        <translation>기록 백업</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="128"/>
        <source>Backing up…</source>
        <translation>백업 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="131"/>
        <source>Saved %1 (%2 MB)</source>
        <translation>저장됨: %1 (%2 MB)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="617"/>
        <source>Leave the setup?</source>
        <translation>설정을 그만두시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="618"/>
        <source>The people entered on this page are not saved yet. Leave the setup and discard them?</source>
        <translation>이 화면에 입력한 사람들은 아직 저장되지 않았습니다. 설정을 그만두고 입력을 버리시겠습니까?</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="360"/>
        <source>Sign off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="366"/>
        <source>Performed</source>
        <translation>수행</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="367"/>
        <source>Reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="368"/>
        <source>Approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="372"/>
        <source>re-enter your password or PIN to sign</source>
        <translation>서명하려면 비밀번호 또는 PIN을 다시 입력하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="374"/>
        <source>Signing means re-entering your password. The signature records your printed name, the time (UTC), its meaning and a fingerprint of what you sign; if that record changes later, the signature shows as invalidated.</source>
        <translation>전자서명은 비밀번호를 다시 입력하는 것입니다. 서명에는 성명, 시각(UTC), 서명 의미와 서명한 기록의 해시가 남으며, 그 기록이 나중에 바뀌면 서명은 무효로 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="383"/>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="386"/>
        <source>Signed by</source>
        <translation>서명자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="387"/>
        <source>Meaning</source>
        <translation>서명 의미</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="388"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="389"/>
        <source>Password or PIN</source>
        <translation>비밀번호 또는 PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="392"/>
        <source>Sign</source>
        <translation>서명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="416"/>
        <source>Enter your password or PIN to sign.</source>
        <translation>서명하려면 비밀번호 또는 PIN을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="425"/>
        <source>Signing…</source>
        <translation>서명 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="462"/>
        <source>Wrong password: nothing was signed or recorded.</source>
        <translation>비밀번호가 틀렸습니다. 서명도 기록도 되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="464"/>
        <source>Your account is locked after too many wrong passwords: nothing was signed. Ask an administrator to unlock it.</source>
        <translation>비밀번호를 여러 번 틀려 계정이 잠겼습니다. 서명되지 않았습니다. 시스템 관리자에게 잠금 해제를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="467"/>
        <source>This account is disabled: nothing was signed.</source>
        <translation>사용이 중지된 계정입니다. 서명되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="469"/>
        <source>Your role may not sign with this meaning: nothing was signed.</source>
        <translation>현재 역할로는 이 의미로 서명할 수 없습니다. 서명되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="471"/>
        <source>Not signed: managers and administrators sign only with a PIN or password of at least %1 characters that is not trivial. Change it first in Settings → Users → Change my PIN or password.</source>
        <translation>서명되지 않았습니다: 관리자와 시스템 관리자는 %1자 이상이고 쉽게 추측되지 않는 PIN 또는 비밀번호로만 서명할 수 있습니다. 먼저 설정 → 사용자 → 내 PIN/비밀번호 변경에서 바꾸십시오.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="475"/>
        <source>Not signed: %1</source>
        <translation>서명되지 않음: %1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="150"/>
        <source>Deungdae is already running</source>
        <translation>등대가 이미 실행 중입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="151"/>
        <source>Deungdae is already recording into this data dir:
%1

It may be the background logger (no window) or Deungdae started by another user. Use that one, or stop it first.</source>
        <translation>등대가 이미 이 데이터 폴더에 기록하고 있습니다:
%1

창 없이 도는 백그라운드 기록기이거나 다른 사용자가 실행한 등대일 수 있습니다. 그 프로그램을 쓰시거나 먼저 종료해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="163"/>
        <source>Deungdae cannot open the record</source>
        <translation>등대가 기록을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="164"/>
        <source>The record in %1 cannot be opened:

%2</source>
        <translation>%1의 기록을 열 수 없습니다:

%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="176"/>
        <source>Opening the record…</source>
        <translation>기록을 여는 중…</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="27"/>
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="28"/>
        <source>%1 records</source>
        <translation>기록 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="35"/>
        <source>Sync: not set up (offline only)</source>
        <translation>동기화: 설정 안 됨 (오프라인 전용)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="36"/>
        <source>Register with a central platform in Settings → Central platform</source>
        <translation>설정 → 중앙 플랫폼에서 중앙 플랫폼에 등록하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="38"/>
        <source>Sync: needs attention</source>
        <translation>동기화: 확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="41"/>
        <source>Sync: offline, will retry (%1 waiting)</source>
        <translation>동기화: 연결 끊김, 다시 시도 예정 (대기 %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="46"/>
        <source>Sync: sending (%1 to send)</source>
        <translation>동기화: 전송 중 (남은 %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="51"/>
        <source>Sync: up to date (%1)</source>
        <translation>동기화: 최신 상태 (%1)</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="200"/>
        <source>What does your plant do?</source>
        <translation>공장은 어떤 일을 하나요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="201"/>
        <source>Pick the model closest to your plant. It comes with typical devices, channels and limits; you can change all of them later in Settings.</source>
        <translation>우리 공장과 가장 비슷한 모델을 고르세요. 일반적인 장치, 채널, 관리기준이 함께 들어 있으며 나중에 설정에서 모두 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="204"/>
        <source>Plant name</source>
        <translation>공장 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="205"/>
        <source>e.g. Hanbit Foods plant 2</source>
        <translation>예: 한빛식품 2공장</translation>
    </message>
</context>
<context>
    <name>TestPieceForm</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1203"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1204"/>
        <source>Record check</source>
        <translation>점검 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1212"/>
        <source>Tick each result that was as it must be; an unticked result is recorded as failed (a deviation).</source>
        <translation>정상인 결과에 표시하세요. 표시하지 않은 항목은 부적합(이탈)으로 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1236"/>
        <source>Check recorded by %1. Failed: %2 — a deviation was opened: handle it on the Deviations page.</source>
        <translation>%1 님의 점검이 기록되었습니다. 부적합: %2 — 이탈이 등록되었습니다. 이탈 관리 화면에서 처리하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1247"/>
        <source>Check recorded by %1: all results as they must be.</source>
        <translation>%1 님의 점검이 기록되었습니다: 모든 결과 적합.</translation>
    </message>
    <message>
        <source>Check recorded by %1.</source>
        <translation type="vanished">%1 점검 기록 완료.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="92"/>
        <source>Add a user</source>
        <translation>사용자 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="93"/>
        <source>Reset the password of %1</source>
        <translation>%1 비밀번호 재설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="115"/>
        <source>Full name</source>
        <translation>성명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="116"/>
        <source>Login</source>
        <translation>아이디</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="117"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="119"/>
        <source>New PIN or password</source>
        <translation>새 비밀번호 또는 PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="120"/>
        <source>Repeat</source>
        <translation>다시 입력</translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="vanished">작업자</translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="vanished">관리자</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="vanished">시스템 관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="144"/>
        <source>Enter a name and a login.</source>
        <translation>성명과 아이디를 입력하세요.</translation>
    </message>
    <message>
        <source>A PIN or password needs at least %1 characters.</source>
        <translation type="vanished">비밀번호 또는 PIN은 %1자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="148"/>
        <source>The two entries differ.</source>
        <translation>두 번 입력한 값이 서로 다릅니다.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="457"/>
        <source>Who works here?</source>
        <translation>누가 일하나요?</translation>
    </message>
    <message>
        <source>Add the people who acknowledge alarms and sign records. A manager can sign off; an operator can acknowledge and record corrective actions.</source>
        <translation type="vanished">경보를 확인하고 기록에 서명할 사람을 추가하세요. 관리자는 결재할 수 있고, 작업자는 경보 확인과 개선조치 기록을 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Add the people who acknowledge alarms and sign records, each with a login and a PIN or password of at least %1 characters (entered twice). The first person must be an administrator or a manager. An administrator manages users; a manager can sign off; an operator can acknowledge and record corrective actions.</source>
        <translation type="vanished">경보를 확인하고 기록에 서명할 사람을 추가하세요. 각자 아이디와 %1자 이상의 비밀번호 또는 PIN이 필요합니다(두 번 입력). 첫 번째 사람은 시스템 관리자 또는 관리자여야 합니다. 시스템 관리자는 사용자를 관리하고, 관리자는 결재하며, 작업자는 경보 확인과 개선조치를 기록합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="459"/>
        <source>Add the people who acknowledge alarms and sign records, each with a login and a PIN or password (entered twice). The first person must be an administrator or a manager. An administrator manages users; a manager can sign off; an operator can acknowledge and record corrective actions.</source>
        <translation>경보를 확인하고 기록에 서명할 사람을 추가하십시오. 각자 아이디와 PIN 또는 비밀번호(두 번 입력)가 필요합니다. 첫 번째 사람은 시스템 관리자 또는 관리자여야 합니다. 시스템 관리자는 사용자를 관리하고, 관리자는 결재하며, 작업자는 경보 확인과 개선조치를 기록합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="464"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="464"/>
        <source>Login</source>
        <translation>아이디</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="465"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="465"/>
        <source>PIN or password</source>
        <translation>비밀번호 또는 PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="466"/>
        <source>Repeat</source>
        <translation>다시 입력</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="467"/>
        <source>Add a person</source>
        <translation>사람 추가</translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="vanished">작업자</translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="vanished">관리자</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="vanished">시스템 관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="508"/>
        <source>Add at least one person: an administrator or a manager.</source>
        <translation>시스템 관리자 또는 관리자를 한 명 이상 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="516"/>
        <source>Row %1: enter both a name and a login.</source>
        <translation>%1번째 줄: 이름과 아이디를 모두 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="519"/>
        <source>%1: a login cannot contain spaces.</source>
        <translation>%1: 아이디에는 공백을 넣을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="521"/>
        <source>The login %1 is used twice.</source>
        <translation>아이디 %1이(가) 두 번 쓰였습니다.</translation>
    </message>
    <message>
        <source>%1: the PIN or password needs at least %2 characters.</source>
        <translation type="vanished">%1: 비밀번호 또는 PIN은 %2자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="527"/>
        <source>%1: the two PIN or password entries differ.</source>
        <translation>%1: 두 번 입력한 비밀번호(PIN)가 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="530"/>
        <source>The first person must be an administrator or a manager.</source>
        <translation>첫 번째 사람은 시스템 관리자 또는 관리자여야 합니다.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="162"/>
        <source>Login</source>
        <translation>아이디</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="162"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="162"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="163"/>
        <source>Active</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="163"/>
        <source>Locked</source>
        <translation>잠김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="167"/>
        <source>Add a user…</source>
        <translation>사용자 추가…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="168"/>
        <source>Reset password…</source>
        <translation>비밀번호 재설정…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="169"/>
        <location filename="../../desktop/ui/users_settings.py" line="419"/>
        <source>Disable</source>
        <translation>사용 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="170"/>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="vanished">작업자</translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="vanished">관리자</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="vanished">시스템 관리자</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="vanished">%1까지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="175"/>
        <source>Change my PIN or password…</source>
        <translation>내 PIN 또는 비밀번호 변경…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="238"/>
        <source>Locked until %1</source>
        <translation>%1까지 잠김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="241"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="241"/>
        <source>no (disabled)</source>
        <translation>아니요 (사용 중지)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="292"/>
        <source>Only a locked account can be unlocked.</source>
        <translation>잠긴 계정만 잠금 해제할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="295"/>
        <source>%1 is locked until %2 after %3 wrong passwords. Unlock lets them try again now.</source>
        <translation>%1 계정은 비밀번호를 %3회 틀려 %2까지 잠겼습니다. 잠금 해제하면 바로 다시 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="299"/>
        <source>Every change is recorded in the audit trail with the administrator&apos;s login.</source>
        <translation>모든 변경은 시스템 관리자의 아이디와 함께 감사 추적에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="301"/>
        <source>Log in as an administrator to add users, reset passwords, disable or unlock accounts.</source>
        <translation>사용자 추가, 비밀번호 재설정, 계정 사용 중지·잠금 해제는 시스템 관리자로 로그인해야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="309"/>
        <source>Only an administrator can change users.</source>
        <translation>사용자 변경은 시스템 관리자만 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="323"/>
        <location filename="../../desktop/ui/users_settings.py" line="396"/>
        <source>Not changed: %1</source>
        <translation>변경되지 않음: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="326"/>
        <location filename="../../desktop/ui/users_settings.py" line="399"/>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="332"/>
        <source>%1 added.</source>
        <translation>%1 추가됨.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="337"/>
        <source>New password set for %1.</source>
        <translation>%1의 새 비밀번호가 설정되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="342"/>
        <source>%1 disabled.</source>
        <translation>%1 사용 중지됨.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="347"/>
        <source>%1 unlocked.</source>
        <translation>%1 잠금 해제됨.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="382"/>
        <source>Log in first.</source>
        <translation>먼저 로그인하십시오.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="395"/>
        <source>Your new PIN or password is set.</source>
        <translation>새 PIN 또는 비밀번호가 설정되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="407"/>
        <source>Change my PIN or password</source>
        <translation>내 PIN 또는 비밀번호 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_settings.py" line="420"/>
        <source>Disable %1? They can no longer log in or sign. Their records stay.</source>
        <translation>%1 계정을 사용 중지할까요? 더 이상 로그인하거나 서명할 수 없습니다. 기존 기록은 그대로 남습니다.</translation>
    </message>
</context>
<context>
    <name>ValueEntryForm</name>
    <message>
        <source>e.g. probe broken, hand thermometer</source>
        <translation type="vanished">예: 탐침 고장, 수동 온도계 사용</translation>
    </message>
    <message>
        <source>Record by hand</source>
        <translation type="vanished">수기 기록</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1061"/>
        <source>value read</source>
        <translation>읽은 값</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1065"/>
        <source>Choose a reason…</source>
        <translation>사유 선택…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1069"/>
        <source>details, e.g. hand thermometer no. 2</source>
        <translation>상세 내용 (예: 수동 온도계 2번)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1070"/>
        <source>Record by hand…</source>
        <translation>수기 기록…</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1076"/>
        <location filename="../../sectors/haccp/views.py" line="1157"/>
        <source>Value</source>
        <translation>측정값</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1082"/>
        <location filename="../../sectors/haccp/views.py" line="1159"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1084"/>
        <source>Details</source>
        <translation>상세 내용</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1103"/>
        <source>The sensor is recording automatically: a value by hand now needs its reason in the details, and every report marks it.</source>
        <translation>센서가 자동 기록 중입니다. 지금 수기로 입력하려면 상세 내용에 사유를 적어야 하며, 모든 보고서에 그렇게 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1107"/>
        <source>The sensor is not recording: enter what the hand instrument reads.</source>
        <translation>센서가 기록하지 않고 있습니다. 수동 측정기로 읽은 값을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1113"/>
        <source>Type the value you read.</source>
        <translation>읽은 값을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1114"/>
        <source>The value must be a number, e.g. 81.5.</source>
        <translation>측정값은 숫자여야 합니다 (예: 81.5).</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1115"/>
        <source>The value must lie between %1 and %2.</source>
        <translation>측정값은 %1에서 %2 사이여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1117"/>
        <source>Choose why the value is entered by hand.</source>
        <translation>수기로 입력하는 사유를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1118"/>
        <source>Write the reason in the details.</source>
        <translation>상세 내용에 사유를 적으세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1119"/>
        <source>The sensor is recording: write in the details why a value by hand is needed.</source>
        <translation>센서가 기록 중입니다. 수기 입력이 필요한 이유를 상세 내용에 적으세요.</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1127"/>
        <source>Within the critical limit (%1)</source>
        <translation>한계기준 이내 (%1)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1129"/>
        <source>OUTSIDE the critical limit (%1): record the corrective action on the Deviations page</source>
        <translation>한계기준 이탈 (%1): 이탈 관리 화면에서 개선조치를 기록하세요</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1131"/>
        <source>Not judged from one value (critical limit: %1)</source>
        <translation>측정값 하나로 판정하지 않음 (한계기준: %1)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1156"/>
        <source>CCP</source>
        <translation>CCP</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1158"/>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1161"/>
        <source>Entered by</source>
        <translation>입력자</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1162"/>
        <source>The sensor is recording automatically. This entry is marked on every report as made while the sensor was recording.</source>
        <translation>센서가 자동 기록 중입니다. 이 입력은 모든 보고서에 &apos;센서 정상 작동 중 수기 입력&apos;으로 표시됩니다.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="vanished">메모</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="1175"/>
        <source>Recorded %1 by %2 at %3, flagged as manual.</source>
        <translation>%3 %2: %1 기록 (수기 표시).</translation>
    </message>
</context>
<context>
    <name>ZoneCard</name>
    <message>
        <location filename="../../sectors/farm/views.py" line="230"/>
        <source>Condensation risk now</source>
        <translation>지금 결로 위험</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="236"/>
        <source>Record cause and action…</source>
        <translation>원인과 조치 기록…</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="290"/>
        <source>stage: %1</source>
        <translation>생육단계: %1</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="292"/>
        <source>cycle %1</source>
        <translation>작기 %1</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="295"/>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="299"/>
        <source>Day: day bands apply</source>
        <translation>낮: 주간 관리범위 적용</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="300"/>
        <source>night from %1</source>
        <translation>%1부터 밤</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="302"/>
        <source>Night: night bands apply</source>
        <translation>밤: 야간 관리범위 적용</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="303"/>
        <source>day from %1</source>
        <translation>%1부터 낮</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="307"/>
        <source>Sunrise %1, sunset %2</source>
        <translation>일출 %1, 일몰 %2</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="322"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="322"/>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="330"/>
        <source>%1 climate incident(s) open</source>
        <translation>환경 이탈 %1건 처리 중</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="337"/>
        <source>No harvest before %1 (sprayed: %2)</source>
        <translation>%1 이전 수확 금지 (살포 약제: %2)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="353"/>
        <source>a band of this zone</source>
        <translation>이 동의 관리범위</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="358"/>
        <source>below %1</source>
        <translation>%1 미만</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="358"/>
        <source>above %1</source>
        <translation>%1 초과</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="361"/>
        <source>%1 since %2</source>
        <translation>%1 (%2부터)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="364"/>
        <source>action by %1: %2</source>
        <translation>조치 (%1): %2</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="392"/>
        <source>no value</source>
        <translation>값 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="394"/>
        <source>outside</source>
        <translation>범위 벗어남</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="396"/>
        <source>within</source>
        <translation>범위 안</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="398"/>
        <source>Bands now:</source>
        <translation>지금 적용되는 관리범위:</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="399"/>
        <source>No band applies now.</source>
        <translation>지금 적용되는 관리범위 없음.</translation>
    </message>
</context>
<context>
    <name>ZonesPage</name>
    <message>
        <location filename="../../sectors/farm/views.py" line="406"/>
        <location filename="../../sectors/farm/views.py" line="413"/>
        <source>Zones</source>
        <translation>동별 현황</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="450"/>
        <source>%1 back in band</source>
        <translation>%1 관리 범위 안으로 복귀</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="452"/>
        <source>action by %1: %2</source>
        <translation>조치 (%1): %2</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="457"/>
        <source>stage: %1</source>
        <translation>생육단계: %1</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <location filename="../../sectors/haccp/views.py" line="216"/>
        <source>≥ %1 held for %2 s</source>
        <translation>%1 이상 %2초 유지</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="219"/>
        <source>≤ %1 within %2 h</source>
        <translation>%2시간 이내 %1 이하</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="222"/>
        <source>Fe and SUS test pieces rejected, product alone passes</source>
        <translation>Fe·SUS 시편 검출, 제품 단독 통과</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="225"/>
        <source>(tolerated for %1 min)</source>
        <translation>(허용 %1분)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="230"/>
        <source>No deviation</source>
        <translation>이탈 없음</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="231"/>
        <source>Waiting for data</source>
        <translation>데이터 대기 중</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="231"/>
        <source>Within limit</source>
        <translation>한계기준 이내</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="232"/>
        <source>Outside limit, within grace</source>
        <translation>한계기준 벗어남 (허용 시간 내)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="233"/>
        <source>Deviation not closed</source>
        <translation>이탈 미종결</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="234"/>
        <source>LIMIT BREACHED</source>
        <translation>한계기준 이탈</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="235"/>
        <source>AUTOMATIC RECORDING DOWN</source>
        <translation>자동 기록 중단</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="238"/>
        <source>Open</source>
        <translation>미확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="238"/>
        <source>Acknowledged</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="239"/>
        <source>Action recorded</source>
        <translation>개선조치 완료</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="240"/>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="243"/>
        <source>Critical limit exceeded</source>
        <translation>한계기준 이탈</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="244"/>
        <source>Automatic recording stopped</source>
        <translation>자동 기록 중단</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="245"/>
        <source>Temperature not reached</source>
        <translation>기준 온도 미도달</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="246"/>
        <source>Held too short</source>
        <translation>유지 시간 부족</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="247"/>
        <source>Cooling too slow</source>
        <translation>냉각 지연</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="248"/>
        <source>Check missed</source>
        <translation>점검 미실시</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="249"/>
        <source>Test-piece check failed</source>
        <translation>시편 점검 부적합</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="252"/>
        <source>Sensor failure</source>
        <translation>센서 고장</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="253"/>
        <source>Calibration check</source>
        <translation>교정 확인</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="254"/>
        <source>Power cut</source>
        <translation>정전</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="254"/>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="257"/>
        <source>Hold</source>
        <translation>보류</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="257"/>
        <source>Rework</source>
        <translation>재가공</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="258"/>
        <source>Discard</source>
        <translation>폐기</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="258"/>
        <source>Release</source>
        <translation>출고</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="261"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="261"/>
        <source>Upcoming</source>
        <translation>예정</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="262"/>
        <source>Due now</source>
        <translation>점검 예정</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="262"/>
        <source>OVERDUE</source>
        <translation>점검 지연</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="265"/>
        <source>Test-piece check</source>
        <translation>시편 점검</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="266"/>
        <source>Monitoring check</source>
        <translation>주기 점검</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="267"/>
        <source>Next automatic reading</source>
        <translation>다음 자동 측정</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="270"/>
        <source>Fe test piece rejected</source>
        <translation>Fe 시편 검출(배제)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="271"/>
        <source>SUS test piece rejected</source>
        <translation>SUS 시편 검출(배제)</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="272"/>
        <source>Product alone passes</source>
        <translation>제품 단독 통과</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="273"/>
        <source>Fe on product rejected</source>
        <translation>제품 위 Fe 시편 검출</translation>
    </message>
    <message>
        <location filename="../../sectors/haccp/views.py" line="274"/>
        <source>SUS on product rejected</source>
        <translation>제품 위 SUS 시편 검출</translation>
    </message>
</context>
<context>
    <name>_Words</name>
    <message>
        <location filename="../../sectors/farm/views.py" line="165"/>
        <source>Air temperature</source>
        <translation>기온</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="166"/>
        <source>Relative humidity</source>
        <translation>상대습도</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="166"/>
        <source>CO₂</source>
        <translation>CO₂</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="167"/>
        <source>Light (PPFD)</source>
        <translation>광량 (PPFD)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="167"/>
        <source>Solar radiation</source>
        <translation>일사량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="168"/>
        <source>Leaf temperature</source>
        <translation>엽온</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="169"/>
        <source>Ammonia (NH₃)</source>
        <translation>암모니아 (NH₃)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="170"/>
        <source>Substrate moisture</source>
        <translation>배지 함수율</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="171"/>
        <source>Substrate EC</source>
        <translation>배지 EC</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="171"/>
        <source>Substrate pH</source>
        <translation>배지 pH</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="172"/>
        <source>Drain EC</source>
        <translation>배액 EC</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="172"/>
        <source>Drain pH</source>
        <translation>배액 pH</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="173"/>
        <source>Outside temperature</source>
        <translation>외기온</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="176"/>
        <source>Tetens formula (FAO-56), from air temperature and humidity</source>
        <translation>Tetens 식 (FAO-56), 기온과 습도로 계산</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="177"/>
        <source>Magnus formula (Sonntag)</source>
        <translation>Magnus 식 (Sonntag)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="178"/>
        <source>from the vapour pressure (ideal gas)</source>
        <translation>수증기압으로 계산 (이상기체 식)</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="179"/>
        <source>light summed since the day start</source>
        <translation>하루 시작부터 누적한 광량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="180"/>
        <source>light summed over the last 24 hours</source>
        <translation>최근 24시간 누적 광량</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="181"/>
        <source>(daily max + min) ÷ 2 − base temperature, counted when the day ends</source>
        <translation>(일 최고 + 최저) ÷ 2 − 기준온도, 하루가 끝나면 계산</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="183"/>
        <source>air within the set margin of the dew point</source>
        <translation>기온이 이슬점에 설정한 차이 이내로 접근</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="187"/>
        <source>day</source>
        <translation>주간</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="187"/>
        <source>night</source>
        <translation>야간</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="188"/>
        <source>all day</source>
        <translation>종일</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="191"/>
        <source>Greenhouse</source>
        <translation>온실</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="191"/>
        <source>Mushroom house</source>
        <translation>버섯 재배사</translation>
    </message>
    <message>
        <location filename="../../sectors/farm/views.py" line="192"/>
        <source>Livestock house</source>
        <translation>축사</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="241"/>
        <source>no shift now</source>
        <translation>근무 시간 아님</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="242"/>
        <source>day shift</source>
        <translation>주간조</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="242"/>
        <source>night shift</source>
        <translation>야간조</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="243"/>
        <source>morning shift</source>
        <translation>오전조</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="243"/>
        <source>afternoon shift</source>
        <translation>오후조</translation>
    </message>
    <message>
        <location filename="../../sectors/manufacturing/views.py" line="244"/>
        <source>evening shift</source>
        <translation>저녁조</translation>
    </message>
</context>
</TS>
