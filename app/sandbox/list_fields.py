"""A journal list that refuses the fields it is not known to take.

Only `id`, `number` and `transDate` are confirmed fields of `journal-voucher/list.do`.
`optLock` and `totalAmount` are asked for by reconcile (seen on other Accurate lists). What
the real service does with a name it does not know in `fields` is not known: it may leave it
out (the sandbox's default), or refuse the whole request. A company set to refuse answers a
list request naming either in one of the plausible shapes (`REFUSAL_SHAPES`):

    "200"  HTTP 200, {"s": false, "d": ["Field \"optLock\" tidak dikenal ..."]}
    "400"  HTTP 400 with the same envelope
    "500"  HTTP 500 with an HTML error page (a framework's, not the service's JSON)
"""

from __future__ import annotations

from app.sandbox import messages as m
from app.sandbox.wire import Reply, html_reply, json_reply

# The fields a refusing list does not take: assumed of the journal list, not confirmed.
UNCONFIRMED_FIELDS = ("optLock", "totalAmount")
REFUSAL_SHAPES = ("200", "400", "500")


def refused_names(fields: list[str]) -> list[str]:
    """The names in `fields` a refusing list does not take, in the order asked."""
    return [name for name in fields if name in UNCONFIRMED_FIELDS]


def refusal(shape: str, names: list[str], language: str) -> Reply:
    """The answer to a list request naming `names`, in `shape`."""
    if shape == "500":
        return html_reply(500, "Internal Server Error")
    text = m.message("field_unknown", language, names=", ".join(f'"{n}"' for n in names))
    return json_reply(int(shape), {"s": False, "d": [text]})


def check_shape(shape: str) -> str:
    if shape not in REFUSAL_SHAPES:
        raise ValueError(f"shape must be one of {REFUSAL_SHAPES}, not {shape!r}")
    return shape
