// Mailboxes and recipient lists as people write them in an `Email User Name` attribute or the
// email.from setting (RFC 5322 §3.4, read leniently):
//
//   ops@example.com                          a bare address
//   Ops Team <ops@example.com>               a display name and an address in angle brackets
//   "Doe, Jane" <jane@example.com>           a quoted display name (it may hold , ; < > @)
//   jane@example.com (Jane Doe)              a comment, ignored
//
// A list separates mailboxes with `;` or `,` outside quotes, angle brackets and comments; one
// separator after the last mailbox is allowed ("a@x.org;"), an empty entry anywhere else is an
// error. Display names may hold UTF-8; addresses must be ASCII (taskweave does not use SMTPUTF8).
#pragma once

#include <taskweave/sdk.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taskweave::plugins::mail {

struct Mailbox {
  std::string name;     // the display name, unquoted, UTF-8; empty for a bare address
  std::string address;  // local@domain, what the SMTP envelope carries

  // For logs and dry-run descriptions: `ops@example.com`, `Ops <ops@example.com>`, or
  // `"Doe, Jane" <jane@example.com>` when the name needs quoting (the name is not encoded).
  std::string display() const;
  bool operator==(const Mailbox&) const = default;
};

// The mailboxes of a recipient list, or an error naming the entry that is empty or not a
// mailbox. Blank text gives an empty list (the caller decides whether that is an error).
sdk::Expected<std::vector<Mailbox>> parse_mailbox_list(std::string_view text);

// Exactly one mailbox (e.g. the sender), or an error saying why `text` is not one.
sdk::Expected<Mailbox> parse_mailbox(std::string_view text);

// `a, "Doe, Jane" <b@x.org>`: the display() forms joined with ", ".
std::string display_list(const std::vector<Mailbox>& mailboxes);

}  // namespace taskweave::plugins::mail
