"""电子监察 for hall supervisors: every matter's stage and its committed time, at a glance and as CSV.

The Guiyang seed's three stages (申请与受理 · 审查与决定 · 颁证与送达) per application,
matters due within 2 working days and overdue per department, the share of matters finished
within their committed limit, and the 好差评 average (catalog-centre's `ratings` table).
Filters: submission dates, theme, department. Served to a logged-in supervisor only
(the fleet page's session), as a page (/supervision), JSON (/v1/supervision) and CSV.
"""

import csv
import io
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from hub.clock import to_text
from hub.fleet_pages import PAGE_HEADERS, SESSION_COOKIE, supervisor_dependency
from hub.matter_progress import HALL_TIME, MatterRow
from hub.matter_status import STAGES
from hub.sessions import SupervisorSession
from hub.tracking import TIMELINESS, MatterProgressOut, matter_out
from hub.workdays import covered_years

STATIC = {"supervision.js": "text/javascript; charset=utf-8", "supervision.css": "text/css; charset=utf-8"}
CSV_COLUMNS = [
    ("application_number", "办件编号"),
    ("theme", "主题"),
    ("submitted_at", "提交时间"),
    ("matter_id", "事项编号"),
    ("name_zh", "事项"),
    ("department_zh", "部门"),
    ("status_zh", "状态"),
    ("stage_zh", "阶段"),
    ("days_after", "承诺时限(工作日)"),
    ("accepted_on", "受理日"),
    ("due_on", "到期日"),
    ("due_exact", "按法定节假日计算"),
    ("timeliness", "时效"),
    ("finished_on", "办结日"),
    ("outcome", "结果"),
]


class StageCount(BaseModel):
    stage: str
    label_zh: str
    label_en: str
    applications: int
    matters: int


class DepartmentLoad(BaseModel):
    department_zh: str
    department_en: str
    open: int
    due_soon: int
    overdue: int
    finished: int
    finished_on_time: int


class SupervisionReply(BaseModel):
    generated_on: date
    filters: dict[str, str | None]
    stages: list[StageCount]
    departments: list[DepartmentLoad]
    finished: int
    finished_on_time: int
    on_time_share: float | None = Field(
        description="finished within the committed limit / finished; null if none"
    )
    rating_average: float | None
    rating_count: int
    themes: list[str]
    department_names: list[str]
    calendar_years: list[int]
    matters: list[MatterProgressOut]


_STAGE_ORDER = ["application", "review", "delivery", "closed"]


def application_stage(rows: list[MatterRow]) -> str:
    """An application is at the least advanced stage of any of its matters."""
    return min((r.stage for r in rows), key=_STAGE_ORDER.index)


def summarise(
    rows: list[MatterRow],
    today: date,
    ratings: tuple[float | None, int],
    filters: dict[str, str | None],
    themes: list[str],
    department_names: list[str],
) -> SupervisionReply:
    by_app: dict[str, list[MatterRow]] = {}
    for row in rows:
        by_app.setdefault(row.application_number, []).append(row)
    stages = []
    for stage in _STAGE_ORDER:
        zh, en = STAGES[stage]
        stages.append(
            StageCount(
                stage=stage,
                label_zh=zh,
                label_en=en,
                applications=sum(1 for matters in by_app.values() if application_stage(matters) == stage),
                matters=sum(1 for r in rows if r.stage == stage),
            )
        )
    loads: dict[str, DepartmentLoad] = {}
    for row in rows:
        load = loads.setdefault(
            row.department_zh,
            DepartmentLoad(
                department_zh=row.department_zh,
                department_en=row.department_en,
                open=0,
                due_soon=0,
                overdue=0,
                finished=0,
                finished_on_time=0,
            ),
        )
        when = row.timeliness(today)
        if when in ("done_on_time", "done_late"):
            load.finished += 1
            load.finished_on_time += when == "done_on_time"
        elif row.stage != "closed":
            load.open += 1
            load.due_soon += when == "due_soon"
            load.overdue += when == "overdue"
    finished = sum(d.finished for d in loads.values())
    on_time = sum(d.finished_on_time for d in loads.values())
    first, last = covered_years()
    return SupervisionReply(
        generated_on=today,
        filters=filters,
        stages=stages,
        departments=sorted(loads.values(), key=lambda d: (-d.overdue, -d.due_soon, d.department_zh)),
        finished=finished,
        finished_on_time=on_time,
        on_time_share=round(on_time / finished, 4) if finished else None,
        rating_average=ratings[0],
        rating_count=ratings[1],
        themes=themes,
        department_names=department_names,
        calendar_years=[first, last],
        matters=[matter_out(r, today) for r in rows],
    )


