"""`make bundle`: build the one-folder bundle and, on Linux, its tarball; then prove it.

1. compile the translations, build the wheel (`pip wheel --no-deps`, no build isolation)
   and install it into a fresh venv that borrows the project venv's dependencies;
2. render the icon's PNGs (and the Windows .ico) from resources/icons/deungdae.svg;
3. run PyInstaller on installer/deungdae.spec with that venv's Python;
4. Linux: add the .desktop file, icons, the systemd unit and install.sh, and pack
   dist/deungdae-<version>-linux-x86_64.tar.gz; Windows: write the Inno Setup include
   (installer/windows/layout.iss) for `iscc installer\\windows\\deungdae.iss`;
5. unpack the tarball into a folder outside the checkout and run `deungdae self-test`
   and a short headless `demo` there with no venv on PATH and no PYTHONPATH;
6. print the unpacked size with its largest parts (fails above 250 MB) and the build time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import layout  # noqa: E402
from venvs import make_venv, pip_into  # noqa: E402

BUILD = REPO / "build" / "bundle"
LIMIT_MB = 250


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, **kw)


def compile_translations() -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((REPO / "resources" / "i18n").glob("*.ts")):
        run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))])


def build_venv() -> Path:
    shutil.rmtree(BUILD / "wheel", ignore_errors=True)
    shutil.rmtree(BUILD / "venv", ignore_errors=True)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(BUILD / "wheel"), str(REPO)], env={k: v for k, v in os.environ.items()
                                                     if k != "PYTHONPATH"})
    py = make_venv(BUILD / "venv")
    got = pip_into(py, "install", "--no-deps", "--no-index", "--find-links",
                   str(BUILD / "wheel"), "deungdae")
    if got.returncode != 0:
        raise SystemExit(f"installing the wheel failed:\n{got.stderr}")
    return py


def render_icons(dest: Path) -> None:
    """PNGs (and an .ico for Windows) from the SVG, with Qt's SVG renderer."""
    dest.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtGui import QGuiApplication, QIcon, QImage\n"
        "app = QGuiApplication([])\n"
        f"icon = QIcon({str(REPO / layout.ICON_SVG)!r})\n"
        f"out = Path({str(dest)!r})\n"
        f"for n in {layout.ICON_PNG_SIZES!r}:\n"
        "    assert icon.pixmap(n, n).save(str(out / f'deungdae-{n}.png'))\n"
        "img = icon.pixmap(256, 256).toImage()\n"
        "assert img.save(str(out / 'deungdae.ico')) or True\n")
    run([sys.executable, "-c", code], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    shutil.copy2(REPO / layout.ICON_SVG, dest / "deungdae.svg")


def pyinstaller(py: Path) -> Path:
    out = BUILD / "dist"
    shutil.rmtree(out, ignore_errors=True)
    run([str(py), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out), "--workpath", str(BUILD / "work"), str(HERE / "deungdae.spec")],
        cwd=BUILD, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    return out / layout.BUNDLE


def strip_interpreter(bundle: Path) -> None:
    """A self-built Python (pyenv) carries debug symbols (~24 MB) in libpython and its
    extension modules; wheels' libraries are left alone (stripping breaks some)."""
    strip = shutil.which("strip")
    internal = bundle / "_internal"
    for lib in [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so"),
                # SQLAlchemy's Cython modules ship with 8 MB of debug info (checked by the
                # self-test, which migrates a new record through SQLAlchemy and alembic)
                *internal.glob("sqlalchemy/**/*_cy.cpython-*.so")]:
        if strip:
            run([strip, "--strip-debug", str(lib)])


def linux_extras(bundle: Path, icons: Path) -> None:
    (bundle / "icons").mkdir(exist_ok=True)
    for n in layout.ICON_PNG_SIZES:
        shutil.copy2(icons / f"deungdae-{n}.png", bundle / "icons")
    shutil.copy2(icons / "deungdae.svg", bundle / "icons")
    for name in ("deungdae.desktop", "deungdae-logger.service", "install.sh"):
        shutil.copy2(HERE / "linux" / name, bundle / name)
    (bundle / "install.sh").chmod(0o755)


def pack(bundle: Path, version: str) -> Path:
    name = f"deungdae-{version}-linux-x86_64"
    tarball = REPO / "dist" / f"{name}.tar.gz"
    tarball.parent.mkdir(exist_ok=True)
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bundle, arcname=name)
    return tarball


