"""Reading Sempoa's answers: what counts as a success, a refusal, or an answer we cannot read.

Sempoa's success is `{"status": 200, "message": "Success", "data": ...}` at HTTP 2xx. Only
that counts: an answer in any other shape is never taken for a success. A refusal is a 4xx
(at HTTP level, or a 4xx `status` with a `message` in Sempoa's own error envelope). What is
neither is "not understood": an error for a read, an uncertain outcome for a save (the
journal may have been kept; see `saved_journal`).

Bodies are parsed again from the text with `parse_float=Decimal`, so amounts read back are
exactly what the service wrote. Nothing here quotes a whole body in an error: only the
server's `message`, which never holds a credential.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.api import errors
from app.api import reply_wording as wording
from app.api.errors import SEMPOA, ApiError
from app.api.wire import ApiResponse
from app.core.i18n import Text, tr

_MESSAGE_LIMIT = 200


def read_body(response: ApiResponse) -> Any:
    """The JSON body with exact decimals, or None when it is not JSON."""
    if response.body is None:
        return None
    try:
        return json.loads(response.text, parse_float=Decimal)
    except ValueError:
        return None


def status_code(value: object) -> int | None:
    """An envelope `status` as a number: 200 and "200" alike; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def is_success(response: ApiResponse, body: Any) -> bool:
    """HTTP 2xx and an envelope whose `status` is 200: Sempoa's only way of saying yes. An
    envelope that also says `success: false` or carries an `error` contradicts itself and is
    not a yes either."""
    return (
        200 <= response.status < 300
        and isinstance(body, Mapping)
        and status_code(body.get("status")) == 200
        and body.get("success", True) is not False
        and not body.get("error")
    )


def refusal(response: ApiResponse, body: Any, what: Text, reference: str = "") -> ApiError | None:
    """The error for an answer that clearly refuses the request, or None.

    A refusal is HTTP 4xx, or at HTTP 2xx a 4xx `status` that comes with a `message`
    (Sempoa's documented error envelope). "API Sempoa not authorized" is a token problem at
    any status; "Nomor referensi sudah ada" is its own already-exists outcome."""
    messages = messages_of(body)
    if not is_success(response, body) and any("not authorized" in m.lower() for m in messages):
        return errors.sempoa_not_authorized(_refused_status(response, body) or 401, messages)
    status = _refused_status(response, body)
    if status is None:
        return None
    if response.status < 400 and not messages:
        return None  # a 4xx status alone, at HTTP 200, is not a clear refusal
    messages = messages or _plain_text(response)
    if status == 401:
        return errors.sempoa_not_authorized(status, messages)
    if status == 403:
        return errors.permission_denied(SEMPOA, what, messages)
    if status == 404:
        return errors.not_found(SEMPOA, what, messages)
    if wording.says_already_exists(messages):
        return errors.already_exists(SEMPOA, reference, messages, status=status)
    return errors.rejected(SEMPOA, messages or [f"HTTP {status}"], status=status)


def envelope(response: ApiResponse, what: Text) -> Mapping[str, Any]:
    """The body of a successful answer to a read; raises for a refusal or any other shape."""
    body = read_body(response)
    refused = refusal(response, body, what)
    if refused is not None:
        raise refused
    if not is_success(response, body) or not isinstance(body, Mapping):
        raise unreadable(what, response.status)
    return body


@dataclass(frozen=True, slots=True)
class SavedJournal:
    """What a confirmed save tells about the journal it kept."""

    remote_id: str | None
    referensi: str
    message: str


