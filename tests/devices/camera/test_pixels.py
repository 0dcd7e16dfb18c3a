"""pixels.py gives OpenCV's own results bit for bit, so the kiosk can do without OpenCV.

The quality thresholds were tuned on OpenCV's figures and the decoding tests run on pictures
OpenCV used to draw; equal outputs keep both meaningful. OpenCV stays installed for real
cameras, so it is here to compare with.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from devices.camera import licence_image, pixels
from devices.camera.quality import frame_quality
from devices.camera.simulated import DEFAULT_LICENCE_DIR

cv2 = pytest.importorskip("cv2")

RNG = np.random.default_rng(20261202)


def pictures() -> dict[str, np.ndarray]:
    return {
        "phone": licence_image.phone_screen("demo-zhang_wei"),
        "sheet": licence_image.licence_sheet("91310104MA1FR0000C", "示例餐饮有限公司", "王某"),
        "noise": RNG.integers(0, 256, (777, 555, 3), dtype=np.uint8),
        "grey": RNG.integers(0, 256, (301, 433), dtype=np.uint8),
        "bgra": RNG.integers(0, 256, (121, 181, 4), dtype=np.uint8),
    }


def test_grey_is_opencvs_for_every_colour() -> None:
    values = np.arange(256, dtype=np.uint8)
    blue, green, red = np.meshgrid(values, values, values, indexing="ij")
    every_colour = np.stack([blue, green, red], axis=-1).reshape(4096, 4096, 3)
    assert np.array_equal(pixels.grey(every_colour), cv2.cvtColor(every_colour, cv2.COLOR_BGR2GRAY))
    bgra = pictures()["bgra"]
    assert np.array_equal(pixels.grey(bgra), cv2.cvtColor(bgra, cv2.COLOR_BGRA2GRAY))
    grey = pictures()["grey"]
    assert pixels.grey(grey) is grey and np.array_equal(pixels.grey(grey[:, :, None]), grey)
    assert np.array_equal(pixels.grey_to_bgr(grey), cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))


@pytest.mark.parametrize("shape", [(720, 1280), (37, 53), (2, 9), (1, 5), (5, 1), (1, 1)])
def test_laplacian_is_opencvs_with_its_borders(shape: tuple[int, int]) -> None:
    grey = RNG.integers(0, 256, shape, dtype=np.uint8)
    assert np.array_equal(pixels.laplacian(grey), cv2.Laplacian(grey, cv2.CV_64F))


def test_quality_figures_are_opencvs() -> None:
    sharp = licence_image.on_desk(licence_image.licence_sheet("91310104MA1FR0000C", "x"))
    blurred, dark = cv2.GaussianBlur(sharp, (0, 0), 6), (sharp * 0.15).astype(np.uint8)
    for frame in (sharp, blurred, dark, pictures()["grey"]):
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        mean, std = cv2.meanStdDev(grey)
        quality = frame_quality(frame)
        assert quality.focus == pytest.approx(float(cv2.Laplacian(grey, cv2.CV_64F).var()), rel=1e-12)
        assert quality.brightness == pytest.approx(float(mean[0][0]), rel=1e-12)
        assert quality.contrast == pytest.approx(float(std[0][0]), rel=1e-12)


def test_area_shrink_is_opencvs_for_fractional_and_whole_factors() -> None:
    for name, picture in pictures().items():
        height, width = picture.shape[:2]
        sizes = [
            (width * 3 // 4, height * 3 // 4),
            (int(width * 0.853), int(height * 0.853)),
            (width - 1, height - 1),
            (width, height - 5),
            (7, height),
            (1, 1),
        ]
        for fx, fy in [(2, 2), (3, 3), (4, 4), (2, 3), (1, 2)]:
            if width % fx == 0 and height % fy == 0:
                sizes.append((width // fx, height // fy))
        for size in sizes:
            expected = cv2.resize(picture, size, interpolation=cv2.INTER_AREA)
            assert np.array_equal(pixels.resize_area(picture, size), expected), (name, size)
    with pytest.raises(ValueError):
        pixels.resize_area(pictures()["grey"], (1000, 10))


def test_area_shrink_by_whole_factors_rounds_as_opencv() -> None:
    for fx, fy in [(2, 2), (3, 3), (4, 4), (2, 3), (1, 2)]:
        picture = RNG.integers(0, 256, (60 * fy, 90 * fx, 3), dtype=np.uint8)
        assert np.array_equal(
            pixels.resize_area(picture, (90, 60)), cv2.resize(picture, (90, 60), interpolation=cv2.INTER_AREA)
        ), (fx, fy)


def test_nearest_resize_is_opencvs() -> None:
    for name, picture in pictures().items():
        height, width = picture.shape[:2]
        sizes = [
            (340, 340),
            (width * 2, height * 2),
            (width // 3, height // 3),
            (333, 777),
            (width + 1, height - 1),
        ]
        for size in sizes:
            expected = cv2.resize(picture, size, interpolation=cv2.INTER_NEAREST)
            assert np.array_equal(pixels.resize_nearest(picture, size), expected), (name, size)


def test_on_desk_pictures_are_what_opencv_drew() -> None:
    """The simulator's frames at the sizes the tests and benches use, against OpenCV's drawing."""
    for picture in (licence_image.phone_screen("demo-li_na"), pictures()["sheet"]):
        ph, pw = picture.shape[:2]
        for width, height in [(1280, 720), (800, 600), (640, 360), (320, 240), (1920, 1080)]:
            scale = min(1.0, 0.9 * width / pw, 0.9 * height / ph)
            expected = cv2.resize(picture, (int(pw * scale), int(ph * scale)), interpolation=cv2.INTER_AREA)
            frame = licence_image.on_desk(picture, (width, height))
            y, x = (height - expected.shape[0]) // 2, (width - expected.shape[1]) // 2
            assert np.array_equal(frame[y : y + expected.shape[0], x : x + expected.shape[1]], expected)


def test_reading_a_picture_is_opencvs_imread(tmp_path: Path) -> None:
    rgb = RNG.integers(0, 256, (40, 60, 3), dtype=np.uint8)
    Image.fromarray(rgb).save(tmp_path / "rgb.png")
    Image.fromarray(np.dstack([rgb, rgb[:, :, 0]])).save(tmp_path / "rgba.png")
    Image.fromarray(rgb[:, :, 0]).save(tmp_path / "grey.png")
    Image.fromarray(rgb).convert("P").save(tmp_path / "palette.png")
    Image.fromarray(rgb[:, :, :2], "LA").save(tmp_path / "grey_alpha.png")
    cv2.imwrite(str(tmp_path / "grey16.png"), RNG.integers(0, 65536, (40, 60), dtype=np.uint16))
    cv2.imwrite(str(tmp_path / "colour16.png"), RNG.integers(0, 65536, (40, 60, 3), dtype=np.uint16))
    cv2.imwrite(str(tmp_path / "photo.jpg"), rgb)
    turned = Image.fromarray(rgb)
    exif = turned.getexif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    turned.save(tmp_path / "turned.jpg", exif=exif)
    samples = sorted(DEFAULT_LICENCE_DIR.glob("*.png"))
    assert samples, "the demo's sample licences are missing"
    for path in [*sorted(tmp_path.iterdir()), *samples]:
        expected = cv2.imread(str(path), cv2.IMREAD_COLOR)
        assert np.array_equal(pixels.read_bgr(path), expected), path.name
    (tmp_path / "junk.png").write_bytes(b"not a picture")
    assert pixels.read_bgr(tmp_path / "junk.png") is None
    assert pixels.read_bgr(tmp_path / "missing.png") is None
