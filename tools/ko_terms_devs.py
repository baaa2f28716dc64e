"""Korean for the device pages' strings (Settings → Devices: add, remove, scaling, advice)."""

KO = {
    # advice: what to check, in a technician's words
    "No port: choose a detected port or type one, e.g. COM3, /dev/ttyUSB0 or "
    "socket://10.0.0.5:4001.":
        "포트가 없습니다. 감지된 포트를 고르거나 직접 입력하세요. 예: COM3, /dev/ttyUSB0, "
        "socket://10.0.0.5:4001.",
    "Address %1 on %2 is already used by device %3: give each device on one line its own "
    "address (set on the device).":
        "%2의 주소(국번) %1은(는) 이미 장치 %3이(가) 쓰고 있습니다. 한 통신선의 장치마다 "
        "다른 주소(국번)를 장치에서 설정하세요.",
    "Port %1 runs at %2 baud, parity %3 for device %4: every device on one line must use "
    "the same speed and parity.":
        "포트 %1은(는) 장치 %4 때문에 통신 속도 %2, 패리티 %3로 동작합니다. 한 통신선의 "
        "모든 장치는 같은 통신 속도와 패리티를 써야 합니다.",
    "Port %1 is already used by device %2: this device needs its own port.":
        "포트 %1은(는) 이미 장치 %2이(가) 쓰고 있습니다. 이 장치에는 별도의 포트가 필요합니다.",
    "The id %1 is already used by another device: choose another id.":
        "ID %1은(는) 이미 다른 장치가 쓰고 있습니다. 다른 ID를 정하세요.",
    "A channel %1 already exists: choose another device id.":
        "채널 %1이(가) 이미 있습니다. 다른 장치 ID를 정하세요.",
    "The device id \"%1\" may hold only letters, digits, '_' and '-'.":
        "장치 ID \"%1\"에는 영문자, 숫자, '_', '-'만 쓸 수 있습니다.",
    "Tick at least one point to record.": "기록할 측정점을 하나 이상 고르세요.",
    "This device feeds %1, which a CCP, band or meter uses: assign another device to that "
    "role instead of removing it.":
        "이 장치는 %1에 값을 보내며, CCP·관리 구간·계량기가 이 채널을 씁니다. 삭제하지 말고 "
        "그 역할에 다른 장치를 지정하세요.",
    # adding and removing
    "New device: choose its profile, port and address. Each of its points is recorded as "
    "a channel.":
        "새 장치: 프로파일, 포트, 주소(국번)를 고르세요. 장치의 측정점마다 채널로 기록됩니다.",
    "Recorded as channel": "기록될 채널", "Point": "측정점",
    "Add device…": "장치 추가…",
    "Add a device that is not in the list yet (a new module or sensor), with its own "
    "channels.":
        "목록에 없는 장치(새 모듈이나 센서)를 자기 채널과 함께 추가합니다.",
    "e.g. proofer": "예: proofer",
    "A short id for the device: letters, digits, '_' or '-'. Its channels are named after "
    "it (proofer.t1).":
        "장치의 짧은 ID입니다. 영문자, 숫자, '_', '-'만 씁니다. 채널 이름이 이 ID로 "
        "시작합니다 (proofer.t1).",
    "e.g. Proofer RTD module": "예: 발효기 RTD 모듈",
    "New device id": "새 장치 ID",
    "Take the device and its channels out of the configuration. What they recorded stays "
    "in the record, on charts and in reports.":
        "장치와 그 채널을 설정에서 뺍니다. 이미 기록된 값은 기록·그래프·보고서에 그대로 "
        "남습니다.",
    "Cancel": "취소", "Add": "추가",
    "Add without a passing test (recorded)": "시험 통과 없이 추가 (기록됨)",
    "Press Test first: nothing is saved until a test read passes, or tick \"%1\".":
        "먼저 시험 읽기를 누르세요. 시험이 통과해야 저장됩니다. 아니면 \"%1\"을(를) "
        "체크하세요.",
    "Device %1 added; it is recording now.": "장치 %1 추가됨. 지금부터 기록합니다.",
    "Device %1 removed; recording goes on. What its %2 channel(s) recorded stays in the "
    "record: charts and reports still show it.":
        "장치 %1 삭제됨. 기록은 계속됩니다. 이 장치의 채널 %2개에 기록된 값은 그대로 "
        "남아 그래프와 보고서에 계속 나옵니다.",
}
KO.update({
    # chart markers
    "Sensor replaced": "센서 교체", "Input changed": "입력 변경", "Scaling changed": "환산 변경",
})
KO.update({
    # 4-20 mA scaling
    "4–20 mA scaling": "4–20 mA 환산", "At 4 mA": "4 mA일 때", "At 20 mA": "20 mA일 때",
    "Unit": "단위",
    "What the transmitter on this input measures: the value it sends as 4 mA and as 20 mA, "
    "and its unit (e.g. 0 and 10 bar). Readings are recorded in that unit.":
        "이 입력에 연결된 변환기가 재는 값입니다. 4 mA와 20 mA가 뜻하는 값과 단위를 "
        "넣으세요 (예: 0과 10 bar). 측정값은 그 단위로 기록됩니다.",
    "The 4 mA and 20 mA values of %1 must be numbers, e.g. 0 and 10.":
        "%1의 4 mA, 20 mA 값은 숫자여야 합니다. 예: 0과 10.",
    "The values at 4 mA and at 20 mA of %1 must differ.":
        "%1의 4 mA 값과 20 mA 값은 달라야 합니다.",
    "Device %1: the 4–20 mA scaling is changed; recording goes on in the new units.":
        "장치 %1: 4–20 mA 환산이 바뀌었습니다. 새 단위로 기록을 계속합니다.",
})
KO.update({"Give the new device an id, e.g. proofer.": "새 장치의 ID를 정하세요. 예: proofer."})
