"""A terminal whose camera is simulated never loads OpenCV (issue 10: ~24 MiB of cv2.abi3.so
resident at its import), not even after a whole visit with a licence scan and the technician's
camera test; OpenCV loads when a real camera is opened through it. Checked in fresh processes,
since this test process has OpenCV loaded by other tests."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.hub]

ROOT = Path(__file__).resolve().parents[3]
TESTS = ROOT / "tests"

VISIT = textwrap.dedent(
    """
    import json, sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from pathlib import Path
    from rigs.demo_terminal import demo_runtime
    from kiosk.app import make_application
    from kiosk.walkthrough import Walker
    from devices.diagnostics import run_live_test

    with demo_runtime(Path({data!r})) as runtime:
        app = make_application()
        from kiosk.window import KioskWindow
        window = KioskWindow(runtime, demo=True)
        window.resize(1920, 1080)
        window.show()
        result = Walker(window).walk("coffee", "zhang_wei")
        camera = runtime.devices.camera
        camera.show_garbage()
        camera.show_city_app("demo-zhang_wei")
        test = run_live_test(runtime.devices, "camera", timeout_s=5)
        window.journey.cancel()
        window.background.wait(5000)
        window.close()
    print(json.dumps({{
        "driver": camera.driver,
        "application": bool(result.application_id),
        "licence_seen": "licence" in result.screens,
        "camera_test": test["code"],
        "quality": test["facts"]["quality"]["verdict"],
        "loaded": [name for name in ("cv2", "numpy", "zxingcpp", "PIL") if name in sys.modules],
    }}))
    """
)


def _run(code: str, home: Path) -> dict:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_LOGGING_RULES": "qt.multimedia.*=false",
        "QT_QUICK_BACKEND": "software",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_simulated_camera_terminal_scans_a_licence_without_opencv(tmp_path: Path) -> None:
    code = VISIT.format(root=str(ROOT), tests=str(TESTS), data=str(tmp_path / "data"))
    report = _run(code, tmp_path)
    assert report["driver"] == "simulator"
    assert report["application"] and report["licence_seen"]  # the licence really was scanned
    assert report["camera_test"] == "camera.ok" and report["quality"]  # decoded, picture measured
    assert "zxingcpp" in report["loaded"] and "numpy" in report["loaded"]  # decoding did run
    assert "cv2" not in report["loaded"], "OpenCV was imported by a terminal with a simulated camera"


def test_opencv_loads_when_a_real_camera_opens_not_before(tmp_path: Path) -> None:
    pytest.importorskip("cv2")
    code = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from devices.camera.opencv_camera import OpenCvCamera
        from devices.errors import CameraFault
        camera = OpenCvCamera({str(tmp_path / "frame_%03d.png")!r})
        built = "cv2" in sys.modules
        try:
            camera.start()
        except CameraFault:
            pass  # no frames there: opening is what loads OpenCV
        camera.close()
        print(json.dumps({{"built": built, "opened": "cv2" in sys.modules}}))
        """
    )
    assert _run(code, tmp_path) == {"built": False, "opened": True}
