"""Every setting of a terminal, declared once: type, default, description, validation.

One TOML file holds them (see README, "Configuration"); secrets never live in it
but in files under the data folder's `secrets/` (0600). The staff settings
screen and the README table are generated from these declarations, so a new
setting is added here and nowhere else — with its English label (`title`) and
Chinese label (`json_schema_extra={"label_zh": ...}`) beside it. Qt-free: `diag` and `queue` read it
without a display.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

# No pydantic plugins in a kiosk: without this, the first model built scans every installed
# package's entry points for them (~5 ms of each start). Set before pydantic builds a model.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from devices.config import DevicesConfig
from kiosk.errors import ConfigError
from offline_cache.config import SyncConfig


def default_data_dir() -> Path:
    """The user's data folder (XDG), where the outbox, secrets, logs and the demo hub live."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "onestop-kiosk"


class TerminalSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hall: str = Field(
        "徐汇区行政服务中心",
        description="Hall name printed on receipts and shown to staff",
        title="Hall name",
        json_schema_extra={"label_zh": "大厅名称"},
    )
    terminal_id: str = Field(
        "XH-0001",
        pattern=r"^[A-Za-z0-9_-]{1,32}$",
        description="This terminal's id at the hub",
        title="Terminal id",
        json_schema_extra={"label_zh": "终端编号"},
    )
    language: Literal["zh_CN", "en"] = Field(
        "zh_CN",
        description="Language a new session starts in",
        title="Default language",
        json_schema_extra={"label_zh": "默认语言"},
    )
    languages: list[Literal["zh_CN", "en"]] = Field(
        default_factory=lambda: ["zh_CN", "en"],
        description="Languages the citizen may switch to",
        title="Languages offered",
        json_schema_extra={"label_zh": "可选语言"},
    )
    idle_timeout_s: int = Field(
        90,
        ge=20,
        le=1800,
        description="Seconds without a touch before the wipe",
        title="Idle timeout (s)",
        json_schema_extra={"label_zh": "无操作超时（秒）"},
    )
    idle_warning_s: int = Field(
        15,
        ge=5,
        le=120,
        description="Visible countdown before the wipe",
        title="Countdown before the wipe (s)",
        json_schema_extra={"label_zh": "超时前倒计时（秒）"},
    )
    fullscreen: bool = Field(
        True,
        description="Full screen, frameless (windowed for development)",
        title="Full screen, frameless",
        json_schema_extra={"label_zh": "全屏无边框"},
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Outbox, secrets, logs, demo hub (default: $XDG_DATA_HOME/onestop-kiosk, "
        "else ~/.local/share/onestop-kiosk)",
        title="Data folder",
        json_schema_extra={"label_zh": "数据目录"},
    )


class HubSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        "http://127.0.0.1:8710",
        pattern=r"^https?://",
        description="Base URL of the central hub",
        title="Hub address",
        json_schema_extra={"label_zh": "中心平台地址"},
    )
    embedded: bool = Field(
        False,
        description="Start a reference hub inside the kiosk (demo mode)",
        title="Embedded demo hub",
        json_schema_extra={"label_zh": "内置演示平台"},
    )
    public_url: str = Field(
        "",
        pattern=r"^(https?://\S+)?$",
        description="Public address of the hub's tracking page, printed in the receipt's QR "
        "(empty: the hub address; the demo serves it on 127.0.0.1)",
        title="Public tracking address",
        json_schema_extra={"label_zh": "进度查询公网地址"},
    )
    sms_notifier: bool = Field(
        False,
        description="The hub offers status changes to an SMS platform (its webhook notifier is configured); "
        "only then do the done screen and the receipt promise an SMS",
        title="SMS notifications",
        json_schema_extra={"label_zh": "短信通知已开通"},
    )


class KioskSettings(BaseModel):
    """The whole TOML file: [terminal], [hub], [devices], [sync]."""

    model_config = ConfigDict(extra="forbid")

    terminal: TerminalSection = Field(
        default_factory=TerminalSection, title="Terminal", json_schema_extra={"label_zh": "终端"}
    )
    hub: HubSection = Field(
        default_factory=HubSection, title="Hub", json_schema_extra={"label_zh": "中心平台"}
    )
    devices: DevicesConfig = Field(
        default_factory=DevicesConfig, title="Devices", json_schema_extra={"label_zh": "设备"}
    )
    sync: SyncConfig = Field(
        default_factory=SyncConfig,
        title="Sync (technicians)",
        json_schema_extra={"label_zh": "同步（技术人员）"},
    )


def load_settings(path: Path | None, overrides: dict[str, Any] | None = None) -> KioskSettings:
    """Read and validate a TOML file; every problem becomes a ConfigError naming file and key."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such file") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    for dotted, value in (overrides or {}).items():
        _set_dotted(data, dotted, value)
    try:
        return KioskSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        source = str(path) if path else "settings"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigError(f"{source}: {where}: {first['msg']}{more}") from None


def _set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def settings_reference() -> list[dict[str, str]]:
    """Rows (key, type, default, description) for README and the staff settings screen."""
    rows: list[dict[str, str]] = []
    for section_name, section_field in KioskSettings.model_fields.items():
        model = section_field.annotation
        for key, spec in model.model_fields.items():  # type: ignore[union-attr]
            default = spec.get_default(call_default_factory=True)
            shown = "(see meaning)" if isinstance(default, Path) else repr(default)
            rows.append(
                {
                    "key": f"{section_name}.{key}",
                    "type": _type_name(spec.annotation),
                    "default": shown,
                    "description": spec.description or "",
                }
            )
    return rows


def _type_name(annotation: Any) -> str:
    """A reader's name for a type: the allowed values of a Literal, `a | b` for unions."""
    origin = get_origin(annotation)
    if origin is Literal:
        return " | ".join(repr(v) for v in get_args(annotation))
    if origin in (UnionType, Union):
        return " | ".join(_type_name(a) for a in get_args(annotation))
    if origin is list:
        return f"list of {_type_name(get_args(annotation)[0])}"
    if annotation is type(None):
        return "none"
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")
