"""One citizen's visit, as a small fixed state machine the screens only draw.

attract → consent → identity → 主体业态 → 情形判断 → licence → 多表合一 review →
checklist → delivery → done, with back and cancel everywhere. What is asked
inside a step comes from the catalog; which step comes next, what is kept and
what is wiped is decided here, so it is tested without a display.

Lookups at the hub (profiles, e-licence holdings, the city-app token) go
through a `Lookups` port; when the hub cannot be reached the visit goes on
with less prefilled, never stops. Submitting goes through an `OutboxPort`
(the receipt is made only after the outbox has committed the application).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from msgspec import Struct, field

from flows import engine
from flows.answers import answer_elements, visible_questions
from flows.catalog import Catalog
from flows.identifiers import is_valid_uscc, mask_id_number
from flows.inference import default_answers, inferred_elements
from flows.sources import enterprise_elements, identity_elements, licence_elements, person_elements

log = logging.getLogger(__name__)


class Step(StrEnum):
    ATTRACT = "attract"
    CONSENT = "consent"
    IDENTITY = "identity"
    BUSINESS = "business"
    SITUATION = "situation"
    LICENCE = "licence"
    REVIEW = "review"
    CHECKLIST = "checklist"
    DELIVERY = "delivery"
    DONE = "done"


STEP_ORDER: tuple[Step, ...] = tuple(Step)
# The steps shown in the step bar (身份认证 › 主体业态 › … › 完成).
PROGRESS_STEPS: tuple[Step, ...] = STEP_ORDER[2:]


class JourneyError(Exception):
    """A step the citizen cannot take yet; carries the words to show."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


class Lookups(Protocol):
    """What the hub answers during a visit (offline_cache.HubClient fits)."""

    def person_profile(self, id_number: str) -> dict[str, Any] | None: ...
    def enterprise_profile(self, uscc: str) -> dict[str, Any] | None: ...
    def holdings(self, id_number: str, uscc: str) -> list[str]: ...
    def verify_city_app(self, token: str) -> dict[str, Any] | None: ...


class EnqueuedPort(Protocol):
    application_id: str
    application_number: str
    tracking_token: str


class OutboxPort(Protocol):
    """Where a finished application goes (offline_cache.OutboxStore fits)."""

    def enqueue_application(self, theme_id: str, payload: dict[str, Any]) -> EnqueuedPort: ...


DELIVERY_METHODS = ("pickup", "courier")  # 自取 at the hall, or 物流到付 (sent, paid on delivery)


class Delivery(Struct):
    method: str = "pickup"  # one of DELIVERY_METHODS
    address: str = ""
    remembered: bool = False  # the method is this citizen's last choice at the hub, preselected


class Visit(Struct):
    """Everything one citizen told or showed the kiosk. Dropped whole by `wipe`."""

    theme_id: str = ""
    identity: dict[str, Any] | None = None
    person_profile: dict[str, Any] | None = None
    enterprise_profile: dict[str, Any] | None = None
    holdings: set[str] = field(default_factory=set)
    answers: dict[str, Any] = field(default_factory=dict)
    uscc: str = ""
    typed: dict[str, Any] = field(default_factory=dict)
    delivery: Delivery = field(default_factory=Delivery)
    application_id: str = ""
    rating: int | None = None


class PersonFacts(Struct, frozen=True):
    """What the hub knows of a person (一人一档); None when unknown or the hub is unreachable."""

    profile: dict[str, Any] | None


class EnterpriseFacts(Struct, frozen=True):
    """What the hub knows of an enterprise (一企一档) and which e-licences it holds."""

    profile: dict[str, Any] | None
    holdings: set[str]


class Submitted(Struct, frozen=True):
    """What the done screen and the receipt need, as facts (kiosk.wording words them in the
    citizen's language); no ID number in clear."""

    application_id: str
    theme: Any  # flows.model.Theme
    masked_id_number: str
    matters: list[Any]  # flows.model.Matter, in the order they apply
    checklist: list[Any]  # flows.checklist.ChecklistItem: what to bring, what is held
    delivery: Delivery
    created_at: datetime
    application_number: str = ""  # the short number people read out (flows.application_number)
    tracking_token: str = ""  # the receipt QR's token for the hub's tracking page


def _lookup(what: str, call: Callable[[], Any], default: Any) -> tuple[Any, bool]:
    """Ask the hub; any failure means 'not known now', never a stopped visit."""
    try:
        return call(), True
    except Exception as exc:  # the hub client raises its own types; all mean the same here
        log.warning("hub lookup %s failed: %s", what, type(exc).__name__)
        return default, False


