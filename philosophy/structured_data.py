"""schema.org JSON-LD built from the PUBLIC projection only, saying what the visible text says."""
from __future__ import annotations

from typing import Any

from .durations import iso_duration
from .hours import parse_range

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _t(value: Any, lang: str, default: str) -> str:
    return value if isinstance(value, str) else (value.get(lang) or value[default])


def _close(hhmm: str) -> str:
    return "23:59" if hhmm == "24:00" else hhmm


def opening_hours(channel: dict[str, Any]) -> list[dict[str, Any]]:
    specs: dict[tuple[str, str], list[str]] = {}
    for day, intervals in enumerate(channel["week"]):
        for opens, closes in intervals:
            specs.setdefault((opens, _close(closes)), []).append(DAYS[day])
    out = [{"@type": "OpeningHoursSpecification", "dayOfWeek": [f"https://schema.org/{d}" for d in days],
            "opens": o, "closes": c} for (o, c), days in specs.items()]
    for ex in channel["exceptions"]:
        day = ex["date"].isoformat()
        ranges = parse_range(ex["hours"]) or [(0, 0)]
        for a, b in ranges:
            out.append({"@type": "OpeningHoursSpecification", "validFrom": day, "validThrough": day,
                        "opens": f"{a // 60:02d}:{a % 60:02d}", "closes": _close(f"{b // 60:02d}:{b % 60:02d}")})
    return out


def organization_graph(data: dict[str, Any], lang: str, page: str, page_url: str) -> dict[str, Any]:
    site = data["site"]
    default = site["default_language"]
    org_id = site["url"] + "#organization"
    points = []
    for ch in data["channels"]:
        contact = ch["contact"]
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "@id": f"{site['url']}#channel-{ch['id']}",
            "contactType": _t(ch["name"], lang, default),
            "availableLanguage": list(ch["languages"]),
            "hoursAvailable": opening_hours(ch),
        }
        if contact.get("phone"):
            point["telephone"] = contact["phone"]
        if contact.get("email"):
            point["email"] = contact["email"]
        if contact.get("url"):
            point["url"] = contact["url"]
        points.append(point)
    org = {"@type": "Organization", "@id": org_id, "name": site["company"], "url": site["url"],
           "description": _t(data["statement"]["summary"], lang, default), "contactPoint": points}
    graph: list[dict[str, Any]] = [org]
    channels = {ch["id"]: ch for ch in data["channels"]}
    if page == "promise":
        for promise in data["promises"]:
            for com in promise["commitments"]:
                if com["kind"] in ("reply", "answer") and com["channel"] in channels:
                    ch = channels[com["channel"]]
                    graph.append({
                        "@type": "ServiceChannel",
                        "name": f"{_t(promise['title'], lang, default)} – {_t(ch['name'], lang, default)}",
                        "processingTime": iso_duration(com["within"]),
                        "availableLanguage": list(ch["languages"]),
                        "provider": {"@id": org_id},
                        **({"servicePhone": {"@id": f"{site['url']}#channel-{ch['id']}"}}
                           if ch["contact"].get("phone") else {}),
                        **({"serviceUrl": ch["contact"]["url"]} if ch["contact"].get("url") else {}),
                    })
    graph.append({"@type": "WebPage", "@id": page_url, "url": page_url, "inLanguage": lang,
                  "name": _t(site["pages"][page]["title"], lang, default),
                  "description": _t(site["pages"][page]["description"], lang, default),
                  "about": {"@id": org_id}})
    return {"@context": "https://schema.org", "@graph": graph}
