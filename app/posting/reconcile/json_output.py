"""A reconciliation as data for scheduled scripts (`reconcile --json`): per company its
period, counts, whether the books agree, and every finding that is not equal, with its
words in the language asked for. No secret is ever in it."""

from __future__ import annotations

from typing import Any

from app.posting.reconcile.proof import Finding, Kind, Reconciliation
from app.posting.reconcile.workbook import finding_details


def reconcile_json(result: Reconciliation, language: str) -> dict[str, Any]:
    return {
        "profile": result.profile,
        "service": result.service,
        "from": result.first.isoformat(),
        "to": result.last.isoformat(),
        "agrees": result.agrees,
        "counts": {kind.value: result.count(kind) for kind in Kind},
        "list_requests": result.list_requests,
        "detail_requests": result.detail_requests,
        "unchanged_by_version": result.unchanged_by_version,
        "list_fields_refused": result.list_fields_refused,
        "continued": result.continued,
        "quick": result.quick,
        "outside_period": result.outside_period,
        "findings": [
            _finding(finding, language)
            for finding in result.findings
            if finding.kind is not Kind.EQUAL
        ],
        "summary": result.summary().get(language),
    }


def _finding(finding: Finding, language: str) -> dict[str, Any]:
    return {
        "kind": finding.kind.value,
        "reference": finding.reference,
        "date": finding.date.isoformat() if finding.date else None,
        "description": finding.description,
        "amount": str(finding.amount) if finding.amount is not None else None,
        "source": finding.source.value,
        "batch": finding.batch_id or None,
        "fields": list(finding.fields),
        "match": finding.match.value or None,
        "match_reference": finding.match_reference or None,
        "agrees": finding.agrees,
        "details": finding_details(finding).get(language),
    }
