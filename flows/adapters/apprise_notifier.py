"""Sends outbox messages through Apprise: e-mail by default, or the channel a person chose (an Apprise
tag in the configuration), with the message's attachments.

E-mail goes through ``OutboxEmail``, Apprise's own e-mail plugin with three changes: the message
keeps its stable Message-ID on every attempt; a batch reuses one SMTP connection (and one SSL
context) per server; and the outcome is told apart, not swallowed: sent, refused for good (5xx),
failed for now (no connection, 4xx), or uncertain (no answer once the message was handed over).
Each message goes to its targets one by one, so the outbox knows exactly what was delivered.
"""

import copy
import logging
import re
import smtplib
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import apprise
from apprise.attachment.memory import AttachMemory
from apprise.plugins.email import NotifyEmail
from apprise.utils.parse import is_email, parse_emails

from flows.adapters.smtp_batch import Connections, NotHandedOver, reset, transmit
from governance.notifications.model import (
    DeliveryFailed,
    DeliveryRefused,
    DeliveryUncertain,
    QueuedMessage,
)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
PREFECT_SECRET = "prefect-secret:"
"""An e-mail URL given as ``prefect-secret:BLOCK`` is read from that Prefect Secret block."""


def with_recipient(email_url: str, address: str | None, reply_to: str | None = None) -> str:
    """The e-mail URL addressed to one recipient (none: the URL's own ``to=`` dropped, the recipient
    added per message by ``OutboxEmail.for_message``), sending plain text, with the message's
    Reply-To (Apprise's ``reply=``) where it names a contact."""
    parts = urlsplit(email_url)
    query = dict(parse_qsl(parts.query))
    query.pop("to", None)
    if address is not None:
        query["to"] = address
    if reply_to:
        query["reply"] = reply_to
    query.setdefault("format", "text")
    return urlunsplit(parts._replace(query=urlencode(query)))


def replying_to(url: str, reply_to: str | None) -> str:
    """A configured e-mail channel's URL that names no Reply-To of its own, replying to the contact."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if reply_to and "reply" not in query:
        query["reply"] = reply_to
    return urlunsplit(parts._replace(query=urlencode(query)))


def secret_url(value: str) -> str:
    """The URL itself, or the value of the Prefect Secret block it names: secrets stay out of the registry."""
    if not value.startswith(PREFECT_SECRET):
        return value
    from prefect.blocks.system import Secret

    return str(Secret.load(value.removeprefix(PREFECT_SECRET)).get())


class OutboxEmail(NotifyEmail):
    """Apprise's e-mail plugin sending one outbox message over the batch's connection, raising the outcome.
    Built once per URL and Reply-To; each message is sent by its own copy (``for_message``)."""

    def __init__(self, *, connections: Connections, message_id: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._connections = connections
        self._message_id = message_id
        self._url_targets = list(kwargs.get("targets") or [])

    def for_message(self, message_id: str, address: str | None = None, *, who: str = "") -> "OutboxEmail":
        """This channel for one message; ``address`` is added to the URL's own recipients as Apprise
        reads a ``to=`` (spaces quoted as ``+`` stay ``+``) and checks it. An address that is not
        one, or none where the URL names nobody either, is refused for good (``who``: whose)."""
        plugin = copy.copy(self)
        plugin._message_id = message_id
        if address is not None:
            a = address.replace(" ", "+").strip()
            to = _recipients([a], self.logger) if a else []
            if a and not to:
                raise DeliveryRefused(f"{_whose(who)}e-mail address {address!r} is not one mail can go to")
            if not a and not self._url_targets:
                raise DeliveryRefused(f"no e-mail address is on record for {who or 'the recipient'}")
            plugin.targets = [*_recipients(self._url_targets, self.logger), *to]
        return plugin

    def send(self, body, title="", notify_type=None, attach=None, **kwargs) -> bool:
        self.throttle()
        headers = {"X-Application": self.app_id, **self.headers}
        for email in NotifyEmail.prepare_emails(
            subject=title, body=body, notify_format=self.notify_format, from_addr=self.from_addr,
            to=self.targets, cc=self.cc, bcc=self.bcc, reply_to=self.reply_to, smtp_host=self.smtp_host,
            attach=attach, headers=headers, names=self.names, pgp=self.pgp, pgp_mode=self.pgp_mode,
            inline=self.inline, tzinfo=self.tzinfo,
        ):  # fmt: skip
            text = MESSAGE_ID.sub(lambda _: f"Message-ID: {self._message_id}", email.body, count=1)
            self._hand_over(self.from_addr[1], email.to_addrs, text)
        return True

    def _hand_over(self, sender: str, recipients: list[str], text: str) -> None:
        smtp, reused = self._connections.get(self)
        try:
            transmit(smtp, sender, recipients, text)
        except NotHandedOver as before:  # nothing was handed over: safe to try again
            self._connections.drop(self)
            if reused and isinstance(before.cause, smtplib.SMTPServerDisconnected):
                return self._hand_over(sender, recipients, text)  # the kept connection had closed
            raise DeliveryFailed(f"{self.smtp_host} dropped the connection: {before.cause}") from None
        except DeliveryUncertain:
            self._connections.drop(self)
            raise
        except DeliveryFailed:
            reset(smtp, self._connections, self)
            raise
        return None


MESSAGE_ID = re.compile(r"^Message-ID: .*$", re.MULTILINE)


def _recipients(addresses: list[str], logger: logging.Logger) -> list[tuple[str | bool, str]]:
    """``NotifyEmail.__init__``'s check of its targets: each valid address with its name, the others dropped."""
    found: list[tuple[str | bool, str]] = []
    for recipient in parse_emails(addresses):
        if result := is_email(recipient):
            found.append((result["name"] or False, result["full_email"]))
        else:
            logger.warning(f"Dropped invalid To email ({recipient}) specified.")
    return found


