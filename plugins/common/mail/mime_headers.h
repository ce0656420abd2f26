// Header-level pieces of a mail message (RFC 5322 / RFC 2047), kept apart from sending so they
// can be tested without a server.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "mailbox.h"

namespace taskweave::plugins::mail {

// A header value as it may appear on the wire: plain printable ASCII stays as it is; anything
// else becomes UTF-8 base64 encoded-words (RFC 2047), at most 75 characters each, never
// splitting a UTF-8 sequence, folded onto continuation lines. Line breaks become spaces so a
// value can never inject a header.
std::string encode_header_text(std::string_view text);

// A mailbox for a From/To header: a plain ASCII display name as Mailbox::display() writes it
// (quoted when it holds specials such as a comma), any other name RFC 2047-encoded as above;
// the <address> kept as is.
std::string encode_mailbox(const Mailbox& mailbox);

// "Fri, 15 Mar 2024 10:00:00 +0100" for an instant, in the local time zone (RFC 5322 §3.3).
std::string rfc5322_date(std::time_t when);

// "<random.seconds@domain>", the domain taken from the sender's address.
std::string make_message_id(std::string_view from_address, std::time_t when);

// Every line ending (CRLF, LF or a lone CR) as CRLF, as SMTP and quoted-printable expect.
std::string to_crlf(std::string_view text);

}  // namespace taskweave::plugins::mail
