"""The sandbox company's customers, vendors and employees: the parties a journal line may name
with `subsidiaryType` and `customerNo` / `vendorNo` / `employeeNo`.

Accurate refuses a line naming a party the company does not have, so the sandbox does too.
Numbers follow Accurate's default numbering (C.00001, V.00001, E.00001).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# subsidiaryType -> the line field holding the party's number
PARTY_FIELDS: Final = MappingProxyType(
    {"CUSTOMER": "customerNo", "VENDOR": "vendorNo", "EMPLOYEE": "employeeNo"}
)

CUSTOMERS: Final = MappingProxyType(
    {
        "C.00001": "PT Sinar Abadi",
        "C.00002": "CV Maju Bersama",
        "C.00003": "Toko Sumber Rejeki",
    }
)
VENDORS: Final = MappingProxyType(
    {
        "V.00001": "PT Kertas Nusantara",
        "V.00002": "CV Logistik Cepat",
        "V.00003": "PT PLN (Persero)",
    }
)
EMPLOYEES: Final = MappingProxyType(
    {
        "E.00001": "Budi Santoso",
        "E.00002": "Siti Rahmawati",
    }
)

PARTIES: Final = MappingProxyType({"CUSTOMER": CUSTOMERS, "VENDOR": VENDORS, "EMPLOYEE": EMPLOYEES})
