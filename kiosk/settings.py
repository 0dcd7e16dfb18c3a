"""Every setting of a terminal, declared once: type, default, description, validation.

One TOML file holds them (see README, "Configuration"); secrets never live in it
but in files under the data folder's `secrets/` (0600). The staff settings
screen and the README table are generated from these declarations, so a new
setting is added here and nowhere else — with its English label (`title`) and
Chinese label (`Meta(extra={"label_zh": ...})`) beside it. Qt-free: `diag` and `queue` read it
without a display.

The sections are msgspec Structs, not pydantic models: the kiosk reads them before its first
frame, and msgspec imports in a few milliseconds where pydantic and its model classes took about
a hundred (bench/README.md, "Kiosk start-up"). `validated` is the one way values become settings.
"""

# No postponed annotations: msgspec would compile each string at the first validation
# (≈6 ms of a start; docs/CONTRACTS.md, "Record types").
import os
import re
import tomllib
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import Meta, Struct, field

from devices.config import DevicesConfig, FieldProblem
from kiosk.errors import ConfigError
from offline_cache.config import SyncConfig


def default_data_dir() -> Path:
    """The user's data folder (XDG), where the outbox, secrets, logs and the demo hub live."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "onestop-kiosk"


class TerminalSection(Struct, forbid_unknown_fields=True, frozen=True):

    hall: Annotated[
        str,
        Meta(
            title="Hall name",
            description="Hall name printed on receipts and shown to staff",
            extra={"label_zh": "大厅名称"},
        ),
    ] = "徐汇区行政服务中心"
    terminal_id: Annotated[
        str,
        Meta(
            pattern=r"^[A-Za-z0-9_-]{1,32}$",
            title="Terminal id",
            description="This terminal's id at the hub",
            extra={"label_zh": "终端编号"},
        ),
    ] = "XH-0001"
    language: Annotated[
        Literal["zh_CN", "en"],
        Meta(
            title="Default language",
            description="Language a new session starts in",
            extra={"label_zh": "默认语言"},
        ),
    ] = "zh_CN"
    languages: Annotated[
        list[Literal["zh_CN", "en"]],
        Meta(
            title="Languages offered",
            description="Languages the citizen may switch to",
            extra={"label_zh": "可选语言"},
        ),
    ] = field(default_factory=lambda: ["zh_CN", "en"])
    idle_timeout_s: Annotated[
        int,
        Meta(
            ge=20,
            le=1800,
            title="Idle timeout (s)",
            description="Seconds without a touch before the wipe",
            extra={"label_zh": "无操作超时（秒）"},
        ),
    ] = 90
    idle_warning_s: Annotated[
        int,
        Meta(
            ge=5,
            le=120,
            title="Countdown before the wipe (s)",
            description="Visible countdown before the wipe",
            extra={"label_zh": "超时前倒计时（秒）"},
        ),
    ] = 15
    fullscreen: Annotated[
        bool,
        Meta(
            title="Full screen, frameless",
            description="Full screen, frameless (windowed for development)",
            extra={"label_zh": "全屏无边框"},
        ),
    ] = True
    data_dir: Annotated[
        Path,
        Meta(
            title="Data folder",
            description="Outbox, secrets, logs, demo hub (default: $XDG_DATA_HOME/onestop-kiosk, "
            "else ~/.local/share/onestop-kiosk)",
            extra={"label_zh": "数据目录"},
        ),
    ] = field(default_factory=default_data_dir)


class HubSection(Struct, forbid_unknown_fields=True, frozen=True):

    url: Annotated[
        str,
        Meta(
            pattern=r"^https?://",
            title="Hub address",
            description="Base URL of the central hub",
            extra={"label_zh": "中心平台地址"},
        ),
    ] = "http://127.0.0.1:8710"
    embedded: Annotated[
        bool,
        Meta(
            title="Embedded demo hub",
            description="Start a reference hub inside the kiosk (demo mode)",
            extra={"label_zh": "内置演示平台"},
        ),
    ] = False
    public_url: Annotated[
        str,
        Meta(
            pattern=r"^(https?://\S+)?$",
            title="Public tracking address",
            description="Public address of the hub's tracking page, printed in the receipt's QR "
            "(empty: the hub address; the demo serves it on 127.0.0.1)",
            extra={"label_zh": "进度查询公网地址"},
        ),
    ] = ""
    sms_notifier: Annotated[
        bool,
        Meta(
            title="SMS notifications",
            description="The hub offers status changes to an SMS platform (its webhook notifier "
            "is configured); only then do the done screen and the receipt promise an SMS",
            extra={"label_zh": "短信通知已开通"},
        ),
    ] = False


class KioskSettings(Struct, forbid_unknown_fields=True, frozen=True):
    """The whole TOML file: [terminal], [hub], [devices], [sync]."""

    terminal: Annotated[
        TerminalSection,
        Meta(
            title="Terminal",
            extra={"label_zh": "终端"},
        ),
    ] = field(default_factory=TerminalSection)
    hub: Annotated[
        HubSection,
        Meta(
            title="Hub",
            extra={"label_zh": "中心平台"},
        ),
    ] = field(default_factory=HubSection)
    devices: Annotated[
        DevicesConfig,
        Meta(
            title="Devices",
            extra={"label_zh": "设备"},
        ),
    ] = field(default_factory=DevicesConfig)
    sync: Annotated[
        SyncConfig,
        Meta(
            title="Sync (technicians)",
            extra={"label_zh": "同步（技术人员）"},
        ),
    ] = field(default_factory=SyncConfig)


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
        return validated(KioskSettings, data)
    except msgspec.ValidationError as exc:
        where, message = problem_of(exc)
        source = str(path) if path else "settings"
        raise ConfigError(f"{source}: {where}: {message}") from None


Section = TypeVar("Section", bound=Struct)


def validated(kind: type[Section], values: Any) -> Section:
    """`values` (TOML's or a form's plain Python) as settings of `kind`, or msgspec.ValidationError.

    Strict: TOML already gives numbers and booleans their types, so "90" for a number is an
    error, not a guess (the staff form turns what was typed into numbers first). Paths arrive
    as text.
    """
    return msgspec.convert(values, kind, strict=True, dec_hook=_path_from_text)


def _path_from_text(kind: type, value: Any) -> Any:
    if kind is Path and isinstance(value, str | Path):
        return Path(value)
    raise TypeError(f"Expected a folder path, got `{type(value).__name__}`")


_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<key>[^`]*)`$")
_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)


def problem_of(exc: msgspec.ValidationError) -> tuple[str, str]:
    """(dotted key, message) of a validation error: "terminal.idle_timeout_s", "Expected `int` >= 20".

    msgspec reports the first problem, at a path like ``$.terminal.languages[0]``; the key is the
    setting (list positions dropped), or the section for a rule across fields, or "settings".
    """
    match = _AT.match(str(exc))
    assert match is not None  # the pattern matches any text
    parts = [part for part in re.split(r"\.|\[\d+\]", match["path"] or "") if part]
    message = match["message"]
    unknown = _UNKNOWN.match(message)
    if unknown is not None:  # msgspec places it at the section; the key is what is wrong
        parts.append(unknown["key"])
        message = "no such setting"
    if isinstance(exc.__cause__, FieldProblem):
        parts.append(exc.__cause__.field)
    return ".".join(parts[:2]) or "settings", message


def section_values(settings: KioskSettings) -> dict[str, dict[str, Any]]:
    """Each section's values by name, as the settings hold them (paths stay paths)."""
    return {
        name: msgspec.structs.asdict(getattr(settings, name))
        for name in KioskSettings.__struct_fields__
    }


