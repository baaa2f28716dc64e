<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="34" />
        <source>Acknowledge</source>
        <translation>경보 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="37" />
        <source>Show events</source>
        <translation>이벤트 보기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="55" />
        <source>DEVIATION</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="57" />
        <source>SENSOR LOST</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="59" />
        <source>DEVICE LOST</source>
        <translation>장치 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="64" />
        <source>since %1</source>
        <translation>%1부터</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="72" />
        <location filename="../../desktop/ui/alarm_banner.py" line="83" />
        <source>+%1 more</source>
        <translation>외 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/alarm_banner.py" line="82" />
        <source>Acknowledged, still open: </source>
        <translation>확인됨, 아직 진행 중: </translation>
    </message>
</context>
<context>
    <name>CentralTab</name>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="42" />
        <location filename="../../desktop/ui/central_settings.py" line="56" />
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="43" />
        <source>Plant</source>
        <translation>공장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="44" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="45" />
        <source>Waiting to send</source>
        <translation>전송 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="46" />
        <source>Last sent</source>
        <translation>마지막 전송</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="47" />
        <source>Last problem</source>
        <translation>마지막 문제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="50" />
        <source>Register with a central platform</source>
        <translation>중앙 플랫폼에 등록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="55" />
        <source>one-time code from the platform operator</source>
        <translation>플랫폼 운영자가 준 1회용 코드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="57" />
        <source>Registration code</source>
        <translation>등록 코드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="59" />
        <source>Register</source>
        <translation>등록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="76" />
        <source>not registered</source>
        <translation>등록 안 됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="78" />
        <source>offline only: the record stays on this computer</source>
        <translation>오프라인 전용: 기록은 이 컴퓨터에만 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="85" />
        <source>up to date</source>
        <translation>최신 상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="85" />
        <source>sending</source>
        <translation>전송 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="86" />
        <source>offline, will retry</source>
        <translation>연결 끊김, 다시 시도 예정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="87" />
        <source>needs attention</source>
        <translation>확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="88" />
        <source>events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="88" />
        <source>settings changes</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="89" />
        <source>user changes</source>
        <translation>사용자 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="89" />
        <source>sign-ins</source>
        <translation>로그인 기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="90" />
        <source>signatures</source>
        <translation>서명</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="94" />
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="95" />
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="104" />
        <source>Enter the platform's address and the code.</source>
        <translation>플랫폼 주소와 코드를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="107" />
        <source>Registering…</source>
        <translation>등록 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="123" />
        <source>Registered as %1; the record is being sent.</source>
        <translation>%1(으)로 등록되었습니다. 기록을 전송하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/central_settings.py" line="129" />
        <source>Not registered: %1</source>
        <translation>등록되지 않음: %1</translation>
    </message>
</context>
<context>
    <name>ChannelTile</name>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="56" />
        <source>low %1</source>
        <translation>하한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="58" />
        <source>high %1</source>
        <translation>상한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="59" />
        <source>Limits: </source>
        <translation>한계기준: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="59" />
        <source>No limits</source>
        <translation>한계기준 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="77" />
        <source>HIGH</source>
        <translation>상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/channel_tile.py" line="77" />
        <source>LOW</source>
        <translation>하한</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <location filename="../../desktop/ui/charts.py" line="93" />
        <source>Trends</source>
        <translation>추이</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="137" />
        <source>Custom…</source>
        <translation>기간 지정…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="140" />
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="317" />
        <source>%1 points</source>
        <translation>%1개 점</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="366" />
        <source>High limit %1</source>
        <translation>상한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="367" />
        <source>Low limit %1</source>
        <translation>하한 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="391" />
        <source>Could not load history: %1</source>
        <translation>이력을 불러오지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>CorrectiveActionDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="60" />
        <source>Corrective action</source>
        <translation>개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="63" />
        <source>e.g. door left open during loading</source>
        <translation>예: 입고 중 문이 열려 있었음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="65" />
        <source>What was done, e.g. door closed, product temperature checked</source>
        <translation>조치 내용, 예: 문을 닫고 제품 온도를 확인함</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="69" />
        <source>No product affected</source>
        <translation>영향받은 제품 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="69" />
        <source>Product held for review</source>
        <translation>제품 보류(검토)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="70" />
        <source>Product reworked</source>
        <translation>제품 재가공</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="70" />
        <source>Product discarded</source>
        <translation>제품 폐기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="75" />
        <source>Deviation</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="76" />
        <source>Cause</source>
        <translation>원인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="77" />
        <source>Action taken</source>
        <translation>조치 내용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="78" />
        <source>Product</source>
        <translation>제품 처리</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="79" />
        <source>Record</source>
        <translation>기록</translation>
    </message>
