"""Convert project quantities into the unit of a cap (barrels of oil, tonnes of coal).

Factors and their sources live in conversions.yaml. Mass becomes volume through a
product-specific barrels-per-tonne factor chosen from the item's wording (diesel,
gasoline, kerosene, ...), or the commodity's default when no product is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wgdesk.rules.model import contains_any
from wgdesk.yamlio import load_yaml


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity in a cap's unit, with how it was obtained."""

    value: float
    unit: str
    how: str  # e.g. "20 t x 7.23 bbl/t (UNSD gas diesel oil)"


@dataclass(frozen=True, slots=True)
class Factor:
    """Barrels per tonne for a product, with its source."""

    factor: float | None
    source: str


class Conversions:
    """Unit tables and density factors for capped commodities."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.volume: dict[str, float] = data["volume_units"]
        self.mass: dict[str, float] = data["mass_units"]
        self.commodities: dict[str, Any] = data["commodities"]

    @classmethod
    def bundled(cls) -> Conversions:
        """Return the packaged conversion tables."""
        return _bundled()

    def factor(self, commodity: str, text: str) -> Factor:
        """Return the barrels-per-tonne factor for the product the wording names."""
        spec = self.commodities[commodity]
        for product in spec["products"]:
            if contains_any(text, tuple(product["keywords"])):
                return Factor(product["factor"], product["source"])
        return Factor(spec["default"]["factor"], spec["default"]["source"])

    def convert(
        self, commodity: str, quantity: float, unit: str | None, text: str, target: str
    ) -> Amount | None:
        """Return the quantity in the target unit ('bbl' or 't'), or None if it cannot be."""
        unit_key = (unit or "").strip().lower().rstrip(".")
        if unit_key in self.volume:
            barrels = quantity * self.volume[unit_key]
            return self._from_barrels(commodity, quantity, unit_key, barrels, text, target)
        if unit_key in self.mass:
            tonnes = quantity * self.mass[unit_key]
            return self._from_tonnes(commodity, quantity, unit_key, tonnes, text, target)
        return None

    def _from_barrels(
        self, commodity: str, quantity: float, unit: str, barrels: float, text: str, target: str
    ) -> Amount | None:
        """Express a volume in the target unit."""
        if target == "bbl":
            how = (
                "as given" if unit.startswith("b") else f"{quantity:g} {unit} = {barrels:,.0f} bbl"
            )
            return Amount(barrels, "bbl", how)
        factor = self.factor(commodity, text)
        if not factor.factor:
            return None
        tonnes = barrels / factor.factor
        how = f"{quantity:g} {unit} / {factor.factor} bbl/t ({factor.source})"
        return Amount(tonnes, "t", how)

    def _from_tonnes(
        self, commodity: str, quantity: float, unit: str, tonnes: float, text: str, target: str
    ) -> Amount | None:
        """Express a mass in the target unit."""
        if target == "t":
            how = "as given" if unit != "kg" else f"{quantity:g} kg = {tonnes:,.3f} t"
            return Amount(tonnes, "t", how)
        factor = self.factor(commodity, text)
        if not factor.factor:
            return None
        barrels = tonnes * factor.factor
        how = f"{tonnes:g} t x {factor.factor} bbl/t ({factor.source})"
        return Amount(barrels, "bbl", how)


@cache
def _bundled() -> Conversions:
    """Read the packaged tables once."""
    raw = resources.files("wgdesk.rules").joinpath("conversions.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(raw)
    return Conversions(data)