def _set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def settings_reference() -> list[dict[str, str]]:
    """Rows (key, type, default, description) for README and the staff settings screen."""
    rows: list[dict[str, str]] = []
    for section in declared_fields(KioskSettings):
        for spec in declared_fields(section.type):
            default = spec.default_value()
            shown = "(see meaning)" if isinstance(default, Path) else repr(default)
            rows.append(
                {
                    "key": f"{section.name}.{spec.name}",
                    "type": _type_name(spec.type),
                    "default": shown,
                    "description": spec.meta.description or "",
                }
            )
    return rows


class DeclaredField(Struct, frozen=True):
    """A settings field as declared: name, type (without its Annotated), default and Meta."""

    name: str
    type: Any
    meta: Meta
    default: Any
    default_factory: Any

    def default_value(self) -> Any:
        return self.default_factory() if self.default is msgspec.NODEFAULT else self.default

    def label_zh(self) -> str:
        """The Chinese label declared beside it ("" when none was)."""
        return str((self.meta.extra or {}).get("label_zh", ""))


def declared_fields(kind: type[Struct]) -> list[DeclaredField]:
    """The fields of a settings Struct in file order, with what their declarations say."""
    fields = []
    for info in msgspec.structs.fields(kind):
        base, meta = info.type, Meta()
        if get_origin(base) is Annotated:
            base, *extras = get_args(base)
            meta = next((m for m in extras if isinstance(m, Meta)), meta)
        fields.append(DeclaredField(info.name, base, meta, info.default, info.default_factory))
    return fields


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
