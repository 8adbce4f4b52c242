"""The certificate (voucher) sets an itinerary uses: yellow, white and blue (PAPERWORK.md §2.3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paperwork.model.kit import Travel
from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class VoucherLine:
    """One certificate set the itinerary uses, and why."""

    colour: str  # "yellow", "white" or "blue"
    territory: str  # "United Kingdom", "European Union (France, Spain)"
    reason: str
    pos: Pos | None = None


@dataclass(frozen=True, slots=True)
class Vouchers:
    """The certificate sets a trip needs; ``per_stop`` says which set each stop uses."""

    yellow: int
    white: int
    blue: int
    lines: tuple[VoucherLine, ...]
    per_stop: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.yellow + self.white + self.blue


def _territory_name(territory: str, names: Sequence[str]) -> str:
    countries = ", ".join(dict.fromkeys(names))
    return f"European Union ({countries})" if territory == "EU" else countries


def count_vouchers(travel: Travel) -> Vouchers:
    """Count the certificate (voucher) sets for the itinerary, in travel order.

    The rule (PAPERWORK.md §2.3, from USCIB/Boomerang's description of the carnet's parts
    [S49], Carnet Express and CARS Europe on repeat entries [S62], and LCCI on the EU [S54]):

    - yellow: one exportation/re-importation pair each time the goods leave the home country
      (a return home in the middle of the itinerary ends a trip; the next departure needs a
      new pair);
    - white: one importation/re-exportation set for each entry into a visited customs
      territory; entering the same territory again after leaving it needs another set;
    - blue: one transit set for each passage through a territory that is not visited;
    - the EU is one customs territory for a UK carnet since 1 January 2021 (Monaco with it),
      so consecutive EU countries are one entry: UK -> France -> Spain uses one white set,
      and a transit country next to a visited one in the same territory needs no blue set.

    The way home is taken to be direct unless its transit countries are listed; list every
    border crossing, in order, for an exact count. Issuers advise a spare transit set [S53].
    """
    home = travel.home_territory
    # consecutive stops in one territory are one entry: (territory, visited, stop indices)
    segments: list[tuple[str, bool, list[int]]] = []
    for i, stop in enumerate(travel.itinerary):
        if segments and segments[-1][0] == stop.territory:
            territory, visited, idx = segments[-1]
            segments[-1] = (territory, visited or not stop.transit, [*idx, i])
        else:
            segments.append((stop.territory, not stop.transit, [i]))
    yellow = white = blue = 0
    lines: list[VoucherLine] = []
    per_stop = [""] * len(travel.itinerary)
    away = False
    for territory, visited, idx in segments:
        stops = [travel.itinerary[i] for i in idx]
        if territory == home:
            away = False
            for i in idx:
                per_stop[i] = "Return home: re-importation voucher"
            continue
        if not away:
            yellow += 1
            away = True
            lines.append(
                VoucherLine(
                    "yellow",
                    travel.home_name,
                    f"leaving {travel.home_name} and coming back (exportation and re-importation)",
                    stops[0].pos,
                )
            )
        name = _territory_name(territory, [s.name for s in stops])
        if visited:
            white += 1
            lines.append(
                VoucherLine("white", name, "entry and exit of a visited territory", stops[0].pos)
            )
            colour = f"White set {white}"
        else:
            blue += 1
            lines.append(VoucherLine("blue", name, "transit", stops[0].pos))
            colour = f"Blue set {blue}"
        per_stop[idx[0]] = colour
        for i in idx[1:]:
            per_stop[i] = "Same customs territory: no set"
    return Vouchers(yellow, white, blue, tuple(lines), tuple(per_stop))