class Journey:
    """The state machine. Listeners are told after every change (screens redraw)."""

    def __init__(
        self,
        catalog: Catalog,
        lookups: Lookups,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
        catalog_source: Callable[[], Catalog] | None = None,
    ) -> None:
        self.catalog = catalog
        self._catalog_source = catalog_source  # the newest catalog the terminal holds (from the hub)
        self.lookups = lookups
        self._today = today
        self._now = now
        self.step = Step.ATTRACT
        self.visit = Visit()
        self._listeners: list[Callable[[Step], None]] = []
        self._merged: Any = None
        self._filled: Any = None
        self._matters: list[Any] = []

    # -- observers -------------------------------------------------------
    def subscribe(self, listener: Callable[[Step], None]) -> None:
        self._listeners.append(listener)

    def _go(self, step: Step) -> None:
        self.step = step
        for listener in list(self._listeners):
            listener(step)

    def refresh_catalog(self) -> bool:
        """Take the terminal's newest catalog, only between visits (at the attract screen): a visit
        finishes on the catalog it started with, and its application records that version.
        True when the catalog changed (the attract screen then redraws its themes)."""
        if self._catalog_source is None or self.step != Step.ATTRACT or self.visit.theme_id:
            return False
        newest = self._catalog_source()
        if newest is self.catalog or newest.version == self.catalog.version:
            return False
        log.info("catalog %s → %s at the attract screen", self.catalog.version, newest.version)
        self.catalog = newest
        return True

    # -- navigation ------------------------------------------------------
    def choose_theme(self, theme_id: str) -> None:
        self.catalog.theme(theme_id)  # raises for an unknown theme
        self.wipe(notify=False)
        self.visit.theme_id = theme_id
        self._go(Step.CONSENT)

    def accept_consent(self) -> None:
        self._require(Step.CONSENT)
        self._go(Step.IDENTITY)

    def back(self) -> None:
        if self.step in (Step.ATTRACT, Step.DONE):
            return
        index = STEP_ORDER.index(self.step)
        target = STEP_ORDER[index - 1]
        if target == Step.SITUATION and not self.situation_questions():
            target = Step.BUSINESS
        if target in (Step.ATTRACT, Step.CONSENT):
            self.cancel()
            return
        if target == Step.IDENTITY:
            self.visit.identity = None
            self.visit.person_profile = None
        self._go(target)

    def cancel(self) -> None:
        """Citizen walked away or pressed cancel: nothing of theirs stays."""
        self.wipe()

    def wipe(self, notify: bool = True) -> None:
        self.visit = Visit()
        self._merged = self._filled = None
        self._matters = []
        if notify:
            self._go(Step.ATTRACT)
        else:
            self.step = Step.ATTRACT

    # -- identity --------------------------------------------------------
    # Each hub-touching step is split in two: `fetch_*` only asks the hub and
    # keeps no state (safe on a worker thread), `accept_*` changes the visit on
    # the UI thread. A fetch that returns after a wipe is simply not accepted.

    def check_card(self, card: dict[str, Any]) -> None:
        """Refuse an expired card before anything is looked up."""
        valid_to = card.get("valid_to")
        if valid_to in (None, "", "长期"):
            return
        expiry = valid_to if isinstance(valid_to, date) else date.fromisoformat(str(valid_to))
        if expiry < self._today():
            raise JourneyError(
                "身份证已过有效期，请使用有效证件或扫描随申办二维码",
                "This ID card has expired; use a valid card or the city app QR code",
            )

    def fetch_person(self, id_number: str) -> PersonFacts:
        profile, _ = _lookup("person-profile", lambda: self.lookups.person_profile(id_number), None)
        return PersonFacts(profile)

    def fetch_city_app(self, token: str) -> dict[str, Any]:
        identity, reachable = _lookup("city-app", lambda: self.lookups.verify_city_app(token), None)
        if not reachable:
            raise JourneyError(
                "暂时无法核验随申办二维码，请使用身份证",
                "The city app code cannot be checked right now; please use your ID card",
            )
        if not identity:
            raise JourneyError(
                "二维码无效或已过期，请在随申办中刷新后重试",
                "This code is not valid or has expired; refresh it in the city app and try again",
            )
        return dict(identity, source="city_app")

    def accept_identity(self, card: dict[str, Any], facts: PersonFacts) -> None:
        self._require(Step.IDENTITY)
        self.check_card(card)
        self.visit.identity = dict(card)
        self.visit.person_profile = facts.profile
        self._go(Step.BUSINESS)

    def identify_with_card(self, card: dict[str, Any]) -> None:
        """Card read → checked → profile fetched → accepted, in one call (tests, scripts)."""
        self._require(Step.IDENTITY)
        self.check_card(card)
        self.accept_identity(card, self.fetch_person(card["id_number"]))

    def identify_with_city_app(self, token: str) -> None:
        self._require(Step.IDENTITY)
        card = self.fetch_city_app(token)
        self.accept_identity(card, self.fetch_person(card["id_number"]))

    # -- questions -------------------------------------------------------
    def business_questions(self) -> list[Any]:
        return self._visible(self.theme.business_questions)

    def situation_questions(self) -> list[Any]:
        return self._visible(self.theme.situation_questions)

    def _visible(self, part: tuple[Any, ...]) -> list[Any]:
        shown = {q.id for q in visible_questions(self.theme, self.visit.answers)}
        return [q for q in part if q.id in shown]

    def preselect(self, questions: list[Any]) -> None:
        """Choose the defaults of the shown, unanswered questions (flows/inference.py): the
        citizen sees them chosen and changes them with one tap."""
        self.visit.answers.update(default_answers(questions, self.visit.answers, self.visit.person_profile))

    def answer(self, question_id: str, value: Any) -> None:
        self.visit.answers[question_id] = value

    def unanswered(self, questions: list[Any]) -> list[Any]:
        return [q for q in questions if q.required and self.visit.answers.get(q.id) in (None, "", [])]

    def finish_business(self) -> None:
        self._require(Step.BUSINESS)
        self._require_answered(self.business_questions())
        self._go(Step.SITUATION if self.situation_questions() else Step.LICENCE)

    def finish_situation(self) -> None:
        self._require(Step.SITUATION)
        self._require_answered(self.situation_questions())
        self._go(Step.LICENCE)

    def _require_answered(self, questions: list[Any]) -> None:
        if self.unanswered(questions):
            raise JourneyError("请先回答所有问题", "Please answer every question first")

    # -- licence ---------------------------------------------------------
    @staticmethod
    def check_uscc(uscc: str) -> str:
        """A credit code from the licence QR or typed by hand, checked by GB 32100."""
        uscc = uscc.strip().upper()
        if not is_valid_uscc(uscc):
            raise JourneyError(
                "统一社会信用代码有误，请核对后重新输入",
                "This Unified Social Credit Code is not valid; please check it",
            )
        return uscc

    def fetch_enterprise(self, uscc: str, id_number: str) -> EnterpriseFacts:
        profile, _ = _lookup("enterprise", lambda: self.lookups.enterprise_profile(uscc), None)
        holdings, _ = _lookup("holdings", lambda: self.lookups.holdings(id_number, uscc), [])
        return EnterpriseFacts(profile, set(holdings or []))

    def accept_licence(self, uscc: str, facts: EnterpriseFacts) -> None:
        self._require(Step.LICENCE)
        self.visit.uscc = self.check_uscc(uscc)
        self.visit.enterprise_profile = facts.profile
        self.visit.holdings = facts.holdings
        self._build_form()
        self._go(Step.REVIEW)

    def licence_scanned(self, uscc: str) -> None:
        """Check, fetch and accept in one call (tests, scripts)."""
        self._require(Step.LICENCE)
        uscc = self.check_uscc(uscc)
        self.accept_licence(uscc, self.fetch_enterprise(uscc, self.id_number))

    @property
    def id_number(self) -> str:
        return (self.visit.identity or {}).get("id_number", "")

    def _records(self) -> dict[str, dict[str, Any]]:
        v = self.visit
        records: dict[str, dict[str, Any]] = {
            "id_card": identity_elements(v.identity or {}),
            "licence": licence_elements(v.uscc),
            "answer": answer_elements(self.catalog, v.theme_id, v.answers),
            "inferred": inferred_elements(self.theme if v.theme_id else None, v.holdings),
        }
        if v.person_profile:
            records["person_profile"] = person_elements(v.person_profile)
        if v.enterprise_profile:
            records["enterprise_profile"] = enterprise_elements(v.enterprise_profile)
        return records

    def _build_form(self) -> None:
        self._matters = engine.applicable_matters(self.catalog, self.visit.theme_id, self.visit.answers)
        self._merged = engine.merge_forms(self.catalog, self._matters)
        self._refill()

    def _refill(self) -> None:
        """Prefill from every record, then lay what the citizen typed on top."""
        self._filled = engine.prefill(self.catalog, self._merged, self._records())
        for key, value in self.visit.typed.items():
            current = self._filled.values.get(key)
            if current is not None and current.editable:
                self._filled.set_value(key, value)

    # -- review ----------------------------------------------------------
    @property
    def merged(self) -> Any:
        return self._merged

    @property
    def filled(self) -> Any:
        return self._filled

    @property
    def matters(self) -> list[Any]:
        return list(self._matters)

    def set_field(self, key: str, value: Any) -> str | None:
        """A value the citizen typed into a merged field; returns its validation message, if any."""
        self._require(Step.REVIEW)
        self._filled.set_value(key, value)  # coerces typed text; refuses read-only fields
        self.visit.typed[key] = self._filled.values[key].value
        return engine.validate(self.catalog, self._filled).get(key)

    def problems(self) -> dict[str, str]:
        return engine.validate(self.catalog, self._filled) if self._filled is not None else {}

    def finish_review(self) -> None:
        self._require(Step.REVIEW)
        if self.problems():
            raise JourneyError("还有内容需要补充或更正", "Some fields still need filling in or correcting")
        self._go(Step.CHECKLIST)

    def checklist(self) -> Any:
        return engine.build_checklist(self.catalog, self.visit.theme_id, self._matters, self.visit.holdings,
                                      answers=self.visit.answers)

    def finish_checklist(self) -> None:
        self._require(Step.CHECKLIST)
        profile = self.visit.person_profile or {}
        remembered = profile.get("last_delivery_method")  # the hub's memory of the last application
        self.visit.delivery = Delivery(
            method=remembered if remembered in DELIVERY_METHODS else self.visit.delivery.method,
            address=self.visit.delivery.address or profile.get("postal_address", ""),
            remembered=remembered in DELIVERY_METHODS,
        )
        self._go(Step.DELIVERY)

    # -- delivery and submission ----------------------------------------
    def choose_delivery(self, method: str, address: str = "") -> None:
        if method not in DELIVERY_METHODS:
            raise ValueError(f"unknown delivery method {method!r}")
        if method == "courier" and not address.strip():
            raise JourneyError("请填写邮寄地址", "Please give the address for delivery")
        self.visit.delivery = Delivery(method, address.strip(), self.visit.delivery.remembered)

    def application_payload(self) -> dict[str, Any]:
        """What the hub receives: per-matter forms rebuilt from the merged one, and the rest."""
        v = self.visit
        return {
            "theme": v.theme_id,
            "catalog_version": self.catalog.version,
            "answers": v.answers,
            "uscc": v.uscc,
            "applicant": {k: _jsonable(val) for k, val in (v.identity or {}).items() if k != "photo_wlt"},
            "matters": [m.id for m in self._matters],
            "forms": engine.split_to_matters(self._filled, self._matters),
            "materials": [item.material_id for item in self.checklist().items],
            "delivery": {"method": v.delivery.method, "address": v.delivery.address},
            "submitted_at": self._now().isoformat(timespec="seconds"),
        }

    def submit(self, outbox: OutboxPort) -> Submitted:
        """Commit the application to the outbox; the receipt is made only after this returns."""
        self._require(Step.DELIVERY)
        payload = self.application_payload()
        enqueued = outbox.enqueue_application(self.visit.theme_id, payload)
        application_id = enqueued.application_id
        self.visit.application_id = application_id
        checklist = self.checklist()
        submitted = Submitted(
            application_id=application_id,
            theme=self.theme,
            masked_id_number=mask_id_number((self.visit.identity or {}).get("id_number", "")),
            matters=list(self._matters),
            checklist=list(checklist.items),
            delivery=self.visit.delivery,
            created_at=self._now(),
            application_number=enqueued.application_number,
            tracking_token=enqueued.tracking_token,
        )
        self._go(Step.DONE)
        return submitted

    def rate(self, stars: int) -> None:
        if not 1 <= stars <= 5:
            raise ValueError("rating is 1..5")
        self.visit.rating = stars

    # -- helpers ---------------------------------------------------------
    @property
    def theme(self) -> Any:
        return self.catalog.theme(self.visit.theme_id)

    def _require(self, step: Step) -> None:
        if self.step != step:
            raise JourneyError("请按步骤操作", f"Not possible at step {self.step.value}")


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
