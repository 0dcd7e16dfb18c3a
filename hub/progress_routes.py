"""Progress tracking's routes in one place: the departments' API, the tracking page and lookup, 电子监察."""

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from hub.departments_api import install_department_routes
from hub.supervision import install_supervision_routes
from hub.tracking import install_tracking_routes


def install_progress_routes(
    app: FastAPI, hub: Any, signed_terminal: Callable[..., str], terminal_errors: dict[int | str, Any]
) -> None:
    """`signed_terminal` is the app's terminal dependency (lookups from the kiosk's tracking tile),
    `terminal_errors` the error replies every signed terminal route documents."""
    install_department_routes(app, hub.departments, hub.progress)
    install_tracking_routes(app, hub.progress, signed_terminal, terminal_errors)
    install_supervision_routes(app, hub)
