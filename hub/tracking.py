"""Progress as the citizen sees it: the receipt QR's public page and the kiosk's tracking tile.

The receipt's QR holds `<hub.public_url>/track/<token>`, a 128-bit secret made on the
terminal (the hub keeps only its hash), never the bare application id. The page needs no
login and shows, in Chinese and English, each matter's status, department, due date and
next step, with the masked name as the only personal datum. A terminal may also ask with
the short number plus the last 4 characters of the ID number (POST /v1/tracking/lookup,
signed like every terminal request).
"""

from datetime import date
from html import escape
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, model_validator

from hub.errors import HubError, NotFound
from hub.matter_progress import MatterProgress, MatterRow
from hub.matter_status import DELIVERY_METHODS, LABELS, OUTCOMES, STAGES, next_step
from hub.workdays import covered_years

TOKEN_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"
TIMELINESS = {
    "none": ("未开始计时", "Clock not started"),
    "on_time": ("按期办理中", "On time"),
    "due_soon": ("即将到期", "Due within 2 working days"),
    "overdue": ("已超期", "Overdue"),
    "done_on_time": ("按期办结", "Finished on time"),
    "done_late": ("超期办结", "Finished late"),
}
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class MatterProgressOut(BaseModel):
    """One matter of an application as departments, staff, the tracking page and the kiosk see it."""

    application_number: str
    matter_id: str
    name_zh: str
    name_en: str
    department_zh: str
    department_en: str
    status: str
    status_zh: str
    status_en: str
    stage: str = Field(description="application | review | delivery | closed (the seed's three stages)")
    stage_zh: str
    outcome: str | None = Field(None, description="granted | denied once 已办结")
    note: str = Field("", description="the reason (不予受理 / 不予许可) or what is missing (需补正)")
    delivery_method: str | None = None
    courier_number: str = ""
    days_after: int = Field(description="committed limit in working days from 受理")
    accepted_on: date | None = None
    due_on: date | None = None
    due_exact: bool = Field(
        True, description="false: counted by weekends only (year past the holiday calendar)"
    )
    timeliness: str = Field(description=", ".join(TIMELINESS))
    finished_on: date | None = None
    next_step_zh: str
    next_step_en: str
    updated_at: str
    theme: str
    submitted_at: str


def matter_out(row: MatterRow, today: date) -> MatterProgressOut:
    zh, en = LABELS[row.status]
    step_zh, step_en = next_step(row.status, row.outcome, row.note, row.delivery_method, row.courier_number)
    return MatterProgressOut(
        application_number=row.application_number,
        matter_id=row.matter_id,
        name_zh=row.name_zh,
        name_en=row.name_en,
        department_zh=row.department_zh,
        department_en=row.department_en,
        status=row.status.value,
        status_zh=zh,
        status_en=en,
        stage=row.stage,
        stage_zh=STAGES[row.stage][0],
        outcome=row.outcome,
        note=row.note,
        delivery_method=row.delivery_method,
        courier_number=row.courier_number,
        days_after=row.days_after,
        accepted_on=row.accepted_on,
        due_on=row.due_on,
        due_exact=row.due_exact,
        timeliness=row.timeliness(today),
        finished_on=row.finished_on,
        next_step_zh=step_zh,
        next_step_en=step_en,
        updated_at=row.updated_at,
        theme=row.theme,
        submitted_at=row.submitted_at,
    )


class TrackingView(BaseModel):
    application_number: str
    masked_name: str = Field(description="the surname only (张**): the page's only personal datum")
    matters: list[MatterProgressOut]
    calendar_note_zh: str
    calendar_note_en: str


class TrackingLookup(BaseModel):
    """Either the receipt QR's token, or the short number with the last 4 characters of the ID number."""

    token: str | None = Field(None, pattern=TOKEN_PATTERN)
    application_number: str | None = Field(None, max_length=40)
    id_last4: str | None = Field(None, pattern=r"^[0-9Xx]{4}$")

    @model_validator(mode="after")
    def one_way(self) -> "TrackingLookup":
        if (self.token is None) == (self.application_number is None or self.id_last4 is None):
            raise ValueError("give either token, or application_number with id_last4")
        return self


def calendar_note() -> tuple[str, str]:
    first, last = covered_years()
    return (
        f"到期日按工作日计算（含法定节假日与调休，{first}–{last} 年）；"
        f"{last + 1} 年起暂按周末推算，以部门通知为准",
        f"Due dates count working days (official holidays and make-up days, {first}–{last}); "
        f"from {last + 1} only weekends are counted until the official calendar is published",
    )