</context>
<context>
    <name>CustomRangeDialog</name>
    <message>
        <location filename="../../desktop/ui/charts.py" line="69" />
        <source>Custom range</source>
        <translation>기간 지정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="76" />
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/charts.py" line="77" />
        <source>To</source>
        <translation>끝</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="66" />
        <source>choose the device's port</source>
        <translation>장치의 포트를 고르세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="239" />
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="240" />
        <source>Give each device its port and its address (unit id, set on the device), then press Test to read it now.</source>
        <translation>장치마다 포트와 주소(장치에 설정된 국번)를 지정한 뒤 시험을 눌러 바로 읽어 보세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="242" />
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="242" />
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="243" />
        <source>Unit id</source>
        <translation>국번(Unit ID)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="243" />
        <source>Test result</source>
        <translation>시험 결과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="265" />
        <source>Test</source>
        <translation>시험</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="267" />
        <source>not tested</source>
        <translation>시험 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="275" />
        <source>reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>no driver for this profile yet</source>
        <translation type="vanished">이 프로파일의 드라이버가 아직 없습니다</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="378" />
        <source>Ready</source>
        <translation>준비 완료</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="382" />
        <source>Press Finish to start recording.</source>
        <translation>마침을 누르면 기록을 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="383" />
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="384" />
        <source>Devices: %1</source>
        <translation>장치: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="385" />
        <source>People: %1</source>
        <translation>사용자: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="386" />
        <source>Data folder: %1</source>
        <translation>데이터 폴더: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="392" />
        <source>The setup could not be saved: %1</source>
        <translation>설정을 저장하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>EventListPage</name>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="46" />
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="55" />
        <source>All events</source>
        <translation>전체 이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="56" />
        <source>Deviations and sensor loss</source>
        <translation>이탈 및 센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="57" />
        <source>Acknowledgements, actions, sign-offs</source>
        <translation>확인, 개선조치, 결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="58" />
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="61" />
        <source>All channels</source>
        <translation>전체 채널</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="65" />
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="76" />
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="76" />
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="76" />
        <source>Channel / device</source>
        <translation>채널 / 장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="77" />
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="77" />
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="77" />
        <source>Follow-up</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="89" />
        <source>Acknowledge</source>
        <translation>경보 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="90" />
        <source>Corrective action…</source>
        <translation>개선조치…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="91" />
        <source>Sign off…</source>
        <translation>결재…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="139" />
        <source>acknowledged by %1</source>
        <translation>%1 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="141" />
        <source>action by %1</source>
        <translation>%1 개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="143" />
        <source>signed (%1) by %2</source>
        <translation>%2 결재(%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="148" />
        <source>reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="148" />
        <source>approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/event_list.py" line="202" />
        <source>Select a deviation or a lost sensor to acknowledge it, record an action or sign off.</source>
        <translation>이탈 또는 센서 끊김을 선택하면 확인, 개선조치 기록, 결재를 할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="24" />
        <source>no reading yet</source>
        <translation>측정값 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="27" />
        <source>%n s ago</source>
        <translation>%n초 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="29" />
        <source>%n min ago</source>
        <translation>%n분 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="31" />
        <source>%n h ago</source>
        <translation>%n시간 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="32" />
        <source>%n days ago</source>
        <translation>%n일 전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="46" />
        <source>Normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="47" />
        <source>ALARM</source>
        <translation>경보</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="48" />
        <source>SENSOR LOST</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="49" />
        <source>No recent data</source>
        <translation>최근 데이터 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="50" />
        <source>Waiting for data</source>
        <translation>데이터 대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="56" />
        <source>Deviation</source>
        <translation>이탈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="57" />
        <source>Back within limits</source>
        <translation>정상 복귀</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="58" />
        <source>Acknowledged</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="59" />
        <source>Sensor lost</source>
        <translation>센서 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="60" />
        <source>Sensor restored</source>
        <translation>센서 복구</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="61" />
        <source>Device lost</source>
        <translation>장치 끊김</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="62" />
        <source>Device restored</source>
        <translation>장치 복구</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="63" />
        <source>Device error</source>
        <translation>장치 오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="64" />
        <source>Corrective action</source>
        <translation>개선조치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="65" />
        <source>Sign-off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="66" />
        <source>Settings changed</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="67" />
        <source>Manual entry</source>
        <translation>수기 입력</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="68" />
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="73" />
        <source>above high limit</source>
        <translation>상한 초과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="73" />
        <source>below low limit</source>
        <translation>하한 미달</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/display_format.py" line="74" />
        <source>no signal</source>
        <translation>신호 없음</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="35" />
        <location filename="../../desktop/ui/record_dialogs.py" line="44" />
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="42" />
        <source>No users yet: add them in Settings → Users.</source>
        <translation>사용자가 없습니다: 설정 → 사용자에서 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="43" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="47" />
        <source>operator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="47" />
        <source>manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="48" />
        <source>administrator</source>
        <translation>시스템 관리자</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="116" />
        <source>Deungdae — %1</source>
        <translation>등대 — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="133" />
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="134" />
        <source>Trends</source>
        <translation>추이</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="135" />
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="139" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="196" />
        <source>Show window</source>
        <translation>창 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="198" />
        <source>Stop recording and quit</source>
        <translation>기록 중지 후 종료</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="204" />
        <source>Deungdae is recording</source>
        <translation>등대 기록 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="262" />
        <source>Deungdae</source>
        <translation>등대</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="263" />
        <source>Still recording. Use the tray icon to open or quit.</source>
        <translation>계속 기록 중입니다. 트레이 아이콘으로 열거나 종료하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="292" />
        <source>Deungdae alarm</source>
        <translation>등대 경보</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="306" />
        <source>Not recorded</source>
        <translation>기록되지 않음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="307" />
        <source>This could not be recorded: %1</source>
        <translation>기록하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="313" />
        <source>Recording stopped: %1</source>
        <translation>기록 중지됨: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="327" />
        <source>Recording</source>
        <translation>기록 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="328" />
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="331" />
        <source>Recording stopped</source>
        <translation>기록 중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="333" />
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
        <location filename="../../desktop/ui/main_window.py" line="339" />
        <source>Log out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="339" />
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="402" />
        <source>Sign off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="403" />
        <source>Only a manager can sign off. Log in as a manager.</source>
        <translation>결재는 관리자만 할 수 있습니다. 관리자로 로그인하세요.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../desktop/ui/overview.py" line="29" />
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="51" />
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="55" />
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="55" />
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="55" />
        <source>Profile / port</source>
        <translation>프로파일 / 포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="56" />
        <source>Errors</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="56" />
        <source>Last seen</source>
        <translation>마지막 수신</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="109" />
        <source>%1 channel(s) need attention</source>
        <translation>%1개 채널 확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="112" />
        <source>%1 channel(s) without recent data</source>
        <translation>%1개 채널 최근 데이터 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="115" />
        <source>Waiting for the first readings…</source>
        <translation>첫 측정값을 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="118" />
        <source>All %1 channels normal</source>
        <translation>전체 %1개 채널 정상</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="127" />
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview.py" line="128" />
        <source>Lost</source>
        <translation>끊김</translation>
    </message>
</context>
<context>
    <name>PortsPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="202" />
        <source>Connections found</source>
        <translation>찾은 연결</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="203" />
        <source>These are the serial (RS-485 / USB) ports on this computer. Plug in the converter and press Search again if yours is missing. Simulated devices need no port.</source>
        <translation>이 컴퓨터의 시리얼(RS-485 / USB) 포트입니다. 보이지 않으면 변환기를 꽂고 다시 찾기를 누르세요. 시뮬레이션 장치는 포트가 필요 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="206" />
        <source>Search again</source>
        <translation>다시 찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="210" />
        <source>Simulated devices (demo, no hardware)</source>
        <translation>시뮬레이션 장치 (데모, 하드웨어 없음)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="67" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="71" />
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="72" />
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="73" />
        <source>Channels and limits</source>
        <translation>채널 및 한계기준</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="74" />
        <source>Users</source>
        <translation>사용자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="75" />
        <source>Central platform</source>
        <translation>중앙 플랫폼</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="76" />
        <source>Data and backup</source>
        <translation>데이터 및 백업</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="93" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="94" />
        <source>Keep recording in the tray when the window is closed</source>
        <translation>창을 닫아도 트레이에서 계속 기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="99" />
        <source>Closing the window</source>
        <translation>창 닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="103" />
        <source>To change these, edit %1 and restart; changes made in the window arrive with the audit trail.</source>
        <translation>변경하려면 %1 파일을 고친 뒤 다시 시작하세요. 화면에서 바로 바꾸는 기능은 감사 추적 기능과 함께 제공됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="117" />
        <location filename="../../desktop/ui/settings.py" line="131" />
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="117" />
        <location filename="../../desktop/ui/settings.py" line="131" />
        <location filename="../../desktop/ui/settings.py" line="141" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="117" />
        <source>Profile</source>
        <translation>프로파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="118" />
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="118" />
        <source>Unit id</source>
        <translation>국번(Unit ID)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="118" />
        <source>Interval</source>
        <translation>측정 주기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="131" />
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="132" />
        <source>Low limit</source>
        <translation>하한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="132" />
        <source>High limit</source>
        <translation>상한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="132" />
        <source>Delay</source>
        <translation>지연</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="133" />
        <source>Lost after</source>
        <translation>끊김 판정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="141" />
        <source>Role</source>
        <translation>역할</translation>
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
        <location filename="../../desktop/ui/settings.py" line="153" />
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="156" />
        <source>Back up the record now…</source>
        <translation>지금 기록 백업…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="167" />
        <source>Back up the record</source>
        <translation>기록 백업</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="173" />
        <source>Backing up…</source>
        <translation>백업 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="176" />
        <source>Saved %1 (%2 MB)</source>
        <translation>저장됨: %1 (%2 MB)</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="94" />
        <source>Sign off</source>
        <translation>결재</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="97" />
        <source>Reviewed</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="98" />
        <source>Approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="104" />
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="105" />
        <source>Signed by</source>
        <translation>서명자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="106" />
        <source>Meaning</source>
        <translation>서명 의미</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="107" />
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_dialogs.py" line="108" />
        <source>Sign</source>
        <translation>서명</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="27" />
        <source>%1 readings</source>
        <translation>측정값 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="28" />
        <source>%1 records</source>
        <translation>기록 %1건</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="35" />
        <source>Sync: not set up (offline only)</source>
        <translation>동기화: 설정 안 됨 (오프라인 전용)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="36" />
        <source>Register with a central platform in Settings → Central platform</source>
        <translation>설정 → 중앙 플랫폼에서 중앙 플랫폼에 등록하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="38" />
        <source>Sync: needs attention</source>
        <translation>동기화: 확인 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="41" />
        <source>Sync: offline, will retry (%1 waiting)</source>
        <translation>동기화: 연결 끊김, 다시 시도 예정 (대기 %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="46" />
        <source>Sync: sending (%1 to send)</source>
        <translation>동기화: 전송 중 (남은 %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_indicator.py" line="51" />
        <source>Sync: up to date (%1)</source>
        <translation>동기화: 최신 상태 (%1)</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="173" />
        <source>What does your plant do?</source>
        <translation>공장은 어떤 일을 하나요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="174" />
        <source>Pick the model closest to your plant. It comes with typical devices, channels and limits; you can change all of them later in Settings.</source>
        <translation>우리 공장과 가장 비슷한 모델을 고르세요. 일반적인 장치, 채널, 한계기준이 함께 들어 있으며 나중에 설정에서 모두 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="177" />
        <source>Plant name</source>
        <translation>공장 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="178" />
        <source>e.g. Hanbit Foods plant 2</source>
        <translation>예: 한빛식품 2공장</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="329" />
        <source>Who works here?</source>
        <translation>누가 일하나요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="330" />
        <source>Add the people who acknowledge alarms and sign records. A manager can sign off; an operator can acknowledge and record corrective actions.</source>
        <translation>경보를 확인하고 기록에 서명할 사람을 추가하세요. 관리자는 결재할 수 있고, 작업자는 경보 확인과 개선조치 기록을 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="333" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="333" />
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="334" />
        <source>Add a person</source>
        <translation>사람 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="340" />
        <source>operator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="340" />
        <source>manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="341" />
        <source>administrator</source>
        <translation>시스템 관리자</translation>
    </message>
</context>
</TS>