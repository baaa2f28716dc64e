"""A Korean window describes each shipped device profile, and each point a profile
explains, in Korean; a site's own profile without Korean still shows its English words."""

from __future__ import annotations

import re

from deungdae.hardware.profiles import list_profiles, load_profile, load_profile_file

HANGUL = re.compile(r"[가-힣]")


def test_every_shipped_profile_and_explained_point_has_korean() -> None:
    names = list_profiles()
    assert len(names) >= 16
    for name in names:
        p = load_profile(name)
        assert p.description and HANGUL.search(p.describe("ko")), name
        assert not HANGUL.search(p.describe("en")), name
        for pt in p.points:
            if pt.description:
                assert HANGUL.search(pt.describe("ko")), (name, pt.name)


def test_a_profile_without_korean_falls_back_and_a_typo_is_refused(tmp_path) -> None:
    f = tmp_path / "own-meter.toml"
    f.write_text('protocol = "modbus"\ndescription = "our own meter"\n'
                 '[[points]]\nname = "kw"\nfunction = "holding"\naddress = 0\n'
                 'type = "int16"\ndescription = "power"\n', encoding="utf-8")
    p = load_profile_file(f)
    assert p.describe("ko") == "our own meter" and p.points[0].describe("ko") == "power"
    f.write_text('protocol = "modbus"\ndescription = "x"\ndescripton_ko = "엑스"\n'
                 '[[points]]\nname = "kw"\nfunction = "holding"\naddress = 0\n'
                 'type = "int16"\n', encoding="utf-8")
    try:
        load_profile_file(f)
    except Exception as exc:  # ConfigError naming the key and the nearest known one
        assert "descripton_ko" in str(exc) and "description_ko" in str(exc), str(exc)
    else:
        raise AssertionError("a misspelt key was accepted")
