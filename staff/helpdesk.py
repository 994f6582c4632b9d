"""Import the canned replies into a help desk through its API, with `urllib.request` (no extra
dependency). `--dry-run` prints every call (method, URL, headers without secrets, body) and sends nothing.

Where each help desk documents it:

- Zendesk: `POST https://{subdomain}.zendesk.com/api/v2/macros`, basic auth `{email}/token:{api_token}`;
- Freshdesk: `POST https://{subdomain}.freshdesk.com/api/v2/canned_responses`, basic auth `{api_key}:X`;
- Help Scout: `POST https://api.helpscout.net/v2/mailboxes/{mailbox_id}/saved-replies`, `Bearer {token}`.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from .replies import CannedReply, bodies

DESKS = ("zendesk", "freshdesk", "helpscout")
# Variables that build the URL (needed for a dry run too) and the credentials (needed to send).
WHERE = {
    "zendesk": ("ZENDESK_SUBDOMAIN",),
    "freshdesk": ("FRESHDESK_SUBDOMAIN", "FRESHDESK_FOLDER_ID"),
    "helpscout": ("HELPSCOUT_MAILBOX_ID",),
}
SECRETS = {
    "zendesk": ("ZENDESK_EMAIL", "ZENDESK_TOKEN"),
    "freshdesk": ("FRESHDESK_API_KEY",),
    "helpscout": ("HELPSCOUT_TOKEN",),
}
AUTH_SHOWN = {
    "zendesk": "Basic <base64 of ZENDESK_EMAIL/token:ZENDESK_TOKEN>",
    "freshdesk": "Basic <base64 of FRESHDESK_API_KEY:X>",
    "helpscout": "Bearer <HELPSCOUT_TOKEN>",
}
SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
MAX_RETRIES = 5
TIMEOUT = 30


class HelpDeskError(Exception):
    """A setting is missing or wrong, or the help desk refused a call."""


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    body: dict[str, Any]

    def show(self, desk: str) -> str:
        return "\n".join(
            [
                f"{self.method} {self.url}",
                "Content-Type: application/json",
                f"Authorization: {AUTH_SHOWN[desk]}",
                json.dumps(self.body, ensure_ascii=False, indent=2),
                "",
            ]
        )


def _required(env: Mapping[str, str], names: Sequence[str]) -> dict[str, str]:
    missing = [n for n in names if not env.get(n, "").strip()]
    if missing:
        raise HelpDeskError("set " + ", ".join(missing) + " in the environment (see README: Canned replies)")
    return {n: env[n].strip() for n in names}


def _subdomain(value: str, name: str) -> str:
    value = value.lower().removesuffix(".zendesk.com").removesuffix(".freshdesk.com")
    if not SUBDOMAIN.fullmatch(value):
        raise HelpDeskError(f"{name} must be the account's subdomain (letters, digits, hyphens), e.g. 'hjulverket'")
    return value


def _number(value: str, name: str) -> int:
    if not value.isdigit():
        raise HelpDeskError(f"{name} must be a number (an id), not {value[:30]!r}")
    return int(value)


def plan(desk: str, items: Sequence[CannedReply], env: Mapping[str, str] | None = None) -> list[Call]:
    """The calls an import makes, in order: one POST per canned reply."""
    env = os.environ if env is None else env
    if desk not in DESKS:
        raise HelpDeskError(f"unknown help desk {desk!r}: use one of {', '.join(DESKS)}")
    where = _required(env, WHERE[desk])
    if desk == "zendesk":
        url = f"https://{_subdomain(where['ZENDESK_SUBDOMAIN'], 'ZENDESK_SUBDOMAIN')}.zendesk.com/api/v2/macros"
        return [Call("POST", url, body) for body in bodies(desk, items)]
    if desk == "freshdesk":
        host = _subdomain(where["FRESHDESK_SUBDOMAIN"], "FRESHDESK_SUBDOMAIN")
        folder = _number(where["FRESHDESK_FOLDER_ID"], "FRESHDESK_FOLDER_ID")
        url = f"https://{host}.freshdesk.com/api/v2/canned_responses"
        return [Call("POST", url, body) for body in bodies(desk, items, folder_id=folder)]
    mailbox = _number(where["HELPSCOUT_MAILBOX_ID"], "HELPSCOUT_MAILBOX_ID")
    url = f"https://api.helpscout.net/v2/mailboxes/{mailbox}/saved-replies"
    return [Call("POST", url, body) for body in bodies(desk, items)]


def authorization(desk: str, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    secret = _required(env, SECRETS[desk])
    if desk == "zendesk":
        pair = f"{secret['ZENDESK_EMAIL']}/token:{secret['ZENDESK_TOKEN']}"
    elif desk == "freshdesk":
        pair = f"{secret['FRESHDESK_API_KEY']}:X"
    else:
        return f"Bearer {secret['HELPSCOUT_TOKEN']}"
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


def dry_run(desk: str, calls: Sequence[Call], out: TextIO = sys.stdout, env: Mapping[str, str] | None = None) -> None:
    env = os.environ if env is None else env
    for call in calls:
        print(call.show(desk), file=out)
    missing = [n for n in SECRETS[desk] if not env.get(n, "").strip()]
    note = f"; a real import also needs {', '.join(missing)}" if missing else ""
    print(f"dry run: {len(calls)} call(s) to {desk}, nothing sent{note}", file=sys.stderr)


Opener = Callable[..., Any]


def send(
    desk: str,
    calls: Sequence[Call],
    auth: str,
    opener: Opener = urllib.request.urlopen,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Send the calls one by one; stop at the first refusal. Returns how many were created."""
    created = 0
    for call in calls:
        data = json.dumps(call.body, ensure_ascii=False).encode("utf-8")
        if not call.url.startswith("https://"):  # the calls are built from fixed https base URLs
            raise ValueError(f"refusing to send to {call.url!r}: not https")
        request = urllib.request.Request(  # noqa: S310 - https only, checked above
            call.url,
            data=data,
            method=call.method,
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": auth,
                "User-Agent": "service-philosophy-staff/1",
            },
        )
        for attempt in range(MAX_RETRIES + 1):
            try:
                with opener(request, timeout=TIMEOUT) as response:
                    response.read()
                break
            except urllib.error.HTTPError as exc:
                if exc.code == 429 and attempt < MAX_RETRIES:  # rate limited: wait as told, then again
                    sleep(_retry_after(exc.headers.get("Retry-After") if exc.headers else None))
                    continue
                detail = exc.read()[:300].decode("utf-8", errors="replace")
                raise HelpDeskError(
                    f"{desk} refused {call.method} {call.url} ({exc.code} {exc.reason}): {detail}; "
                    f"{created} of {len(calls)} created before it"
                ) from None
            except urllib.error.URLError as exc:
                raise HelpDeskError(
                    f"could not reach {call.url}: {exc.reason}; {created} of {len(calls)} created before it"
                ) from None
        created += 1
        print(f"created: {_title(call.body)}")
    return created


def _retry_after(value: str | None) -> float:
    try:
        return min(max(float(value or 10), 1.0), 60.0)
    except ValueError:
        return 10.0


def _title(body: dict[str, Any]) -> str:
    inner = body.get("macro", body)
    return str(inner.get("title") or inner.get("name") or "")
