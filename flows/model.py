"""The catalog's shapes: data elements, materials, matters and themes, as msgspec Structs.

These are the schema the catalog files are validated against (a wrong field name
or type is an error naming the field) and the objects the engine and the kiosk
read. They are frozen: a loaded catalog is never changed in place. msgspec, not pydantic:
the kiosk loads the catalog before its first frame, and msgspec's Structs cost microseconds to
define and validate where pydantic's import and model building took about a hundred
milliseconds (bench/README.md, "Kiosk start-up"). Keyword-only, so a field with a default may
come before one without, in the order the files read best.
"""

# No postponed annotations: msgspec would compile each string at the first validation
# (≈6 ms of a start; docs/CONTRACTS.md, "Record types").
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field

SourceName = Literal["id_card", "licence", "person_profile", "enterprise_profile", "answer", "inferred",
                     "citizen"]
SOURCES: tuple[str, ...] = ("id_card", "licence", "person_profile", "enterprise_profile", "answer",
                           "inferred", "citizen")
AUTHORITATIVE_SOURCES = frozenset({"id_card", "licence", "person_profile", "enterprise_profile"})
InputKind = Literal[
    "text", "phone", "number", "date", "enum", "multi", "bool", "postcode", "id_number", "uscc"
]
MaskRule = Literal["none", "id_number", "phone", "name"]

_ID = r"^[a-z][a-z0-9_]*$"


class Strict(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Base for catalog models: unknown keys are errors, loaded objects are immutable.

    Each subclass says ``kw_only=True`` again: msgspec applies it to the fields a class declares.
    """


class Option(Strict, kw_only=True):
    """One choice of an enum element or of a question."""

    id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_]+$")]
    text_zh: Annotated[str, Meta(min_length=1)]
    text_en: Annotated[str, Meta(min_length=1)]


class QuestionOption(Option, kw_only=True):
    """A question's choice; ``scope_terms`` are 经营范围 wordings that imply it.

    When the person's profile names the one enterprise they represent, a choice whose
    term appears in that enterprise's business scope is preselected (flows/inference.py):
    a clerk reading 咖啡制品零售 on the licence would tick 现制饮品 without asking. The terms
    live on the theme's question because the same scope means different things per shop
    (餐饮服务 is hot food in a restaurant, not in a coffee shop).
    """

    scope_terms: tuple[str, ...] = ()


class Section(Strict, kw_only=True):
    """A group of fields on the merged form (applicant, business, premises…)."""

    id: Annotated[str, Meta(pattern=_ID)]
    title_zh: str
    title_en: str


class ElementSource(Strict, kw_only=True):
    """Where a data element's value may come from, in order of preference.

    ``element`` names the key inside that source's record (defaults to the element
    itself); ``when`` is a JSON Logic rule over all records ({source: {element: value}})
    that must hold for this source to be used (e.g. the card holder is the legal
    representative).
    """

    source: SourceName
    element: str | None = None
    when: Any = None


class DataElement(Strict, kw_only=True):
    """数据元: the smallest-grained field, shared by every form that asks for it."""

    label_zh: Annotated[str, Meta(min_length=1)]
    label_en: Annotated[str, Meta(min_length=1)]
    section: str
    kind: InputKind
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    max_length: Annotated[int, Meta(gt=0)] | None = None
    options: tuple[Option, ...] = ()
    mask: MaskRule = "none"
    sources: tuple[ElementSource | SourceName, ...] = ("citizen",)
    note: str | None = None

    def __post_init__(self) -> None:
        if self.kind in ("enum", "multi") and not self.options:
            raise ValueError(f"kind {self.kind!r} needs options")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")

    def source_entries(self) -> tuple[ElementSource, ...]:
        """The sources as objects (a bare source name is shorthand for ``{source: name}``)."""
        return tuple(s if isinstance(s, ElementSource) else ElementSource(source=s) for s in self.sources)

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class Material(Strict, kw_only=True):
    """A document the citizen may have to bring; ``elicence`` is the e-licence type the hub can supply."""

    name_zh: Annotated[str, Meta(min_length=1)]
    name_en: Annotated[str, Meta(min_length=1)]
    elicence: str | None = None
    note: str | None = None


class MaterialRequirement(Strict, kw_only=True):
    """A matter's need for a material; ``when`` is a JSON Logic rule over the answers."""

    material: str
    when: Any = None
    commitment: bool = False


class FormField(Strict, kw_only=True):
    """A field of a matter's own form, mapped to a data element."""

    id: Annotated[str, Meta(pattern=_ID)]
    element: str
    required: bool = True
    per_matter: bool = False


