"""The Inno Setup script names only what the PyInstaller spec produces on Windows.

Windows cannot run here, so the script's inputs come from installer/layout.py (the spec
and the build read the same names) and this test holds the script to them.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ISS = REPO / "installer" / "windows" / "deungdae.iss"


def _layout():
    spec = importlib.util.spec_from_file_location("deungdae_layout",
                                                  REPO / "installer" / "layout.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "(.*)"$', text, re.M))


def test_every_define_the_script_uses_comes_from_the_generated_include():
    layout = _layout()
    script = ISS.read_text(encoding="utf-8")
    assert '#include "layout.iss"' in script
    defines = _defines(layout.inno_defines(REPO))
    used = set(re.findall(r"\{#(\w+)\}", script))
    assert used and used <= set(defines), used - set(defines)
    assert defines["AppVersion"] == layout.version(REPO)


def test_files_and_shortcuts_name_only_what_the_spec_produces():
    layout = _layout()
    script = ISS.read_text(encoding="utf-8")
    defines = _defines(layout.inno_defines(REPO))
    produced = set(layout.produced("win32"))

    def expand(s: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: defines[m[1]], s)

    sources = re.findall(r'^Source: "([^"]+)"', script, re.M)
    assert sources
    for src in sources:
        assert src.startswith("{#BundleDir}\\"), src
        rel = expand(src[len("{#BundleDir}\\"):]).removesuffix("\\*").replace("\\", "/")
        assert rel in produced, f"{src}: the spec does not produce {rel}"
    installed = {expand(s[len("{#BundleDir}\\"):]).removesuffix("\\*") for s in sources}
    for ref in re.findall(r'"\{app\}\\([^"]+?)"', script) + \
            re.findall(r'\{app\}\\([\w{}#.-]+)', script):
        name = expand(ref).split("\\")[0].strip('"')
        assert name in installed, f"{{app}}\\{ref} is not installed by [Files]"
    for exe in ("ExeName", "CliExe", "ServiceExe"):
        assert defines[exe] in produced


def test_the_spec_builds_what_the_layout_names():
    spec = (REPO / "installer" / "deungdae.spec").read_text(encoding="utf-8")
    for name in ("layout.EXE", "layout.CLI_EXE", "layout.SERVICE_EXE", "layout.BUNDLE"):
        assert f"name={name}" in spec, name
    assert "windows_service.py" in spec and (REPO / "installer" / "windows_service.py").is_file()


def test_the_uninstaller_keeps_the_record_unless_asked():
    script = ISS.read_text(encoding="utf-8")
    code = script.split("[Code]", 1)[1]
    assert "MB_DEFBUTTON2" in code and "UninstallSilent" in code  # default: No, keep
    assert "DelTree" in code.split("IDYES")[1]
    assert "[UninstallDelete]" not in script
    langs = re.findall(r'^Name: "(\w+)"; MessagesFile', script, re.M)
    assert langs == ["ko", "en"]


def test_a_windows_install_gets_what_only_windows_lacks():
    """zoneinfo has no system database on Windows (tzdata), the service needs pywin32;
    neither is installed anywhere else."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(reqs: list[str], platform: str) -> set[str]:
        env = {"sys_platform": platform, "platform_system": platform.title()}
        return {r.name for r in map(Requirement, reqs)
                if r.marker is None or r.marker.evaluate(env)}

    bundle = project["optional-dependencies"]["bundle"]
    assert "tzdata" in names(project["dependencies"], "win32")
    assert "pywin32" in names(bundle, "win32")
    assert not {"tzdata", "pywin32"} & (names(project["dependencies"], "linux")
                                        | names(bundle, "linux"))
    service = (REPO / "installer" / "windows_service.py").read_text(encoding="utf-8")
    assert "import win32serviceutil" in service
