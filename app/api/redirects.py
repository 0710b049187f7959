"""Where the token may travel: https anywhere, http only to this machine (the sandbox),
a redirect only within the service, and a company's data host only inside the service.

Accurate moves a company to a new host with a 308 and the client follows it with the token
and signature (and then stores the new host), so the rule deciding "same service" guards the
token itself. A redirect is followed to the very same host (any port: the sandbox gives every
data host a port of its own), or between hosts inside the service's own registered domain (an
explicit list: `zeus.accurate.id` to `iris.accurate.id`). Never "the last two labels match",
which lets `api.sempoa.co.id` hand the token to any `*.co.id`; never from one IP address to
another, loopback ones included (127.0.0.2 is another listener, maybe another user's).

The data host `api-token.do` names is held to the same rule: https inside the service's
domain, or, for a sandbox on this machine, the account server's own address.
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


# Names of this machine's one default loopback address: the same listener whichever is used.
_DEFAULT_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


def redirect_allowed(service: str, old_host: str, new_host: str) -> bool:
    old, new = _normal(old_host), _normal(new_host)
    if _same_address(old, new):
        return True
    if _is_ip(old) or _is_ip(new) or is_loopback(old) or is_loopback(new):
        return False
    return in_service_domain(service, old) and in_service_domain(service, new)


def in_service_domain(service: str, host: str) -> bool:
    """Whether `host` lies inside the service's own registered domain (`*.accurate.id`)."""
    host = _normal(host)
    return any(_within(host, domain) for domain in SERVICE_DOMAINS.get(service, ()))


def data_host_allowed(service: str, account_url: str, data_host: str) -> bool:
    """Whether the token may go to the data host `api-token.do` named: https inside the
    service's domain, or the account server's own address when that is this machine."""
    try:
        account, data = httpx.URL(account_url), httpx.URL(data_host)
    except (httpx.InvalidURL, TypeError):
        return False
    if not data.host or data.userinfo or data.query or data.fragment:
        return False
    if data.scheme == "https" and in_service_domain(service, data.host):
        return True
    sandbox = is_loopback(account.host) and _same_address(_normal(account.host), _normal(data.host))
    return sandbox and data.scheme in ("http", "https")


def refused_data_host(service: str, account_url: str, data_host: str) -> errors.InsecureUrl:
    domains = ", ".join(f"*.{domain}" for domain in SERVICE_DOMAINS.get(service, ()))
    return errors.InsecureUrl(
        tr(
            "{account} menyebut {host} sebagai alamat data perusahaan, tetapi alamat itu bukan "
            "bagian dari {service} (https://{domains}). Token tidak dikirim ke sana dan tidak "
            "ada yang disimpan. Periksa alamat server akun di profil (seharusnya alamat "
            "{service} sendiri), lalu coba lagi.",
            account=account_url,
            host=data_host[:200],
            service=service,
            domains=domains or "-",
        )
    )


def refused_redirect(service: str, old_host: str, new_url: str) -> errors.InsecureUrl:
    return errors.InsecureUrl(
        tr(
            "{service} ({old}) mengalihkan permintaan ke {new}, yang bukan bagian dari layanan "
            "itu; token tidak dikirim ke sana dan alamat perusahaan tidak diubah. Bila "
            "perusahaan memang pindah, periksa alamatnya di pengaturan perusahaan.",
            service=service,
            old=old_host,
            new=new_url,
        )
    )


def _normal(host: str) -> str:
    return host.lower().rstrip(".").strip("[]")


def _same_address(old: str, new: str) -> bool:
    return old == new or (old in _DEFAULT_LOOPBACK and new in _DEFAULT_LOOPBACK)


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
