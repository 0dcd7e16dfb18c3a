"""The few OpenCV picture operations the kiosk needs, in numpy and Pillow, with OpenCV's results.

OpenCV makes ~24 MiB of its library resident the moment it is imported (plus its own
bundled OpenBLAS and libcrypto), and the kiosk used it only for a grey conversion, two
resizes, a Laplacian and reading a PNG. These do the same here, so OpenCV loads only in a
terminal that captures a real camera through it (opencv_camera.py); the simulated camera,
the picture-quality figures and the licence pictures never import it.

Each function gives OpenCV's own output bit for bit (tests/devices/camera/test_pixels.py
compares them with OpenCV where it is installed), so thresholds tuned on OpenCV's
figures, and the pictures the tests decode, stay what they were.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads with the first picture, not with the kiosk
    import numpy as np

GREY_SHIFT = 15
GREY_WEIGHTS_BGR = (3735, 19235, 9798)
"""BT.601 (0.114 B + 0.587 G + 0.299 R) in 15-bit fixed point: OpenCV's uint8 BGR2GRAY
weights, which reproduce its result for every one of the 2^24 colours."""
AREA_EDGE = 1e-3
"""A source pixel overlapping an output pixel by less than this is left out (as OpenCV does)."""


def grey(frame: np.ndarray) -> np.ndarray:
    """The grey uint8 picture of a BGR (H, W, 3), BGRA (H, W, 4) or grey (H, W[, 1]) uint8
    frame, as OpenCV's `cvtColor(COLOR_BGR2GRAY)` (alpha ignored)."""
    import numpy as np

    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 1:
        return frame[:, :, 0]
    blue, green, red = (frame[:, :, channel].astype(np.uint32) for channel in range(3))
    weight_b, weight_g, weight_r = GREY_WEIGHTS_BGR
    total = blue * weight_b + green * weight_g + red * weight_r + (1 << (GREY_SHIFT - 1))
    return (total >> GREY_SHIFT).astype(np.uint8)


def grey_to_bgr(grey_picture: np.ndarray) -> np.ndarray:
    """A grey (H, W) uint8 picture as BGR (H, W, 3), as `cvtColor(COLOR_GRAY2BGR)`."""
    import numpy as np

    return np.repeat(grey_picture[:, :, None], 3, axis=2)


def rgb_to_bgr(rgb: np.ndarray) -> np.ndarray:
    """Swap the channel order of an RGB (H, W, 3) picture into a new, writable BGR array."""
    import numpy as np

    return np.ascontiguousarray(rgb[:, :, 2::-1])


def laplacian(grey_picture: np.ndarray) -> np.ndarray:
    """The 3×3 Laplacian [[0,1,0],[1,-4,1],[0,1,0]] of a grey uint8 picture (int16), as
    `Laplacian(ksize=1)`: borders reflected without repeating the edge pixel (OpenCV's
    BORDER_REFLECT_101 is numpy's "reflect"; a 1-pixel side reflects onto itself in both)."""
    import numpy as np

    padded = np.pad(grey_picture.astype(np.int16), 1, mode="reflect")
    centre = padded[1:-1, 1:-1]
    return padded[:-2, 1:-1] + padded[2:, 1:-1] + padded[1:-1, :-2] + padded[1:-1, 2:] - 4 * centre


