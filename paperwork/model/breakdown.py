"""A script breakdown: one row per scene, with its page, length in eighths and speakers."""

from __future__ import annotations

from dataclasses import dataclass

from paperwork.model.records import Located
from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class SceneBreakdown:
    """One scene as a first AD lists it.

    ``int_ext`` is ``"INT"``, ``"EXT"``, ``"INT/EXT"`` or ``""`` when the heading says
    neither; ``page`` is the printed number of the page the scene starts on (``"12A"``);
    ``eighths`` is its length in eighths of a page (at least 1); ``characters`` are the speaking
    characters, extensions stripped, in order of first appearance; ``pos`` is its heading's
    file and line (``script.fountain:16``).
    """

    number: str
    heading: str
    int_ext: str
    set: str
    time_of_day: str
    page: str
    eighths: int
    characters: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Breakdown:
    """The scenes of a script, and how many body pages it has."""

    title: str
    pages: int
    scenes: tuple[SceneBreakdown, ...]

    @property
    def eighths(self) -> int:
        """The sum of the scenes' lengths (more than the page count: each rounds up)."""
        return sum(s.eighths for s in self.scenes)


# --- Breakdown elements ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Category:
    """One box of the breakdown sheet: its key, its printed label, the department it goes to."""

    key: str
    label: str
    department: str


# The boxes of a breakdown sheet in the order Movie Magic and StudioBinder print them.
CATEGORIES: tuple[Category, ...] = (
    Category("cast", "Cast", "Cast"),
    Category("background", "Background", "Supporting artists"),
    Category("stunts", "Stunts", "Stunts"),
    Category("props", "Props", "Props"),
    Category("costume", "Costume", "Costume"),
    Category("make-up/hair", "Make-up/hair", "Hair & make-up"),
    Category("vehicles", "Vehicles", "Transport"),
    Category("animals", "Animals", "Animals"),
    Category("sfx", "SFX", "Special effects"),
    Category("vfx", "VFX", "Visual effects"),
    Category("special-equipment", "Special equipment", "Special equipment"),
    Category("notes", "Notes", "Production"),
)
CATEGORY_KEYS = tuple(c.key for c in CATEGORIES)

# The usual spellings of each category (compared lower case, letters and digits only, "&"
# read as "and"): what a spreadsheet, a Fountain note or Final Draft's tagger calls it.
_ALIASES: dict[str, tuple[str, ...]] = {
    "cast": ("cast", "castmember", "castmembers", "character", "characters", "actor", "actors"),
    "background": (
        "background",
        "backgroundactor",
        "backgroundactors",
        "extra",
        "extras",
        "supportingartist",
        "supportingartists",
        "sa",
        "sas",
        "crowd",
        "atmosphere",
    ),
    "stunts": ("stunt", "stunts", "stuntperformer", "stuntperformers"),
    "props": ("prop", "props", "handprop", "handprops", "actionprop", "actionprops"),
    "costume": ("costume", "costumes", "wardrobe"),
    "make-up/hair": (
        "makeup",
        "makeuphair",
        "makeupandhair",
        "hairandmakeup",
        "hairmakeup",
        "hmu",
        "hair",
        "mua",
    ),
    "vehicles": (
        "vehicle",
        "vehicles",
        "picturevehicle",
        "picturevehicles",
        "picturecar",
        "picturecars",
    ),  # fmt: skip
    "animals": ("animal", "animals", "livestock", "animalwrangler", "animalhandler"),
    "sfx": (
        "sfx",
        "specialeffect",
        "specialeffects",
        "mechanicaleffects",
        "practicaleffects",
        "practicaleffect",
    ),  # fmt: skip
    "vfx": ("vfx", "visualeffect", "visualeffects"),
    "special-equipment": ("specialequipment", "equipment", "specialkit"),
    "notes": ("note", "notes", "comment", "comments", "productionnotes"),
}
_BY_ALIAS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}


def _alias_form(text: str) -> str:
    return "".join(ch for ch in text.lower().replace("&", "and") if ch.isalnum())


def category_of(text: str) -> str | None:
    """``"Hair & Make-up"`` -> ``"make-up/hair"``; ``"Special Effects"`` -> ``"sfx"``;
    None when it is no breakdown category."""
    return _BY_ALIAS.get(_alias_form(text))


def category(key: str) -> Category:
    """The category with this key (one of :data:`CATEGORY_KEYS`)."""
    for c in CATEGORIES:
        if c.key == key:
            return c
    raise KeyError(key)


def element_key(name: str) -> str:
    """An element's name compared loosely, to merge the table's and the script's:
    case, spacing, a leading article and a trailing full stop ignored
    (``"The  Land Rover."`` and ``"land rover"`` are one element)."""
    words = name.casefold().replace("\u2019", "'").strip(" .").split()
    if len(words) > 1 and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class ElementRow(Located):
    """A row of the ``elements`` table: a scene's element in a category, with notes."""

    scene: str  # the scene number as a label key ("12A")
    category: str  # one of CATEGORY_KEYS
    name: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class BreakdownElement:
    """One element of one scene, merged from every place that names it.

    ``sources`` are where it was named, in order (``elements.csv:4``, ``script.fountain:31:9``);
    ``notes`` the notes given with it, joined.
    """

    category: str  # one of CATEGORY_KEYS
    name: str
    notes: str
    sources: tuple[Pos, ...]


@dataclass(frozen=True, slots=True)
class SceneElements:
    """A scene's elements, category by category in :data:`CATEGORIES` order."""

    scene: str  # the scene number as the script prints it
    elements: tuple[BreakdownElement, ...]

    def of(self, key: str) -> tuple[BreakdownElement, ...]:
        return tuple(e for e in self.elements if e.category == key)
