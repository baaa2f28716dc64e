"""Every shipped template speaks both languages where the setup wizard and the Devices page
show it: its title, and what each device is for (its role), as "한국어 (English)"."""

from __future__ import annotations

import re
import tomllib

from deungdae.desktop.engine.device_roles import role_of
from deungdae.sectors.contract import all_templates

HANGUL = re.compile(r"[가-힣]")


def test_every_template_title_and_role_reads_in_korean_and_in_english() -> None:
    templates = all_templates()
    assert len(templates) >= 23
    for t in templates.values():
        assert HANGUL.search(t.label("ko")), t.name
        assert not HANGUL.search(t.label("en")), t.name
        for d in tomllib.loads(t.text()).get("devices", []):
            role = role_of(d)
            if role is None:
                continue
            ko, en = role.label("ko"), role.label("en")
            assert HANGUL.search(ko) and not HANGUL.search(en), (t.name, d["id"], role.what)
            assert HANGUL.search(role.describe("ko")) and not HANGUL.search(role.describe("en"))


def test_a_plant_template_with_one_title_line_keeps_it_in_both_languages(tmp_path) -> None:
    from deungdae.sectors.api.contract import templates_in

    (tmp_path / "own.toml").write_text("# 우리 공장 (our plant)\n[site]\nname = \"x\"\n",
                                       encoding="utf-8")
    (t,) = templates_in(tmp_path, "demo")
    assert t.label("ko") == t.label("en") == "우리 공장 (our plant)"