def resize_nearest(picture: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`picture` at `size` (width, height) by nearest neighbour, as `resize(INTER_NEAREST)`:
    output pixel x takes source pixel floor(x · src/dst) (not the pixel centre's)."""
    import numpy as np

    width, height = size
    rows = _nearest_index(picture.shape[0], height)
    cols = _nearest_index(picture.shape[1], width)
    return np.ascontiguousarray(picture[rows[:, None], cols[None, :]])


def resize_area(picture: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`picture` (uint8, grey or with channels) shrunk to `size` (width, height) by averaging the
    exact area each output pixel covers, as `resize(INTER_AREA)`: OpenCV's weight table and
    float32 sums in its order (along each row first, then down), or its block means for whole
    factors.
    (Pillow's BOX filter is not this: it gives each source pixel wholly to one output pixel,
    and differs by up to 160 grey levels at a QR module's edge.) Only shrinks."""
    import numpy as np

    width, height = size
    if not (1 <= width <= picture.shape[1] and 1 <= height <= picture.shape[0]):
        raise ValueError(f"resize_area only shrinks: {picture.shape[1]}x{picture.shape[0]} to {size}")
    whole = _whole_factor(picture.shape[1], width), _whole_factor(picture.shape[0], height)
    if whole[0] and whole[1]:
        return _shrink_by_blocks(picture, whole[0], whole[1])
    # each pass gathers whole rows of a contiguous array: the column pass works on the transpose
    columns_first = np.ascontiguousarray(picture.swapaxes(0, 1), dtype=np.float32)
    across = _weighted_sums(columns_first, *_area_table(picture.shape[1], width))  # along each row
    rows_first = np.ascontiguousarray(across.swapaxes(0, 1))
    result = _weighted_sums(rows_first, *_area_table(picture.shape[0], height))  # then down
    return np.clip(np.rint(result), 0, 255).astype(np.uint8)  # rint: half to even, as cvRound


def read_bgr(path: Path) -> np.ndarray | None:
    """A picture file as BGR uint8 (H, W, 3), as `imread(IMREAD_COLOR)`: grey and palette
    pictures as three equal channels, alpha dropped (not blended), the EXIF orientation
    applied; None when the file cannot be read as a picture."""
    import numpy as np
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit grey: the high byte, as OpenCV
                image = image.point(lambda value: value / 256).convert("L")
            rgb = np.asarray(image.convert("RGB"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return rgb_to_bgr(rgb)


def _nearest_index(source: int, target: int) -> np.ndarray:
    import numpy as np

    inverse = 1.0 / (target / source)  # OpenCV's ifx = 1/fx, computed in this order
    return np.minimum(np.floor(np.arange(target) * inverse).astype(np.intp), source - 1)


def _weighted_sums(source: np.ndarray, index: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Σ_k weight[i, k] · source[index[i, k]] along the first axis, summed in k's order (float32)."""
    import numpy as np

    shape = (index.shape[0], *source.shape[1:])
    total = np.zeros(shape, np.float32)
    term = np.empty(shape, np.float32)
    spread = (index.shape[0],) + (1,) * (source.ndim - 1)
    for k in range(index.shape[1]):
        np.take(source, index[:, k], axis=0, out=term)
        np.multiply(term, weight[:, k].reshape(spread), out=term)
        np.add(total, term, out=total)
    return total


def _whole_factor(source: int, target: int) -> int:
    """The shrink factor when it is a whole number (OpenCV's test for its fast path), else 0."""
    factor = 1.0 / (target / source)
    return round(factor) if abs(factor - round(factor)) < 2.220446049250313e-16 else 0


def _shrink_by_blocks(picture: np.ndarray, fx: int, fy: int) -> np.ndarray:
    """OpenCV's fast INTER_AREA path for whole factors: the mean of each block, rounded half up
    for 2×2 blocks (its vector code) and half to even otherwise."""
    import numpy as np

    height, width = picture.shape[0] // fy, picture.shape[1] // fx
    blocks = picture[: height * fy, : width * fx].reshape(height, fy, width, fx, *picture.shape[2:])
    sums = blocks.astype(np.int32).sum(axis=(1, 3))
    if (fx, fy) == (2, 2):
        return ((sums + 2) >> 2).astype(np.uint8)
    return np.rint(sums.astype(np.float32) * np.float32(1.0 / (fx * fy))).astype(np.uint8)


def _area_table(source: int, target: int) -> tuple[np.ndarray, np.ndarray]:
    """Per output pixel, the source pixels it covers and their weights ((target, K) arrays, a
    row padded with weight 0 on pixel 0), as OpenCV's computeResizeAreaTab."""
    import numpy as np

    scale = source / target
    entries: list[list[tuple[int, float]]] = []
    for out in range(target):
        start = out * scale
        end = start + scale
        cell = min(scale, source - start)
        first = min(math.ceil(start), source - 1)
        last = min(math.floor(end), source - 1)
        first = min(first, last)
        row: list[tuple[int, float]] = []
        if first - start > AREA_EDGE:
            row.append((first - 1, (first - start) / cell))
        row.extend((pixel, 1.0 / cell) for pixel in range(first, last))
        if end - last > AREA_EDGE:
            row.append((last, min(min(end - last, 1.0), cell) / cell))
        entries.append(row)
    width = max(len(row) for row in entries)
    index = np.zeros((target, width), np.intp)
    weight = np.zeros((target, width), np.float32)
    for out, row in enumerate(entries):
        for k, (pixel, share) in enumerate(row):
            index[out, k] = pixel
            weight[out, k] = share
    return index, weight
