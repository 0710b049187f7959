"""The two services Jurnal Desk posts to, by the key profiles and batches store ("accurate",
"sempoa"), and the name a person reads for each: one table for every front and report."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

ACCURATE: Final = "accurate"
SEMPOA: Final = "sempoa"

SERVICE_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {ACCURATE: "Accurate Online", SEMPOA: "Sempoa"}
)


def service_name(service: str) -> str:
    """ "Accurate Online" for "accurate"; an unknown key is shown as it is."""
    return SERVICE_NAMES.get(service, service)
