"""Sends outbox messages through Apprise: e-mail by default, or the channels an Apprise config tags per person.

Each message goes to its targets one by one, so the outbox knows exactly what was delivered.
"""

import logging
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import apprise

from governance.notifications.model import DeliveryFailed, QueuedMessage

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def with_recipient(email_url: str, address: str, reply_to: str | None = None) -> str:
    """The e-mail URL addressed to one recipient, sending plain text, with the message's Reply-To
    (Apprise's ``reply=``) where it names a contact."""
    parts = urlsplit(email_url)
    query = dict(parse_qsl(parts.query))
    query["to"] = address
    if reply_to:
        query["reply"] = reply_to
    query.setdefault("format", "text")
    return urlunsplit(parts._replace(query=urlencode(query)))


def replying_to(target: apprise.plugins.NotifyBase, reply_to: str | None) -> apprise.plugins.NotifyBase:
    """A configured e-mail channel that names no Reply-To of its own, replying to the message's contact
    (a copy: the configured channel serves other messages too). Other channels have no Reply-To."""
    if not reply_to or getattr(target, "reply_to", None) != set():
        return target
    parts = urlsplit(target.url(privacy=False))
    query = dict(parse_qsl(parts.query)) | {"reply": reply_to}
    copy = apprise.Apprise.instantiate(urlunsplit(parts._replace(query=urlencode(query))))
    return copy if copy else target


class AppriseNotifier:
    def __init__(self, email_url: str, config_path: Path | None = None) -> None:
        self._email_url = email_url
        self._config = apprise.Apprise()
        if config_path is not None:
            config = apprise.AppriseConfig()
            if not config.add(str(config_path)):
                raise ValueError(f"cannot read the Apprise configuration {config_path}")
            self._config.add(config)

    def _targets(self, message: QueuedMessage) -> list[apprise.plugins.NotifyBase]:
        """Channels tagged ``person:<key>`` in the configuration, else e-mail to the person's address.

        Always by tag: an untagged ``notify()`` would send to every configured URL.
        """
        tagged = list(self._config.find(tag=f"person:{message.recipient_key}"))
        if tagged:
            return [replying_to(target, message.reply_to) for target in tagged]
        email = apprise.Apprise()
        if not email.add(with_recipient(self._email_url, message.address, message.reply_to)):
            raise DeliveryFailed(
                f"the e-mail URL is not one Apprise understands: {urlsplit(self._email_url).scheme}://…"
            )
        return list(email)

    def send(self, message: QueuedMessage) -> None:
        for target in self._targets(message):
            if getattr(target, "host", None) in LOOPBACK:
                target.request_rate_per_sec = 0  # a local sink needs no throttling
            with apprise.LogCapture(level=logging.WARNING) as log:
                delivered = target.notify(
                    body=message.body, title=message.subject, body_format=apprise.NotifyFormat.TEXT
                )
            if not delivered:
                raise DeliveryFailed(
                    _last_line(log.getvalue()) or f"{target.service_name} refused the message"
                )


def _last_line(log: str) -> str:
    lines = [line.split(" - ", 2)[-1] for line in log.strip().splitlines() if line.strip()]
    return " / ".join(lines[-2:])
