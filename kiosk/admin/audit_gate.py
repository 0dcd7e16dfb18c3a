"""Every admin action passes here first: written to the audit log, or refused with a reason.

The rule of issue 7 is "no audit entry, no action": when the log is damaged
(AuditLogDamaged) or a detail would carry personal data (AuditDetailError),
the action does not happen and staff see why. Only ids, counts and key names
go into details — never names, ID numbers or addresses.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.staff.audit import AuditDetailError, AuditError, AuditLog, AuditLogDamaged
from kiosk.widgets import tr
from kiosk.wording import fill

log = logging.getLogger(__name__)

DAMAGED_ZH = "审计日志已损坏，管理操作已停用：请技术人员运行 python -m kiosk.staff audit-verify"


class AuditRefused(Exception):
    """The action was not recorded, so it must not be done; `message` is for the screen, in the
    kiosk's language at the moment of the refusal."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuditGate:
    """Records admin actions in `log`; `record` raises AuditRefused instead of letting one through."""

    def __init__(self, audit_log: AuditLog) -> None:
        self.log = audit_log

    def record(self, action: str, detail: dict[str, Any] | None = None) -> None:
        try:
            self.log.append(action, detail or {})
        except AuditLogDamaged:
            log.error("audit log damaged; admin action %s refused", action)
            raise AuditRefused(tr(DAMAGED_ZH)) from None
        except AuditDetailError:
            log.error("audit detail for %s refused (would hold personal data)", action)
            raise AuditRefused(tr("该操作的记录含有个人信息，已拒绝执行")) from None
        except AuditError as exc:
            log.error("audit log cannot be written: %s", type(exc).__name__)
            raise AuditRefused(fill(tr("无法写入审计日志，操作未执行：%1"), exc)) from None
