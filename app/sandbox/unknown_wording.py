"""Accurate's English and Chinese wording as nobody outside the vendor knows it.

Only the Indonesian wording of the answers a client decides from (slow down, number already
used, branch needed, not found, closing date, too long) has been seen from the live service.
A sandbox started with `unknown_wording=True` answers a request that asks for US or CN
(`X-Language-Profile`) with one of these phrases instead of its usual translation: plausible,
drawn at random, and unlike any pattern a client could have guessed. A request that asks for
ID (or nothing) still gets the confirmed Indonesian words, so a client that asks in
Indonesian wherever it reads the words is unaffected, and one that guesses is caught.
"""

from __future__ import annotations

import random

# key -> (English phrases, Chinese phrases); the same parameters as the usual messages.
_PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "rate_limited": (
        (
            "Your token is sending faster than permitted; please pause before continuing.",
            "Quota of calls for this token is used up for the moment, try later.",
            "Hold on: this token has reached its allowance of parallel calls.",
        ),
        ("当前令牌调用过于频繁，请稍后再试。", "该令牌的调用配额暂时已用完。"),
    ),
    "number_used": (
        (
            "Number {number} is held by another record",
            "The number {number} belongs to a different transaction",
            "{number} cannot be reused: another voucher carries it",
        ),
        ("编号 {number} 已被另一张单据占用", "编号 {number} 已分配给其他记录"),
    ),
    "branch_required": (
        (
            "Please pick a branch for this record; your login covers several.",
            "Choose which branch this data belongs to before writing it.",
        ),
        ("请为该记录选择分支机构，您的账号可访问多个分支机构。",),
    ),
    "voucher_not_found": (
        (
            "No Journal Voucher matches the given reference",
            "The requested Journal Voucher does not exist",
        ),
        ("查无此日记账凭证", "系统中没有该日记账凭证"),
    ),
    "voucher_id_invalid": (
        ("No Journal Voucher matches the given id", "That id names no Journal Voucher"),
        ("该 id 没有对应的日记账凭证",),
    ),
    "closing_date": (
        ("Transactions on or before the period lock date {date} are not allowed",),
        ("账期已锁定至 {date}，不允许录入该日期的交易",),
    ),
    "closing_date_bare": (
        ("Transactions inside a locked period are not allowed",),
        ("该期间已锁定，不允许录入交易",),
    ),
    "too_long": (
        ("{label} exceeds {n} characters", "{label} may hold up to {n} letters only"),
        ("{label} 超过 {n} 个字符",),
    ),
}

_random = random.Random()


def phrase(key: str, language: str, **params: object) -> str | None:
    """A phrase for `key` in `language` ("US" or "CN"), or None where the usual wording
    stands (Indonesian, or a message no client decides from)."""
    if key not in _PHRASES or language not in ("US", "CN"):
        return None
    english, chinese = _PHRASES[key]
    return _random.choice(english if language == "US" else chinese).format(**params)


def phrases(key: str, language: str) -> tuple[str, ...]:
    """Every phrase `key` may be answered with in `language` (templates, unformatted)."""
    english, chinese = _PHRASES[key]
    return english if language == "US" else chinese
