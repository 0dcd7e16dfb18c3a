"""The departments' API: each department lists its matters and moves them, signed with its own secret.

Requests are signed exactly like a terminal's (hub/request_gate.py: X-Timestamp, X-Nonce,
X-Signature over the request), with `X-Department-Id` naming the department; the gate checks
them before the body is read. A department may move only the matters it was registered for
(403 otherwise); an illegal move is refused with 409 and the reason.
"""

from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Query
from pydantic import BaseModel, Field

from hub.auth import is_valid_terminal_id
from hub.db import Transaction
from hub.departments import DepartmentRegistry
from hub.matter_progress import MatterProgress
from hub.matter_status import Status, StatusChange
from hub.models import ErrorReply
from hub.request_gate import SignedArea, require_signed
from hub.tracking import MatterProgressOut, matter_out

DEPARTMENT_PREFIX = "/v1/departments/"
_ERRORS = {
    400: {"model": ErrorReply, "description": "not an application number (format or check character)"},
    401: {"model": ErrorReply, "description": "unsigned, unknown department, bad or stale signature"},
    403: {"model": ErrorReply, "description": "revoked, or the matter belongs to another department"},
    404: {"model": ErrorReply, "description": "no such application number or matter"},
    409: {
        "model": ErrorReply,
        "description": "illegal transition (`error: illegal_transition`), with the reason",
    },
}


class StatusChangeIn(BaseModel):
    status: Status
    note: str = Field(
        "", max_length=500, description="reason (不予受理/不予许可) or what is missing (需补正)"
    )
    outcome: Literal["granted", "denied"] | None = Field(None, description="with status decided")
    delivery_method: Literal["pickup", "courier"] | None = Field(None, description="with status delivered")
    courier_number: str = Field("", max_length=64, description="with delivery_method courier")


class DepartmentMatters(BaseModel):
    department_id: str
    matters: list[MatterProgressOut]


def department_area(departments: DepartmentRegistry) -> SignedArea:
    def still_enabled(tx: Transaction, department_id: str) -> bool:
        row = tx.fetchone("SELECT enabled FROM departments WHERE department_id = :d", {"d": department_id})
        return bool(row and row[0])

    return SignedArea(
        prefix=DEPARTMENT_PREFIX,
        kind="department",
        id_header="X-Department-Id",
        secret_for=lambda department_id: departments.credentials(department_id)[0],
        valid_id=is_valid_terminal_id,
        still_allowed=still_enabled,
    )


def install_department_routes(
    app: FastAPI, departments: DepartmentRegistry, progress: MatterProgress
) -> None:
    Department = Annotated[str, Depends(require_signed(app, department_area(departments)))]

    @app.get(DEPARTMENT_PREFIX + "matters", tags=["departments"], responses=_ERRORS)
    def my_matters(
        department_id: Department,
        status: Annotated[Status | None, Query(description="only matters in this status")] = None,
    ) -> DepartmentMatters:
        """This department's matters of every tracked application, oldest first."""
        _, mine = departments.credentials(department_id)
        today = progress.today()
        rows = [r for r in progress.rows(matters=mine) if status is None or r.status == status]
        return DepartmentMatters(department_id=department_id, matters=[matter_out(r, today) for r in rows])

    @app.post(
        DEPARTMENT_PREFIX + "matters/{application_number}/{matter_id}/status",
        tags=["departments"],
        responses=_ERRORS,
    )
    def move_matter(
        application_number: str, matter_id: str, change: StatusChangeIn, department_id: Department
    ) -> MatterProgressOut:
        """Move one matter to its next status; stored with who and when, offered to the notifier."""
        _, mine = departments.credentials(department_id)
        row = progress.change(
            application_number,
            matter_id,
            StatusChange(
                change.status, change.note, change.outcome, change.delivery_method, change.courier_number
            ),
            actor=f"department:{department_id}",
            allowed_matters=mine,
        )
        return matter_out(row, progress.today())