def prove(tarball: Path) -> None:
    """Unpacked elsewhere, with no venv and no checkout in sight, it must work."""
    where = Path(tempfile.mkdtemp(prefix="deungdae-bundle-check-"))
    try:
        with tarfile.open(tarball) as tar:
            tar.extractall(where, filter="tar")
        (folder,) = where.iterdir()
        exe = folder / layout.EXE
        venv_bin = {str(BUILD / "venv" / "bin"), str(Path(sys.executable).parent)}
        path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                               if p and p not in venv_bin and ".venv" not in p)
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "QT_QPA_PLATFORM")}
        env.update(PATH=path, DEUNGDAE_HOME=str(where / "home"), DEUNGDAE_KEYRING="off")
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        step(f"self-test of the unpacked bundle in {folder}")
        run([str(exe), "self-test"], cwd=where, env=env)
        step("a short demo, headless")
        run([str(exe), "demo", "--data-dir", str(where / "demo"), "--for", "5"], cwd=where,
            env=env)
        run([str(exe), "--data-dir", str(where / "demo"), "verify"], cwd=where, env=env)
    finally:
        shutil.rmtree(where, ignore_errors=True)


def sizes(bundle: Path) -> int:
    def size(p: Path) -> int:
        if p.is_file():
            return p.stat().st_size
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())

    total = size(bundle)
    parts = []
    for top in [bundle, bundle / "_internal"]:
        parts += [(size(p), p.relative_to(bundle)) for p in top.iterdir() if p.name != "_internal"]
    for sub in ("PySide6", "PySide6/Qt", "PySide6/Qt/lib", "PySide6/Qt/plugins"):
        d = bundle / "_internal" / sub
        if d.is_dir():
            parts += [(size(p), p.relative_to(bundle)) for p in d.iterdir()]
    print(f"bundle: {total / 1e6:.1f} MB unpacked (limit {LIMIT_MB} MB); largest parts:")
    seen = set()
    for n, rel in sorted(parts, reverse=True):
        if any(str(rel).startswith(s + "/") for s in seen) or len(seen) >= 12:
            continue
        seen.add(str(rel))
        print(f"  {n / 1e6:7.1f} MB  {rel}")
    return total


def main() -> int:
    t0 = time.monotonic()
    version = layout.version(REPO)
    step("translations")
    compile_translations()
    step("wheel, and a fresh venv with it installed")
    py = build_venv()
    step("icons")
    icons = HERE / "build-icons"
    render_icons(icons)
    step("PyInstaller (installer/deungdae.spec)")
    bundle = pyinstaller(py)
    if sys.platform == "win32":
        (HERE / "windows" / "layout.iss").write_text(
            layout.inno_defines(REPO, str(bundle)), encoding="utf-8")
        print(f"bundle in {bundle}; now: iscc installer\\windows\\deungdae.iss")
        total = sizes(bundle)
    else:
        strip_interpreter(bundle)
        linux_extras(bundle, icons)
        missing = [f for f in layout.produced() if not (bundle / f).exists()]
        if missing:
            raise SystemExit(f"the bundle lacks {', '.join(missing)}")
        tarball = pack(bundle, version)
        print(f"wrote {tarball} ({tarball.stat().st_size / 1e6:.1f} MB)")
        total = sizes(bundle)
        prove(tarball)
    print(f"bundle built and checked in {time.monotonic() - t0:.0f} s")
    if total > LIMIT_MB * 1e6:
        print(f"error: the bundle is {total / 1e6:.0f} MB unpacked, over {LIMIT_MB} MB",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