def _whose(who: str) -> str:
    return f"{who}'s " if who else "the "


class AppriseNotifier:
    def __init__(self, email_url: str, config_path: Path | None = None) -> None:
        self._email_url = secret_url(email_url)
        self._config = apprise.Apprise()
        self._connections = Connections()
        self._plugins: dict[tuple[str, str | None, bool], OutboxEmail] = {}
        if config_path is not None:
            config = apprise.AppriseConfig()
            if not config.add(str(config_path)):
                raise ValueError(f"cannot read the Apprise configuration {config_path}")
            self._config.add(config)

    def _targets(self, message: QueuedMessage) -> list[apprise.plugins.NotifyBase]:
        """The person's channel (an Apprise tag), else channels tagged ``person:<key>``, else e-mail
        to the address. Always by tag: an untagged ``notify()`` would send to every configured URL."""
        for tag in (message.channel, f"person:{message.recipient_key}" if message.recipient_key else None):
            tagged = list(self._config.find(tag=tag)) if tag else []
            if tagged:
                return [self._email(t.url(privacy=False), message) if isinstance(t, NotifyEmail) else t
                        for t in tagged]  # fmt: skip
        return [self._email(self._email_url, message, address=message.address)]

    def _email(self, url: str, message: QueuedMessage, *, address: str | None = None) -> OutboxEmail:
        """The e-mail channel for the message: the configured URL as it is, or the default one to
        ``address``; the URL is parsed and the plugin built once per URL and Reply-To."""
        key = (url, message.reply_to, address is None)
        if (plugin := self._plugins.get(key)) is None:
            own = url if address is None else with_recipient(url, None, message.reply_to)
            if not (parsed := NotifyEmail.parse_url(replying_to(own, message.reply_to))):
                raise DeliveryFailed(
                    f"the e-mail URL is not one Apprise understands: {urlsplit(url).scheme}://…"
                )
            plugin = self._plugins[key] = OutboxEmail(connections=self._connections, **parsed)
        return plugin.for_message(message.message_id, address, who=message.recipient_name)

    def send(self, message: QueuedMessage) -> None:
        attach = apprise.AppriseAttachment()
        for a in message.attachments:
            attach.add(AttachMemory(content=a.content, name=a.filename, mimetype=a.media_type))
        for target in self._targets(message):
            if getattr(target, "host", None) in LOOPBACK:
                target.request_rate_per_sec = 0  # a local sink needs no throttling
            with apprise.LogCapture(level=logging.WARNING) as log:
                delivered = target.notify(
                    body=message.body,
                    title=message.subject,
                    body_format=apprise.NotifyFormat.TEXT,
                    attach=attach if message.attachments else None,
                )
            if not delivered:
                raise DeliveryFailed(
                    _last_line(log.getvalue()) or f"{target.service_name} refused the message"
                )

    def close(self) -> None:
        """Close the connections kept open for the batch."""
        self._connections.close()


def _last_line(log: str) -> str:
    lines = [line.split(" - ", 2)[-1] for line in log.strip().splitlines() if line.strip()]
    return " / ".join(lines[-2:])
