"""Fixtures for the camera tests: a simulated camera that is always closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.camera.simulated import SimulatedCamera


@pytest.fixture
def sim_camera() -> Iterator[SimulatedCamera]:
    camera = SimulatedCamera(fps=30)
    yield camera
    camera.close()
