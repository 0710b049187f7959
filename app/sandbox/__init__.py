"""A local server that behaves like Accurate Online and Sempoa, for demo mode and tests.

with Sandbox() as sb:
    sb.account_url   # Accurate's account host: /api/api-token.do
    sb.accurate_host()  # the demo company's data host: /accurate/api/...
    sb.sempoa_url    # Sempoa: /check, /jurnal, /akun
"""

from app.sandbox.branches import DEFAULT_BRANCHES, MULTI_BRANCHES
from app.sandbox.chart import ACCURATE_CHART, SEMPOA_CHART, GlAccount, SempoaAccount
from app.sandbox.faults import Faults, FaultSpecError
from app.sandbox.request_log import RequestRecord, SandboxStats, token_hash
from app.sandbox.server import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_COMPANY,
    DEMO_SEMPOA_TOKEN,
    Sandbox,
)

__all__ = [
    "ACCURATE_CHART",
    "DEFAULT_BRANCHES",
    "DEMO_ACCURATE_SECRET",
    "DEMO_ACCURATE_TOKEN",
    "DEMO_COMPANY",
    "DEMO_SEMPOA_TOKEN",
    "MULTI_BRANCHES",
    "SEMPOA_CHART",
    "FaultSpecError",
    "Faults",
    "GlAccount",
    "RequestRecord",
    "Sandbox",
    "SandboxStats",
    "SempoaAccount",
    "token_hash",
]