def saved_journal(response: ApiResponse, body: Any, reference: str) -> SavedJournal | Text:
    """The journal a save answer confirms, or (when it confirms nothing) why not, as the
    reason of an uncertain outcome.

    Confirmed means: Sempoa's success envelope, and in `data` the saved journal: its `id`,
    and its `referensi`, which is the one sent."""
    if not is_success(response, body):
        return _unconfirmed(response, body)
    data = body.get("data")
    if not isinstance(data, Mapping) or data.get("id") in (None, ""):
        return tr("jawaban sukses tanpa jurnal yang disimpan")
    answered = data.get("referensi")
    if answered is None or str(answered).strip() == "":
        return tr("jawaban sukses tanpa nomor referensi jurnal")
    if str(answered).strip() != reference:
        return tr(
            "jawaban menyebut jurnal {other}, bukan {ref}",
            other=_short(str(answered)),
            ref=reference,
        )
    return SavedJournal(
        remote_id=str(data["id"]),
        referensi=str(answered).strip(),
        message=_short(str(body.get("message") or "")),
    )


def rows_of(data: Any) -> list[Mapping[str, Any]] | None:
    """The rows of a list answer: documented as a bare list; a Laravel paginator object
    (`data.data`) is read too. None when it is neither, or holds anything but objects."""
    if isinstance(data, Mapping):
        data = next(
            (data[key] for key in ("data", "items", "rows") if isinstance(data.get(key), list)),
            None,
        )
    if not isinstance(data, list) or not all(isinstance(row, Mapping) for row in data):
        return None
    return data


def messages_of(body: Any) -> list[str]:
    """The server's own words: `message`, and Laravel's `errors` ({field: [text, ...]})."""
    if not isinstance(body, Mapping):
        return []
    found = [body["message"]] if isinstance(body.get("message"), str) else []
    details = body.get("errors")
    if isinstance(details, Mapping):
        details = [text for value in details.values() for text in _listed(value)]
    found.extend(text for text in _listed(details) if text not in found)
    return [_short(text) for text in found if text.strip()]


def unconfirmed_save(reason: Text, reference: str) -> errors.UncertainOutcome:
    """A save Sempoa answered without confirming it: the journal may be on the books."""
    return errors.UncertainOutcome(
        tr(
            "Sempoa menjawab jurnal {ref} tanpa menyatakan jurnal itu tersimpan ({reason}), "
            "jadi belum pasti apakah jurnal itu ada di pembukuan. Jangan kirim ulang dulu: "
            "Jurnal Desk mencari nomor referensinya di Sempoa sebelum mengirim ulang.",
            ref=reference,
            reason=reason,
        ),
        reason=reason,
    )


def unreadable(what: Text | str, status: int | None = None) -> ApiError:
    """'The server's answer could not be read', as a message."""
    return errors.unexpected_answer(SEMPOA, what, status)


# -- helpers --------------------------------------------------------------------------------


def _refused_status(response: ApiResponse, body: Any) -> int | None:
    if 400 <= response.status < 500:
        return response.status
    if 200 <= response.status < 300 and isinstance(body, Mapping):
        status = status_code(body.get("status"))
        if status is not None and 400 <= status < 500:
            return status
    return None


def _unconfirmed(response: ApiResponse, body: Any) -> Text:
    """Why an answer at HTTP 2xx (or 1xx/3xx) does not confirm a save, in a few words."""
    if not 200 <= response.status < 300:
        return tr("jawaban HTTP {s}", s=response.status)
    if body is None:
        if response.text.lstrip().startswith("<"):
            return tr("halaman web (HTML), bukan jawaban Sempoa")
        return tr("jawaban yang bukan JSON")
    if not isinstance(body, Mapping):
        return tr("jawaban dengan bentuk tak dikenal")
    if not body:
        return tr("jawaban kosong ({{}})")
    flags = [f"{key} {body[key]!r}" for key in ("status", "success", "s") if key in body]
    shown = ", ".join(flags) or ", ".join(sorted(map(str, body)))
    message = messages_of(body)
    if message:
        shown += f": {message[0]}"
    return tr(
        "jawaban tanpa status sukses ({shown})",
        shown=_short(shown),
    )


def _plain_text(response: ApiResponse) -> list[str]:
    text = response.text.strip()
    return [_short(text)] if text and not text.startswith("<") else []


def _listed(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"
