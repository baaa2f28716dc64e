"""Event kinds: what a sector's events mean to the shell, the engine, the CLI and central.

A sector declares every kind it records (`Sector.event_kinds()`); the shell declares its
own (`SHELL_KINDS`: channel alarms, sensors, devices, the operator's steps). Nothing else
keeps a list of kinds: `KindRegistry` answers which kinds open an incident, which close
one, which are lifecycle steps, how loud each is and what it is called in each language.

This module imports only the standard library, so central (which may not import sector
code) reads the same declarations from the `platform.kinds` event a plant records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

Role = Literal["opens", "closes", "neither"]
Severity = Literal["info", "warning", "alarm", "critical"]
Step = Literal["ack", "action", "verify"]
Until = Literal["closed", "verified"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "alarm", "critical")
# The sealed config_change entity (key "declared") holding the kinds a plant declared:
# synced like every record row, it tells central what opens and closes an incident.
DECLARED_ENTITY = "event_kinds"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice field: its stored key and its label in each language."""

    key: str
    en: str
    ko: str


@dataclass(frozen=True, slots=True)
class IncidentField:
    """A fact the corrective-action step asks for; stored as `data[key]` = a key or value.

    `kind` is text, choice (one of `choices`' keys), bool or number. Rows hold keys and
    values, never a label: the window shows `Choice.en`/`.ko` in its language.
    """

    key: str
    kind: Literal["text", "choice", "bool", "number"]
    label_en: str
    label_ko: str
    choices: tuple[Choice, ...] = ()
    required: bool = True

    def problem(self, value: object) -> str | None:
        """Why `value` cannot be stored for this field (None: it can)."""
        if value is None or value == "":
            return f"'{self.key}' is required" if self.required else None
        if self.kind == "text" and not isinstance(value, str):
            return f"'{self.key}' must be text"
        if self.kind == "choice" and value not in {c.key for c in self.choices}:
            return (f"'{self.key}' must be one of "
                    f"{', '.join(c.key for c in self.choices)}, got {value!r}")
        if self.kind == "bool" and not isinstance(value, bool):
            return f"'{self.key}' must be true or false"
        if self.kind == "number" and (isinstance(value, bool)
                                      or not isinstance(value, int | float)
                                      or value != value or value in (float("inf"),
                                                                     float("-inf"))):
            return f"'{self.key}' must be a finite number"
        return None


@dataclass(frozen=True, slots=True)
class EventKind:
    """One kind of event and its part in the incident lifecycle.

    - `role="opens"`: an event of this kind opens an incident. It stays open until a
      `closes` event for it arrives (`until="closed"`, e.g. an alarm that ends) or until
      it is verified by e-signature (`until="verified"`, e.g. a CCP deviation).
    - `role="closes"`: ends the condition an `opens` kind (`closes_kind`) started, for the
      same channel/device and the same values of `match` (e.g. the alarm's `side`).
    - `step`: an operator's lifecycle step (`ack`, `action`, `verify`) pointing with
      `ref_id` at the incident's opening event; `fields` (on an `opens` kind) are what
      its `action` step records.
    """

    kind: str
    role: Role = "neither"
    closes_kind: str | None = None
    severity: Severity = "info"
    title_en: str = ""
    title_ko: str = ""
    step: Step | None = None
    until: Until = "closed"
    match: tuple[str, ...] = ()
    fields: tuple[IncidentField, ...] = ()

    def title(self, lang: str) -> str:
        return self.title_ko if lang.startswith("ko") and self.title_ko else self.title_en

    def to_json(self) -> dict:
        """The declaration as plain JSON (what a plant records and syncs; no field labels)."""
        d = asdict(self)
        d["match"] = list(self.match)
        d["fields"] = [{"key": f.key, "kind": f.kind, "required": f.required,
                        "choices": [c.key for c in f.choices]} for f in self.fields]
        return d

    @classmethod
    def from_json(cls, d: Mapping) -> EventKind:
        fields = tuple(IncidentField(f["key"], f["kind"], f["key"], f["key"],
                                     tuple(Choice(c, c, c) for c in f.get("choices", ())),
                                     bool(f.get("required", True)))
                       for f in d.get("fields", ()))
        return cls(str(d["kind"]), d.get("role", "neither"), d.get("closes_kind"),
                   d.get("severity", "info"), str(d.get("title_en", "")),
                   str(d.get("title_ko", "")), d.get("step"), d.get("until", "closed"),
                   tuple(d.get("match", ())), fields)


def declaration_problems(owner: str, kinds: Iterable[EventKind]) -> list[str]:
    """What is wrong with one sector's kinds on their own (each message names `owner`)."""
    out, seen = [], set()
    for k in kinds:
        if k.kind in seen:
            out.append(f"sector {owner!r}: event kind {k.kind!r} declared twice")
        seen.add(k.kind)
        if owner != "shell" and not k.kind.startswith(owner + "."):
            out.append(f"sector {owner!r}: event kind {k.kind!r} must start with '{owner}.'")
        if k.severity not in SEVERITIES:
            out.append(f"sector {owner!r}: event kind {k.kind!r}: severity {k.severity!r} "
                       f"is not one of {', '.join(SEVERITIES)}")
        if k.role == "closes" and not k.closes_kind:
            out.append(f"sector {owner!r}: event kind {k.kind!r} closes but names no "
                       "closes_kind")
        if not k.title_en or not k.title_ko:
            out.append(f"sector {owner!r}: event kind {k.kind!r} needs a title in English "
                       "and Korean")
    return out