def tracking_view(progress: MatterProgress, number: str) -> TrackingView:
    today = progress.today()
    zh, en = calendar_note()
    return TrackingView(
        application_number=number,
        masked_name=progress.masked_name(number),
        matters=[matter_out(r, today) for r in progress.matters_of(number)],
        calendar_note_zh=zh,
        calendar_note_en=en,
    )


def install_tracking_routes(
    app: FastAPI, progress: MatterProgress, terminal: Any, errors: dict[int | str, Any]
) -> None:
    """GET /track/{token} (public page) and POST /v1/tracking/lookup (terminals, signed)."""

    @app.get("/track/{token}", include_in_schema=False)
    def tracking_page(token: str) -> HTMLResponse:
        number = progress.find_number(token=token) if _plausible_token(token) else None
        if number is None:
            return HTMLResponse(_NOT_FOUND, status_code=404, headers=dict(PAGE_HEADERS))
        return HTMLResponse(render_page(tracking_view(progress, number)), headers=dict(PAGE_HEADERS))

    @app.get("/track/static/tracking.css", include_in_schema=False)
    def tracking_css() -> Response:
        css = resources.files("hub").joinpath("static", "tracking.css").read_text("utf-8")
        return Response(css, media_type="text/css; charset=utf-8", headers={"Cache-Control": "no-cache"})

    @app.post(
        "/v1/tracking/lookup",
        tags=["tracking"],
        responses={**errors, 404: {"description": "no application with this token, or number and ID ending"}},
    )
    def lookup(query: TrackingLookup, terminal_id: Annotated[str, Depends(terminal)]) -> TrackingView:
        """The kiosk's 查询办件进度 tile: the receipt QR's token, or number + last 4 of the ID number."""
        try:
            number = progress.find_number(
                token=query.token, number=query.application_number, id_last4=query.id_last4
            )
        except HubError:
            number = None
        if number is None:
            raise NotFound("没有找到该申请，请核对办件编号和证件号码后四位 (no application matches)")
        return tracking_view(progress, number)


def _plausible_token(token: str) -> bool:
    return 16 <= len(token) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in token)


def render_page(view: TrackingView) -> str:
    """The public page: plain HTML, no script, every value escaped."""
    rows = []
    for m in view.matters:
        due = "—"
        if m.due_on is not None:
            due = f"{m.due_on:%Y-%m-%d}" + ("" if m.due_exact else " *")
        outcome = f"（{OUTCOMES[m.outcome][0]} / {OUTCOMES[m.outcome][1]}）" if m.outcome in OUTCOMES else ""
        delivery = ""
        if m.delivery_method in DELIVERY_METHODS:
            delivery = f"<br>{escape(DELIVERY_METHODS[m.delivery_method][0])}"
        when_zh, when_en = TIMELINESS[m.timeliness]
        rows.append(
            f'<tr class="matter" data-matter="{escape(m.matter_id)}" data-status="{escape(m.status)}">'
            f"<td>{escape(m.name_zh)}<br><small>{escape(m.name_en)}</small></td>"
            f"<td>{escape(m.department_zh)}<br><small>{escape(m.department_en)}</small></td>"
            f'<td class="status">{escape(m.status_zh)}{escape(outcome)}'
            f"<br><small>{escape(m.status_en)}</small>"
            f"{delivery}</td>"
            f'<td class="due">{escape(due)}<br><small>{escape(when_zh)} / {escape(when_en)}</small></td>'
            f'<td class="next">{escape(m.next_step_zh)}<br><small>{escape(m.next_step_en)}</small></td></tr>'
        )
    return _PAGE.format(
        number=escape(view.application_number),
        name=escape(view.masked_name),
        rows="\n".join(rows) or '<tr><td colspan="5">—</td></tr>',
        note_zh=escape(view.calendar_note_zh),
        note_en=escape(view.calendar_note_en),
    )


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>办件进度 Application progress</title>
<link rel="stylesheet" href="/track/static/tracking.css"></head>
<body><main>
<h1>办件进度查询 <small>Application progress</small></h1>
<p class="who">办件编号 Application number: <strong id="number">{number}</strong><br>
申请人 Applicant: <span id="name">{name}</span></p>
<table><thead><tr><th>事项 Matter</th><th>部门 Department</th><th>状态 Status</th>
<th>到期日 Due</th><th>下一步 Next step</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p class="note">* {note_zh}<br>{note_en}</p>
</main></body></html>
"""

_NOT_FOUND = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>未找到 Not found</title>
<link rel="stylesheet" href="/track/static/tracking.css"></head>
<body><main><h1>未找到该申请 <small>No such application</small></h1>
<p>请核对回执上的二维码，或到大厅窗口凭办件编号查询。<br>
Check the QR code on your receipt, or ask at the hall's counter with the application number.</p>
</main></body></html>
"""
