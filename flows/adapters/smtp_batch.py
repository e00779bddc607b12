"""SMTP for a batch of outbox messages: one connection per server and account, one SSL context for
all, and each message handed over in ``smtplib.sendmail``'s steps, so that a timeout is known to
fall before the message was handed over (failed: try again) or after (uncertain: the server may
have stored it), and a refusal keeps the server's own reply."""

import re
import smtplib
import ssl

from apprise.plugins.email import NotifyEmail
from apprise.plugins.email.common import SecureMailMode

from governance.notifications.model import DeliveryFailed, DeliveryRefused, DeliveryUncertain


class Connections:
    """Open SMTP connections, one per server and account, kept for a batch; one SSL context for all."""

    def __init__(self) -> None:
        self._open: dict[tuple[str, int, str, str], smtplib.SMTP] = {}
        self._context: dict[bool, ssl.SSLContext] = {}

    def context(self, verify: bool) -> ssl.SSLContext:
        if verify not in self._context:
            context = ssl.create_default_context()
            if not verify:
                context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            self._context[verify] = context
        return self._context[verify]

    def get(self, plugin: NotifyEmail) -> tuple[smtplib.SMTP, bool]:
        """An open connection to the plugin's server, and whether it was reused."""
        key = (plugin.smtp_host, plugin.port or 0, plugin.secure_mode, plugin.user or "")
        if key in self._open:
            return self._open[key], True
        timeout = plugin.socket_connect_timeout
        try:  # an SSL context (100 ms: the system's CA store) only for a server that uses TLS
            if plugin.secure_mode == SecureMailMode.SSL:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    plugin.smtp_host,
                    plugin.port,
                    timeout=timeout,
                    context=self.context(plugin.verify_certificate),
                )
            else:
                smtp = smtplib.SMTP(plugin.smtp_host, plugin.port, timeout=timeout)
            if plugin.secure_mode == SecureMailMode.STARTTLS:
                smtp.starttls(context=self.context(plugin.verify_certificate))
            if plugin.user and plugin.password:
                smtp.login(plugin.user, plugin.password)
        except smtplib.SMTPAuthenticationError as e:  # the settings are wrong, not the message: retried
            raise DeliveryFailed(f"{plugin.smtp_host} refused the login", server_reply=_reply(e)) from None
        except (OSError, smtplib.SMTPException) as e:
            raise DeliveryFailed(f"no connection to {plugin.smtp_host}:{plugin.port}: {e}") from None
        self._open[key] = smtp
        return smtp, False

    def drop(self, plugin: NotifyEmail) -> None:
        key = (plugin.smtp_host, plugin.port or 0, plugin.secure_mode, plugin.user or "")
        if (smtp := self._open.pop(key, None)) is not None:
            _quietly_close(smtp)

    def close(self) -> None:
        for smtp in self._open.values():
            _quietly_close(smtp)
        self._open.clear()


EOLS = re.compile(r"(?:\r\n|\n|\r(?!\n))")


class NotHandedOver(Exception):
    """The connection failed before the message was handed over: safe to try again."""

    def __init__(self, cause: Exception) -> None:
        self.cause = cause


def transmit(smtp: smtplib.SMTP, sender: str, recipients: list[str], text: str) -> None:
    """``smtplib.sendmail`` in its steps, so that a timeout is known to fall before the message was
    handed over (failed: try again) or after (uncertain: the server may have stored it)."""
    try:
        smtp.ehlo_or_helo_if_needed()
        _expect(smtp.mail(sender), 250, "the sender")
        accepted = 0
        refusal: tuple[int, bytes] | None = None
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code in (250, 251):
                accepted += 1
            else:
                refusal = (code, reply)
        if not accepted and refusal is not None:
            _expect(refusal, 250, ", ".join(recipients))
        _expect(smtp.docmd("DATA"), 354, "the message")
    except (smtplib.SMTPServerDisconnected, OSError) as e:
        raise NotHandedOver(e) from None
    data = re.sub(rb"(?m)^\.", b"..", EOLS.sub("\r\n", text).encode("ascii"))
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    try:
        smtp.send(data + b".\r\n")
        outcome = smtp.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as e:
        raise DeliveryUncertain(
            f"no answer from the server once the message was handed over ({e}): it may have been delivered"
        ) from None
    _expect(outcome, 250, "the message")


def _expect(answer: tuple[int, bytes], wanted: int, what: str) -> None:
    code, text = answer
    if code == wanted:
        return
    reply = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    if 500 <= code < 600:
        raise DeliveryRefused(f"the server refused {what} for good: {reply}", server_reply=reply)
    raise DeliveryFailed(f"the server turned {what} away for now: {reply}", server_reply=reply)


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = (
        error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
    )
    return f"{error.smtp_code} {text}"


def reset(smtp: smtplib.SMTP, connections: Connections, plugin: NotifyEmail) -> None:
    """After a refusal the connection is kept for the next message, once the transaction is reset."""
    try:
        smtp.rset()
    except (OSError, smtplib.SMTPException):
        connections.drop(plugin)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
