"""Known HMAC signatures and a calculator on a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.api.hmac_calculator import HmacCalculator

VECTOR_BASE64 = "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo="


VECTOR_HEX = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"


NOW = datetime(2024, 8, 17, 3, 4, 5, tzinfo=UTC)  # 10:04:05 WIB


WITA = timedelta(hours=8)


def fixed_calculator() -> HmacCalculator:
    return HmacCalculator(now=lambda: NOW, offset=WITA)
