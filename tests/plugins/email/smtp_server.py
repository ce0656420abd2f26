#!/usr/bin/python3
"""A real SMTP server for the Email plugin tests (aiosmtpd, Debian's python3-aiosmtpd).

Listens on 127.0.0.1 on a free port and prints the port on stdout. Every message it accepts is
written to OUT_DIR/NNNN/ as files a C++ test can read without a MIME parser:
  raw.eml             the message as received
  mail_from           the envelope sender
  rcpt                the envelope recipients, one per line
  subject             the Subject header, RFC 2047-decoded
  to                  the To header's mailboxes, one per line: display name|address (decoded)
  body                the text/plain part, transfer-decoded (UTF-8)
  body_content_type   that part's Content-Type
  body_encoding       that part's Content-Transfer-Encoding
  headers             every top-level header as received, one per line
  attachments/NAME    the bytes of each attachment
The directory appears atomically (written under a temporary name, then renamed).

Modes: starttls (STARTTLS required, AUTH required after it), smtps (TLS from the first byte,
AUTH required), plain (no TLS, no AUTH). Recipients whose local part starts with "reject" are
refused with 550. The server exits when its stdin reaches end of file, so it never outlives the
test that started it.

Usage: smtp_server.py --dir OUT_DIR --mode MODE [--cert CERT --key KEY --user USER]
The password is read from the SMTP_TEST_PASSWORD environment variable.
"""
import argparse
import asyncio
import email
import email.policy
import itertools
import os
import pathlib
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out_dir):
        self.out_dir = pathlib.Path(out_dir)
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("reject"):
            return "550 5.1.1 <%s>: recipient rejected by the test server" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        number = next(self.counter)
        final = self.out_dir / ("%04d" % number)
        temp = self.out_dir / (".%04d.tmp" % number)
        (temp / "attachments").mkdir(parents=True)
        (temp / "raw.eml").write_bytes(raw)
        (temp / "mail_from").write_text(envelope.mail_from)
        (temp / "rcpt").write_text("".join(r + "\n" for r in envelope.rcpt_tos))
        message = email.message_from_bytes(raw, policy=email.policy.default)
        (temp / "subject").write_text(str(message["subject"] or ""), encoding="utf-8")
        to = message["to"].addresses if message["to"] is not None else ()
        (temp / "to").write_text(
            "".join("%s|%s\n" % (a.display_name, a.addr_spec) for a in to), encoding="utf-8")
        (temp / "headers").write_text(
            "".join("%s: %s\n" % (k, v) for k, v in message.raw_items()), encoding="utf-8")
        body = message.get_body(preferencelist=("plain",))
        if body is not None:
            (temp / "body").write_text(body.get_content(), encoding="utf-8")
            (temp / "body_content_type").write_text(body["content-type"] or "")
            (temp / "body_encoding").write_text(body["content-transfer-encoding"] or "")
        for part in message.iter_attachments():
            name = os.path.basename(part.get_filename() or "unnamed")
            (temp / "attachments" / name).write_bytes(part.get_payload(decode=True) or b"")
        temp.rename(final)
        return "250 Message accepted for delivery"


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False)
    return authenticate


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = Recorder(args.dir)
    tls = None
    if args.mode != "plain":
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    password = os.environ.get("SMTP_TEST_PASSWORD", "")
    options = dict(hostname="taskweave-test")
    if args.mode == "starttls":
        options.update(tls_context=tls, require_starttls=True, auth_required=True,
                       authenticator=authenticator_for(args.user, password))
    elif args.mode == "smtps":
        options.update(auth_required=True, auth_require_tls=False,
                       authenticator=authenticator_for(args.user, password))
    server = await loop.create_server(
        lambda: SMTP(handler, **options), "127.0.0.1", 0,
        ssl=tls if args.mode == "smtps" else None)
    print(server.sockets[0].getsockname()[1], flush=True)

    stdin_closed = loop.create_future()

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 4096) and not stdin_closed.done():
            stdin_closed.set_result(None)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    await stdin_closed
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--mode", choices=("starttls", "smtps", "plain"), default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", default="")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