@dataclass(slots=True)
class KindRegistry:
    """Every declared kind by name, with the owner (sector id or "shell") of each."""

    kinds: dict[str, EventKind] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)

    def add(self, owner: str, kinds: Iterable[EventKind]) -> list[str]:
        """Add one owner's kinds; returns the clashes (then nothing of `owner` is added)."""
        kinds = list(kinds)
        problems = declaration_problems(owner, kinds)
        for k in kinds:
            if k.kind in self.kinds:
                problems.append(f"sector {owner!r}: event kind {k.kind!r} is already "
                                f"declared by {self.owners[k.kind]!r}")
        if not problems:
            for k in kinds:
                self.kinds[k.kind] = k
                self.owners[k.kind] = owner
        return problems

    def get(self, kind: str) -> EventKind | None:
        return self.kinds.get(kind)

    def opening(self) -> frozenset[str]:
        return frozenset(k for k, d in self.kinds.items() if d.role == "opens")

    def closing(self) -> dict[str, str]:
        """Closing kind → the opening kind it closes."""
        return {k: d.closes_kind for k, d in self.kinds.items()
                if d.role == "closes" and d.closes_kind}

    def steps(self) -> dict[str, str]:
        """Step kind → its step (ack, action, verify)."""
        return {k: d.step for k, d in self.kinds.items() if d.step}

    def incident_kinds(self) -> tuple[str, ...]:
        """Every kind the incident lifecycle looks at (to select rows with)."""
        return tuple(sorted(self.opening() | set(self.closing()) | set(self.steps())))

    def title(self, kind: str, lang: str = "en") -> str:
        d = self.kinds.get(kind)
        return d.title(lang) if d else kind

    def to_json(self) -> list[dict]:
        return [self.kinds[k].to_json() | {"owner": self.owners[k]} for k in sorted(self.kinds)]

    @classmethod
    def from_json(cls, items: Iterable[Mapping]) -> KindRegistry:
        reg = cls()
        for d in items:
            k = EventKind.from_json(d)
            reg.kinds[k.kind] = k
            reg.owners[k.kind] = str(d.get("owner", "shell"))
        return reg


CAUSE_ACTION = (
    IncidentField("cause", "text", "Cause", "원인"),
    IncidentField("action", "text", "Action taken", "조치 내용"),
)

SHELL_KINDS: tuple[EventKind, ...] = (
    EventKind("alarm.start", "opens", severity="alarm", title_en="Alarm limit exceeded",
              title_ko="관리기준 이탈", match=("side",), fields=CAUSE_ACTION),
    EventKind("alarm.end", "closes", "alarm.start", title_en="Alarm ended",
              title_ko="경보 해제", match=("side",)),
    EventKind("sensor.lost", "opens", severity="alarm", title_en="No data from sensor",
              title_ko="센서 데이터 없음", fields=CAUSE_ACTION),
    EventKind("sensor.restored", "closes", "sensor.lost", title_en="Sensor readings again",
              title_ko="센서 복구"),
    EventKind("device.lost", "opens", severity="alarm", title_en="Device disconnected",
              title_ko="장치 연결 끊김", fields=CAUSE_ACTION),
    EventKind("device.restored", "closes", "device.lost", title_en="Device reconnected",
              title_ko="장치 재연결"),
    EventKind("device.error", severity="warning", title_en="Device error",
              title_ko="장치 오류"),
    EventKind("alarm.ack", step="ack", title_en="Acknowledged", title_ko="확인"),
    EventKind("corrective.action", step="action", title_en="Corrective action",
              title_ko="개선 조치"),
    EventKind("signoff", step="verify", title_en="Signed off (e-signature)",
              title_ko="전자서명 승인"),
    EventKind("manual.entry", title_en="Manual entry", title_ko="수기 입력"),
    EventKind("limit.change", title_en="Alarm limits changed", title_ko="관리기준 변경"),
    EventKind("device.stable", title_en="Device stable again", title_ko="장치 안정"),
    EventKind("correction", title_en="Record correction", title_ko="기록 정정"),
    EventKind("record.tampered", severity="critical", title_en="Record changed outside the app",
              title_ko="기록 변조 감지"),
    EventKind("record.triggers_restored", severity="critical",
              title_en="Record guards restored", title_ko="기록 보호 복원"),
    EventKind("record.repaired", severity="warning", title_en="Record repaired",
              title_ko="기록 복구"),
    EventKind("record.findings_acknowledged", severity="warning",
              title_en="Record findings acknowledged", title_ko="기록 이상 확인"),
    EventKind("record.loss_accepted", severity="critical", title_en="Record loss accepted",
              title_ko="기록 손실 승인"),
    EventKind("record.restored", severity="critical", title_en="Record restored from a copy",
              title_ko="기록 복원"),
    EventKind("record.witness_missing", severity="critical",
              title_en="Record head witness missing", title_ko="기록 끝 확인값 없음"),
    EventKind("record.witness_damaged", severity="critical",
              title_en="Record head witness damaged", title_ko="기록 끝 확인값 손상"),
    # The record could not be written (disk full, file locked): readings were held in memory.
    EventKind("system.write_failed", "opens", severity="alarm",
              title_en="Record could not be written", title_ko="기록 저장 실패",
              fields=CAUSE_ACTION),
    EventKind("system.write_restored", "closes", "system.write_failed",
              title_en="Record written again", title_ko="기록 저장 재개"),
    # Device changes made in the window or the CLI (who, why, old → new in the event data).
    EventKind("device.added", title_en="Device added", title_ko="장치 추가"),
    EventKind("device.replaced", title_en="Sensor replaced", title_ko="센서 교체"),
    EventKind("device.removed", title_en="Device removed", title_ko="장치 제거"),
    EventKind("device.mapped", title_en="Device points re-mapped",
              title_ko="장치 채널 연결 변경"),
    EventKind("device.scaled", title_en="4–20 mA scaling changed",
              title_ko="4–20 mA 환산 변경"),
)