def _day_start(day: date | None) -> str | None:
    """The UTC text of the hall's midnight that starts `day` (submission times are stored in UTC)."""
    if day is None:
        return None
    return to_text(datetime(day.year, day.month, day.day, tzinfo=HALL_TIME))


class SupervisionQuery:
    def __init__(self, hub: Any) -> None:
        self.hub = hub

    def reply(
        self, since: date | None, until: date | None, theme: str | None, department: str | None
    ) -> SupervisionReply:
        progress = self.hub.progress
        everything = progress.rows()
        rows = progress.rows(
            since=_day_start(since),
            until=_day_start(until + timedelta(days=1)) if until else None,
            theme=theme or None,
        )
        if department:
            rows = [r for r in rows if r.department_zh == department]
        numbers = sorted({r.application_number for r in rows})
        filters = {
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "theme": theme or None,
            "department": department or None,
        }
        return summarise(
            rows,
            progress.today(),
            self._ratings(numbers),
            filters,
            sorted({r.theme for r in everything}),
            sorted({r.department_zh for r in everything}),
        )

    def _ratings(self, numbers: list[str]) -> tuple[float | None, int]:
        """Average stars of the filtered applications' ratings (the ratings table, when the hub has it)."""
        if not numbers:
            return None, 0
        params = {f"n{i}": n for i, n in enumerate(numbers)}
        with self.hub.db.transaction() as tx:
            row = tx.fetchone(
                "SELECT count(*), avg(r.stars) FROM ratings r JOIN tracked_applications t"
                " ON t.terminal_id = r.terminal_id AND t.application_id = r.application_id"
                " WHERE t.application_number IN (" + ", ".join(f":{k}" for k in params) + ")",
                params,
            )
        count = int(row[0]) if row else 0
        return (round(float(row[1]), 2) if count else None), count


def to_csv(reply: SupervisionReply) -> str:
    """One line per matter, Chinese headers, with a BOM so spreadsheet programs read it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([zh for _, zh in CSV_COLUMNS])
    for m in reply.matters:
        values = m.model_dump(mode="json")
        values["timeliness"] = TIMELINESS[m.timeliness][0]
        values["due_exact"] = "是" if m.due_exact else "否（仅按周末推算）"
        writer.writerow(["" if values.get(key) is None else values[key] for key, _ in CSV_COLUMNS])
    return out.getvalue()


def install_supervision_routes(app: FastAPI, hub: Any) -> None:
    query = SupervisionQuery(hub)
    Supervisor = Annotated[SupervisorSession, Depends(supervisor_dependency(hub))]

    def filters(
        since: Annotated[date | None, Query(description="submitted on or after (hall date)")] = None,
        until: Annotated[date | None, Query(description="submitted on or before (hall date)")] = None,
        theme: Annotated[str | None, Query(max_length=64)] = None,
        department: Annotated[str | None, Query(max_length=100)] = None,
    ) -> dict[str, Any]:
        return {"since": since, "until": until, "theme": theme, "department": department}

    Filters = Annotated[dict[str, Any], Depends(filters)]

    @app.get(
        "/v1/supervision",
        tags=["supervision"],
        responses={401: {"description": "no supervisor session: log in first"}},
    )
    def supervision(supervisor: Supervisor, chosen: Filters) -> SupervisionReply:
        """电子监察: stages, due soon / overdue per department, on-time share, 好差评, every matter."""
        return query.reply(**chosen)

    @app.get(
        "/v1/supervision.csv",
        tags=["supervision"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}}, 401: {"description": "log in first"}},
    )
    def supervision_csv(supervisor: Supervisor, chosen: Filters) -> Response:
        """The same matters as CSV (UTF-8 with BOM), for the monthly report."""
        body = to_csv(query.reply(**chosen))
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'attachment; filename="supervision.csv"',
                "Cache-Control": "no-store",
            },
        )

    @app.get("/supervision", include_in_schema=False)
    def supervision_page(request: Request) -> Response:
        session = hub.sessions.find(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return RedirectResponse("/fleet/login", status_code=303)
        page = resources.files("hub").joinpath("static", "supervision.html").read_text("utf-8")
        return Response(page, media_type="text/html; charset=utf-8", headers=dict(PAGE_HEADERS))

    @app.get("/supervision/static/{name}", include_in_schema=False)
    def supervision_asset(name: str) -> Response:
        if name not in STATIC:
            return Response("not found", status_code=404)
        text = resources.files("hub").joinpath("static", name).read_text("utf-8")
        return Response(text, media_type=STATIC[name], headers={"Cache-Control": "no-cache"})
