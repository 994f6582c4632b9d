"""Kinds of channel and what each can promise. An extension adds a kind with `register_channel_kind`."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_


@dataclass(frozen=True)
class ChannelKind:
    key: str
    label: str  # message id of the kind's name
    live: bool = False  # a person answers while the customer waits: calls, chats, video
    written: bool = False  # messages get a reply later: e-mail, forms, letters, messaging
    callback: bool = False  # we can call the customer back
    hours: bool = True  # has opening hours (self-service pages may be 'always')
    contact_type: str = "customer service"  # schema.org ContactPoint contactType (English, as Google reads it)


CHANNEL_KINDS: dict[str, ChannelKind] = {}


def register_channel_kind(kind: ChannelKind) -> ChannelKind:
    CHANNEL_KINDS[kind.key] = kind
    return kind


for _kind in (
    ChannelKind("phone", N_("Phone"), live=True, callback=True),
    ChannelKind("email", N_("E-mail"), written=True),
    ChannelKind("chat", N_("Chat"), live=True, written=True),
    ChannelKind("messaging", N_("Messaging app"), live=True, written=True),
    ChannelKind("sms", N_("Text message"), written=True),
    ChannelKind("video", N_("Video call"), live=True, callback=True),
    ChannelKind("letter", N_("Letter"), written=True),
    ChannelKind("social", N_("Social media"), written=True),
    ChannelKind("form", N_("Web form"), written=True),
    ChannelKind("self_service", N_("Self-service")),
    ChannelKind("store", N_("Store"), live=True),
):
    register_channel_kind(_kind)
