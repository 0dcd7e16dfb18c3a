"""Capture from video files, image sequences and the simulator, and scanning through QrScanner."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import cv2
import pytest
from rigs.frames import licence_frame, random_uscc

from devices.base import DeviceEvent, DeviceStatus
from devices.camera import licence_image
from devices.camera.opencv_camera import OpenCvCamera
from devices.camera.scanner import QrScanner
from devices.camera.simulated import SimulatedCamera
from devices.errors import CameraFault

pytestmark = pytest.mark.camera


def _write_video(path: Path, frames: list, fourcc: str) -> Path:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), 20, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def licence_clip(tmp_path: Path) -> tuple[Path, str]:
    rng = random.Random(21)
    uscc = random_uscc(rng)
    blank = licence_image.empty_desk((640, 360))
    shown = licence_frame(uscc, "clean", rng, (640, 360))
    return _write_video(tmp_path / "clip.avi", [blank] * 5 + [shown] * 10, "MJPG"), uscc


@pytest.mark.parametrize("fourcc, suffix", [("MJPG", ".avi"), ("mp4v", ".mp4")])
def test_scanner_finds_the_licence_in_a_video_file(tmp_path: Path, fourcc: str, suffix: str) -> None:
    rng = random.Random(fourcc)
    uscc = random_uscc(rng)
    clip = _write_video(
        tmp_path / f"clip{suffix}", [licence_frame(uscc, "clean", rng, (640, 360))] * 8, fourcc
    )
    camera = OpenCvCamera(str(clip), fps=30)
    try:
        result = QrScanner(camera).scan(timeout_s=5)
    finally:
        camera.close()
    assert result is not None and result.uscc == uscc


def test_video_loops_and_the_preview_keeps_getting_frames(licence_clip: tuple[Path, str]) -> None:
    camera = OpenCvCamera(str(licence_clip[0]), fps=60)
    camera.start()
    try:
        first = camera.wait_frame(0, 5)
        assert first is not None
        later = camera.wait_frame(first.seq + 20, 10)  # 15-frame clip: only reachable by looping
        assert later is not None
        assert camera.latest_frame() is not None and camera.latest_frame().shape == (360, 640, 3)
        assert camera.status == DeviceStatus.ONLINE
    finally:
        camera.close()
    assert camera.status == DeviceStatus.OFFLINE


def test_image_sequence_source(tmp_path: Path) -> None:
    rng = random.Random(4)
    uscc = random_uscc(rng)
    for index in range(3):
        cv2.imwrite(str(tmp_path / f"frame_{index:03d}.png"), licence_frame(uscc, "rotated", rng, (800, 600)))
    camera = OpenCvCamera(str(tmp_path / "frame_%03d.png"), fps=30)
    try:
        assert camera.source_kind == "sequence"
        result = QrScanner(camera).scan(timeout_s=5)
    finally:
        camera.close()
    assert result is not None and result.uscc == uscc


def test_a_missing_video_is_a_camera_fault_with_status(tmp_path: Path) -> None:
    camera = OpenCvCamera(str(tmp_path / "nope.avi"))
    with pytest.raises(CameraFault, match="does not exist"):
        camera.start()
    assert camera.status == DeviceStatus.NO_DEVICE
    assert "nope.avi" in camera.status_detail


def test_a_device_index_that_does_not_exist_is_a_camera_fault() -> None:
    camera = OpenCvCamera(63)
    with pytest.raises(CameraFault, match="cannot open camera source 63"):
        camera.start()
    assert camera.describe()["ports"] == ["/dev/video63"]


@pytest.mark.expect_log(r"camera: no frame from frame_%03d\.png")
def test_a_source_that_stops_giving_frames_becomes_a_hardware_error(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "frame_000.png"), licence_image.empty_desk((320, 240)))
    camera = OpenCvCamera(str(tmp_path / "frame_%03d.png"), fps=30, loop=False)
    seen: list[DeviceEvent] = []
    camera.subscribe(seen.append)
    camera.start()
    try:
        for _ in range(100):
            if camera.status == DeviceStatus.HARDWARE_ERROR:
                break
            threading.Event().wait(0.05)
        assert camera.status == DeviceStatus.HARDWARE_ERROR
        assert any(e.payload.get("status") == "hardwareError" for e in seen)
    finally:
        camera.close()


def test_simulator_shows_each_citizens_licence(sim_camera: SimulatedCamera) -> None:
    scanner = QrScanner(sim_camera)
    for key in ("zhang_wei", "li_na", "wang_jianguo", "chen_expired"):
        uscc = sim_camera.show_licence(key)
        result = scanner.scan(timeout_s=5)
        assert result is not None and (result.kind, result.uscc) == ("licence", uscc)


def test_simulator_city_app_and_garbage(sim_camera: SimulatedCamera) -> None:
    scanner = QrScanner(sim_camera)
    sim_camera.show_city_app("tok_ABCDEFGHIJKLMNOP")
    result = scanner.scan(timeout_s=5)
    assert result is not None and result.token == "tok_ABCDEFGHIJKLMNOP"
    sim_camera.show_garbage(seed=3)
    result = scanner.scan(timeout_s=5)
    assert result is not None and result.kind == "unknown"


def test_accept_filter_skips_other_codes_until_timeout(sim_camera: SimulatedCamera) -> None:
    sim_camera.show_garbage()
    assert QrScanner(sim_camera).scan(timeout_s=0.5, accept={"licence"}) is None


def test_empty_desk_gives_none(sim_camera: SimulatedCamera) -> None:
    sim_camera.show_nothing()
    assert QrScanner(sim_camera).scan(timeout_s=0.3) is None


@pytest.mark.parametrize("who", ["scanner", "camera"])
def test_cancel_from_another_thread_ends_the_scan(sim_camera: SimulatedCamera, who: str) -> None:
    sim_camera.show_nothing()
    scanner = QrScanner(sim_camera)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(scanner.scan(timeout_s=60)))
    worker.start()
    threading.Event().wait(0.2)
    (scanner if who == "scanner" else sim_camera).cancel()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert outcome == [None]
    assert sim_camera.running  # cancelling a scan does not stop the preview
    sim_camera.show_licence("zhang_wei")
    assert scanner.scan(timeout_s=5) is not None  # the next scan works again


def test_decoded_event_carries_the_kind_only(sim_camera: SimulatedCamera) -> None:
    events: list[DeviceEvent] = []
    sim_camera.subscribe(events.append)
    sim_camera.show_licence("zhang_wei")
    QrScanner(sim_camera).scan(timeout_s=5)
    decoded = [e for e in events if e.kind == "Decoded"]
    assert [e.payload for e in decoded] == [{"kind": "licence"}]


def test_preview_runs_while_the_caller_is_busy(sim_camera: SimulatedCamera) -> None:
    sim_camera.start()
    first = sim_camera.wait_frame(0, 5)
    assert first is not None
    threading.Event().wait(0.3)  # the caller "decodes" for a while; capture must not wait for it
    latest = sim_camera.latest()
    assert latest is not None and latest.seq > first.seq


def test_simulator_refuses_unknown_citizens_and_tokens(sim_camera: SimulatedCamera) -> None:
    with pytest.raises(CameraFault, match="no demo citizen"):
        sim_camera.show_licence("nobody")
    with pytest.raises(CameraFault, match="city-app"):
        sim_camera.show_city_app("bad token")
    with pytest.raises(CameraFault):
        sim_camera.show_frames([])


def test_simulator_replays_image_files(tmp_path: Path) -> None:
    rng = random.Random(8)
    uscc = random_uscc(rng)
    path = tmp_path / "licence.png"
    cv2.imwrite(str(path), licence_frame(uscc, "perspective", rng, (960, 540)))
    camera = SimulatedCamera([path])
    try:
        result = QrScanner(camera).scan(timeout_s=5)
    finally:
        camera.close()
    assert result is not None and result.uscc == uscc


def test_simulator_with_a_broken_citizens_file(tmp_path: Path) -> None:
    broken = tmp_path / "citizens.json"
    broken.write_text("{not json", encoding="utf-8")
    camera = SimulatedCamera(citizens_file=broken)
    with pytest.raises(CameraFault, match="cannot read demo citizens file"):
        camera.show_licence("zhang_wei")


@pytest.mark.expect_log(r"camera: no frame from frame_%03d\.png")
def test_a_source_that_disappears_and_comes_back_recovers(tmp_path: Path) -> None:
    rng = random.Random(12)
    uscc = random_uscc(rng)
    paths = [tmp_path / f"frame_{index:03d}.png" for index in range(2)]
    for path in paths:
        cv2.imwrite(str(path), licence_frame(uscc, "clean", rng, (640, 360)))
    saved = [path.read_bytes() for path in paths]
    camera = OpenCvCamera(str(tmp_path / "frame_%03d.png"), fps=60)
    camera.start()
    try:
        assert camera.wait_frame(0, 5) is not None
        for path in paths:
            path.unlink()
        for _ in range(200):
            if camera.status == DeviceStatus.HARDWARE_ERROR:
                break
            threading.Event().wait(0.05)
        assert camera.status == DeviceStatus.HARDWARE_ERROR
        for path, data in zip(paths, saved, strict=True):
            path.write_bytes(data)
        result = QrScanner(camera).scan(timeout_s=10)
        assert result is not None and result.uscc == uscc
        assert camera.status == DeviceStatus.ONLINE
    finally:
        camera.close()


def test_describe_names_the_camera_model_and_resolution(
    tmp_path: Path, licence_clip: tuple[Path, str]
) -> None:
    (tmp_path / "sys" / "video63").mkdir(parents=True)
    (tmp_path / "sys" / "video63" / "name").write_text("HD Pro Webcam C920\n", encoding="utf-8")
    device = OpenCvCamera(63)
    device.sysfs_root = tmp_path / "sys"
    assert device.describe()["model"] == "HD Pro Webcam C920"
    clip = OpenCvCamera(str(licence_clip[0]))
    clip.start()
    try:
        assert clip.describe()["resolution"] == "640x360"
    finally:
        clip.close()


def test_concurrent_starts_run_one_capture_thread(sim_camera: SimulatedCamera) -> None:
    starters = [threading.Thread(target=sim_camera.start) for _ in range(8)]
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join(timeout=5)
    capture_threads = [t for t in threading.enumerate() if t.name == f"camera-{sim_camera.name}"]
    assert len(capture_threads) == 1
