"""The call sheets' records: the schedule, the cast, the locations, the calls, and the
manifest's ``call_sheets:`` section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from paperwork.model.crew import ContactSharing
from paperwork.model.records import Located, Person
from paperwork.model.source import Pos

# Times are wall-clock times at the day's location (``datetime.time``); a time earlier than
# the day's unit call by more than a few hours belongs to the next morning (a wrap at 01:00).


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """``13:00`` or ``13:00-14:00``: a start and, when given, an end."""

    start: time
    end: time | None = None


@dataclass(frozen=True, slots=True)
class ScheduledScene(Located):
    """A scene in a day's shooting order: its number as in the script, and the row's notes.

    ``cast`` adds cast ids the script cannot tell (a silent appearance); ``location`` is a
    location id when the scene is shot somewhere other than its set's usual place.
    """

    number: str
    time: TimeSpan | None = None  # estimated time on the day
    location: str = ""
    cast: tuple[str, ...] = ()
    notes: str = ""
    eighths: int | None = None  # the part shot this day, when a scene is split over days


@dataclass(frozen=True, slots=True)
class Banner:
    """A banner between scenes in the shooting order: lunch, a company move, wrap."""

    text: str
    pos: Pos
    time: TimeSpan | None = None


@dataclass(frozen=True, slots=True)
class DepartmentNote:
    """A department's note for one day (``department`` empty: a general note)."""

    department: str
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class ShootDay(Located):
    """One shoot day of the schedule, with its scenes and banners in shooting order.

    Its ``pos`` is the day's first row; ``cells`` the cells that gave the day's values.
    """

    number: int
    date: date
    strips: tuple[ScheduledScene | Banner, ...] = ()
    unit: str = ""
    location: str = ""  # the day's default location id
    unit_call: time | None = None
    shooting_call: time | None = None
    breakfast: TimeSpan | None = None
    lunch: TimeSpan | None = None
    dinner: TimeSpan | None = None
    wrap: time | None = None  # estimated wrap
    weather: str = ""
    notes: tuple[DepartmentNote, ...] = ()

    @property
    def scenes(self) -> tuple[ScheduledScene, ...]:
        return tuple(s for s in self.strips if isinstance(s, ScheduledScene))


@dataclass(frozen=True, slots=True)
class CastMember(Located):
    """One row of the cast table: a cast id, the artist and the character(s) as in the script.

    ``characters`` are upper-case, as cues are printed (``("ELSIE", "GRAN")``). ``minor`` is
    set by the table or by a date of birth; age on a given day comes from ``date_of_birth``.
    """

    id: str
    artist: str
    characters: tuple[str, ...]
    agent: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None
    minor: bool = False
    licence: str = ""  # the child performance licence reference
    chaperone: str = ""
    notes: str = ""
    travels: bool = False  # travels out and back on the travel: section's dates
    # the artist's say on printing their own phone and email (None: the production's
    # default); an agent's contacts are business contacts and always printed
    share_contact: ContactSharing | None = None

    def age_on(self, day: date) -> int | None:
        """Whole years on ``day``, or None without a date of birth."""
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Hospital:
    """The nearest A&E for a location: a Type 1, 24-hour department, not a minor injuries unit."""

    name: str
    address: tuple[str, ...] = ()
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Location(Located):
    """One row of the locations table: a real place and the script's sets shot there."""

    id: str
    name: str
    sets: tuple[str, ...]  # set names as in the script's headings, upper-case
    address: tuple[str, ...] = ()
    postcode: str = ""
    country: str = "GB"  # ISO 3166 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    what3words: str = ""  # "///filled.count.soap"
    grid_ref: str = ""  # OS grid reference for remote sites
    timezone: str = "Europe/London"
    parking: str = ""
    unit_base: str = ""
    hospital: Hospital | None = None
    access: str = ""
    contact: str = ""  # the contact on site


@dataclass(frozen=True, slots=True)
class Call(Located):
    """One row of the calls table: a person's call on a day, or on every day they work.

    ``who`` is a cast id or a crew member's name. ``call`` is their own call, or
    ``offset_minutes`` a call relative to the unit call (``-30``); ``off`` means not called.
    """

    who: str
    day: int | None = None  # None: every day this person works
    off: bool = False
    call: time | None = None
    offset_minutes: int | None = None
    pick_up: time | None = None
    pick_up_from: str = ""
    hmu: time | None = None
    costume: time | None = None
    on_set: time | None = None
    release: time | None = None  # when they finish (None: the unit's wrap)
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SupportingArtists(Located):
    """A group of supporting artists called on a day (``12 x office workers``)."""

    day: int
    count: int
    description: str
    scenes: tuple[str, ...] = ()
    call: time | None = None
    costume: time | None = None  # costume and HMU
    on_set: time | None = None
    agency: str = ""
    notes: str = ""


CALL_SHEET_CONTACTS = (
    "Producer",
    "Director",
    "Production Manager",
    "1st Assistant Director",
    "2nd Assistant Director",
    "Production Co-ordinator",
    "Location Manager",
    "Unit Medic",
)
# The usual order of departments on a UK call sheet's crew list; ``call_sheets: departments``
# replaces it. Names are compared ignoring case, "&" for "and", hyphens and spacing; a
# department not in the list follows those that are, in the crew table's order.
CALL_SHEET_DEPARTMENTS = (
    "Production",
    "Production Office",
    "Accounts",
    "Assistant Directors",
    "ADs",
    "Script",
    "Camera",
    "DIT",
    "Sound",
    "Lighting",
    "Electrical",
    "Grip",
    "Grips",
    "Art",
    "Art Department",
    "Props",
    "Set Decoration",
    "Construction",
    "Costume",
    "Wardrobe",
    "Make-up",
    "Hair and Make-up",
    "Hair",
    "Locations",
    "Transport",
    "Unit",
    "Catering",
    "Health and Safety",
    "Medical",
    "Marine",
    "SFX",
    "Stunts",
    "VFX",
    "Publicity",
    "Stills",
    "Post Production",
)
CALL_SHEET_CONFIDENTIALITY = (
    "Confidential: this call sheet holds personal contact details and locations. Do not "
    "share it, post it or leave it on set; destroy it when the day is over."
)


@dataclass(frozen=True, slots=True)
class CallSheetSettings:
    """The manifest's ``call_sheets:`` section: what every call sheet of the production says."""

    pos: Pos
    shoot_days: int | None = None  # the production calendar's total, checked against the schedule
    contacts: tuple[str, ...] = CALL_SHEET_CONTACTS  # roles, from people: and the crew
    issued_by: str = ""  # a name or role under people:
    safety: tuple[str, ...] = ()
    emergency: tuple[Person, ...] = ()  # name: the service; phone: the number
    reminders: tuple[str, ...] = ()
    confidentiality: str = CALL_SHEET_CONFIDENTIALITY
    turnaround_hours: int = 11
    departments: tuple[str, ...] = CALL_SHEET_DEPARTMENTS  # the crew list's order
    sides_layout: str = ""  # "full" or "half" (pocket sides); "" : full