class Matter(Strict, kw_only=True):
    """事项: one administrative matter with its department, limits, materials and form."""

    id: Annotated[str, Meta(pattern=_ID)]
    name_zh: str
    name_en: str
    department_zh: str
    department_en: str
    kind: Literal["licence", "filing", "inspection", "registration"]
    days_before: Annotated[
        int,
        Meta(
            ge=0,
            le=365,
            description="committed time limit done alone (working days)",
        ),
    ]
    days_after: Annotated[
        int,
        Meta(
            ge=0,
            le=365,
            description="committed time limit inside the theme (working days)",
        ),
    ]
    legal_days: Annotated[int, Meta(ge=0, le=365, description="statutory limit (working days)")] | None = None
    visits_before: Annotated[int, Meta(ge=0, le=20)]
    materials: tuple[MaterialRequirement, ...]
    form: Annotated[tuple[FormField, ...], Meta(min_length=1)]
    basis: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for f in self.form:
            if f.id in seen:
                raise ValueError(f"form field id {f.id!r} appears twice")
            seen.add(f.id)
        elements = [f.element for f in self.form]
        dupes = {e for e in elements if elements.count(e) > 1}
        if dupes:
            raise ValueError(f"form maps several fields to element(s) {sorted(dupes)}")
        mats = [m.material for m in self.materials]
        dupe_mats = {m for m in mats if mats.count(m) > 1}
        if dupe_mats:
            raise ValueError(f"material(s) {sorted(dupe_mats)} listed twice")


class Question(Strict, kw_only=True):
    """A 主体业态 or 情形判断 question; ``element`` is the data element its answer fills."""

    id: Annotated[str, Meta(pattern=_ID)]
    text_zh: str
    text_en: str
    kind: Literal["single", "multi", "bool"]
    options: tuple[QuestionOption, ...] = ()
    visible_if: Any = None
    element: str | None = None
    required: bool = True
    help_zh: str | None = None
    help_en: str | None = None

    def __post_init__(self) -> None:
        if self.kind in ("single", "multi") and not self.options:
            raise ValueError(f"a {self.kind!r} question needs options")
        if self.kind == "bool" and self.options:
            raise ValueError("a bool question takes no options")

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class MatterRule(Strict, kw_only=True):
    """A matter of the theme and the JSON Logic rule over the answers under which it applies."""

    matter: str
    when: Any = None


class Theme(Strict, kw_only=True):
    """一件事: a life event such as 我要开饭店, its questions and which matters apply when."""

    id: Annotated[str, Meta(pattern=_ID)]
    title_zh: str
    title_en: str
    icon: str
    order: Annotated[int, Meta(description="position on the attract screen")] = 100
    keywords_zh: Annotated[
        tuple[str, ...],
        Meta(
            description="everyday words a citizen may type to find this theme (奶茶 → 饮品店); "
            "pinyin is derived",
        ),
    ] = ()
    keywords_en: Annotated[tuple[str, ...], Meta(description="everyday English words for the search")] = ()
    business_questions: tuple[Question, ...]
    situation_questions: tuple[Question, ...]
    matters: Annotated[tuple[MatterRule, ...], Meta(min_length=1)]
    fixed_elements: dict[str, Any] = field(default_factory=dict)
    inferred_elements: Annotated[
        dict[str, Any],
        Meta(
            description="what a clerk would put for this kind of shop when nothing says otherwise; shown as "
            "推定 (inferred) on the merged form for the citizen to check (flows/inference.py)",
        ),
    ] = field(default_factory=dict)
    max_answers: Annotated[
        dict[str, Any],
        Meta(
            description="the answers under which the most matters apply (used by flows stats)",
        ),
    ] = field(default_factory=dict)

    def questions(self) -> tuple[Question, ...]:
        return self.business_questions + self.situation_questions


class Catalog(Struct, frozen=True, kw_only=True):
    """The whole loaded catalog; ``version`` is a hash of the files it came from."""

    version: str
    sections: tuple[Section, ...]
    elements: dict[str, DataElement]
    materials: dict[str, Material]
    matters: dict[str, Matter]
    themes: tuple[Theme, ...]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise UnknownThemeError(theme_id, tuple(t.id for t in self.themes))


class UnknownThemeError(KeyError):
    """The kiosk asked for a theme the catalog does not have."""

    def __init__(self, theme_id: str, known: tuple[str, ...]) -> None:
        super().__init__(theme_id)
        self.message = f"theme {theme_id!r} is not in the catalog (known: {', '.join(known)})"

    def __str__(self) -> str:
        return self.message
