"""Where the token may travel: https anywhere, http only to this machine (the sandbox),
and a redirect only within the service.

Accurate moves a company to a new host with a 308 and the client follows it with the token
and signature (and then stores the new host), so the rule deciding "same service" guards the
token itself. A redirect is followed to the very same host, between addresses on this machine
(the sandbox), or between hosts inside the service's own registered domain (an explicit list:
`zeus.accurate.id` to `iris.accurate.id`). Never "the last two labels match", which lets
`api.sempoa.co.id` hand the token to any `*.co.id`; never from one IP address to another.
"""

from __future__ import annotations

import ipaddress

import httpx

from app.api import errors
from app.core.i18n import tr

SERVICE_DOMAINS: dict[str, tuple[str, ...]] = {
    errors.ACCURATE: ("accurate.id",),
    errors.SEMPOA: ("sempoa.id",),
}


def redirect_allowed(service: str, old_host: str, new_host: str) -> bool:
    old, new = _normal(old_host), _normal(new_host)
    if old == new:
        return True
    if is_loopback(old) and is_loopback(new):
        return True
    if _is_ip(old) or _is_ip(new):
        return False
    return any(
        _within(old, domain) and _within(new, domain) for domain in SERVICE_DOMAINS.get(service, ())
    )


def refused_redirect(service: str, old_host: str, new_url: str) -> errors.InsecureUrl:
    return errors.InsecureUrl(
        tr(
            "{service} ({old}) mengalihkan permintaan ke {new}, yang bukan bagian dari layanan "
            "itu; token tidak dikirim ke sana dan alamat perusahaan tidak diubah. Bila "
            "perusahaan memang pindah, periksa alamatnya di pengaturan perusahaan.",
            "{service} ({old}) redirected the request to {new}, which is not part of that "
            "service; the token was not sent there and the company's address was not changed. "
            "If the company really moved, check its address in the company settings.",
            service=service,
            old=old_host,
            new=new_url,
        )
    )


def _normal(host: str) -> str:
    return host.lower().rstrip(".").strip("[]")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def origin(url: httpx.URL | str) -> str:
    """scheme://host[:port] (no path), the form a profile stores."""
    url = httpx.URL(url)
    return str(httpx.URL(scheme=url.scheme, host=url.host, port=url.port))


def is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_secure(url: httpx.URL | str) -> httpx.URL:
    """The URL, if the token may travel to it: https anywhere, http only to this machine."""
    parsed = httpx.URL(url)
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and parsed.host and is_loopback(parsed.host):
        return parsed
    raise errors.insecure_url(str(url))


def redirect_target(service: str, current: httpx.URL, location: str) -> httpx.URL:
    new_url = require_secure(current.join(location))
    if not redirect_allowed(service, current.host, new_url.host):
        # The token would go to whoever the Location names; only follow within the service.
        raise refused_redirect(service, current.host, origin(new_url))
    if not new_url.query and current.query:
        new_url = new_url.copy_with(query=current.query)  # a Location without the query string
    return new_url
