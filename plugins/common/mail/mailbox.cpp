#include "mailbox.h"

#include <cctype>

#include "common/text.h"

namespace taskweave::plugins::mail {
namespace {

using List = sdk::Expected<std::vector<Mailbox>>;
using One = sdk::Expected<Mailbox>;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_control(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && !is_space(c)) || byte == 0x7f;
}

// RFC 5322 atext: what an atom (an unquoted word, a dot-atom's parts) may hold.
bool is_atext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The entries of a list, cut at `;` and `,` outside quotes, angle brackets and comments.
sdk::Expected<std::vector<std::string_view>> split_entries(std::string_view text) {
  using Entries = sdk::Expected<std::vector<std::string_view>>;
  std::vector<std::string_view> entries;
  size_t begin = 0;
  bool in_quotes = false, in_angle = false;
  int comment_depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes || comment_depth > 0) {
      if (c == '\\') {
        ++i;  // a quoted-pair: the next character is taken literally
      } else if (in_quotes) {
        in_quotes = c != '"';
      } else {
        comment_depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == '(') {
      comment_depth = 1;
    } else if (c == '<' || c == '>') {
      in_angle = c == '<';
    } else if (!in_angle && (c == ';' || c == ',')) {
      entries.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  std::string_view last = text.substr(begin);
  const char* open = in_quotes ? "a quote (\")" : comment_depth > 0 ? "a comment (\"(\")" : nullptr;
  if (!open && in_angle) open = "an angle bracket (\"<\")";
  if (open)
    return Entries::failure("'" + std::string(trim(last)) + "' opens " + open +
                            " that is never closed");
  entries.push_back(last);
  return entries;
}

// `entry` with its comments replaced by a space (quoted strings kept as they are).
std::string without_comments(std::string_view entry) {
  std::string out;
  bool in_quotes = false;
  int comment_depth = 0;
  for (size_t i = 0; i < entry.size(); ++i) {
    char c = entry[i];
    if (comment_depth > 0) {
      if (c == '\\') ++i;
      comment_depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (comment_depth == 0) out += ' ';
      continue;
    }
    if (!in_quotes && c == '(') {
      comment_depth = 1;
      continue;
    }
    out += c;
    if (c == '\\' && in_quotes && i + 1 < entry.size()) {
      out += entry[++i];
    } else if (c == '"') {
      in_quotes = !in_quotes;
    }
  }
  return out;
}

// A display name as written (words and quoted strings) as plain text: quotes and quoted-pairs
// resolved, every run of white space (line breaks included) one space.
std::string phrase_text(std::string_view phrase) {
  std::string out;
  bool in_quotes = false, pending_space = false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    char c = phrase[i];
    if (c == '"') {
      in_quotes = !in_quotes;
      continue;
    }
    if (c == '\\' && in_quotes && i + 1 < phrase.size()) c = phrase[++i];
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

bool has_unquoted_space(std::string_view text) {
  bool in_quotes = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && in_quotes) {
      ++i;
    } else if (text[i] == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && is_space(text[i])) {
      return true;
    }
  }
  return false;
}

bool is_dot_atom(std::string_view text, bool (*allowed)(char)) {
  if (text.empty() || text.front() == '.' || text.back() == '.' ||
      text.find("..") != std::string_view::npos)
    return false;
  for (char c : text)
    if (c != '.' && !allowed(c)) return false;
  return true;
}

bool is_domain_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

bool is_quoted_local_part(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return false;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return false;
  }
  return true;
}

// Why `address` cannot go into an SMTP envelope, or "" when it can.
std::string address_problem(std::string_view address) {
  if (address.empty()) return "it has no address";
  for (char c : address)
    if (static_cast<unsigned char>(c) >= 0x80)
      return "the address is not ASCII (taskweave does not send SMTPUTF8 mail)";
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "there is no @ in it";
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (!is_dot_atom(local, &is_atext) && !is_quoted_local_part(local))
    return "'" + std::string(local) + "' is not a valid local part";
  bool literal = domain.size() > 2 && domain.front() == '[' && domain.back() == ']' &&
                 domain.find_first_of("[]\\ ", 1) == domain.size() - 1;
  if (!literal && !is_dot_atom(domain, &is_domain_char))
    return "'" + std::string(domain) + "' is not a valid domain";
  return {};
}

One parse_entry(std::string_view raw) {
  std::string entry(trim(raw));
  auto bad = [&](const std::string& why) {
    return One::failure("'" + one_line(entry) + "' is not a mail address: " + why);
  };
  for (char c : entry)
    if (is_control(c)) return bad("it contains a control character");
  std::string clean = without_comments(entry);

  // Find "<" outside quotes: what precedes it is the display name.
  size_t open = std::string::npos;
  bool in_quotes = false;
  for (size_t i = 0; i < clean.size() && open == std::string::npos; ++i) {
    if (clean[i] == '\\' && in_quotes) {
      ++i;
    } else if (clean[i] == '"') {
      in_quotes = !in_quotes;
    } else if (clean[i] == '<' && !in_quotes) {
      open = i;
    }
  }
  Mailbox out;
  if (open == std::string::npos) {
    out.address = trim(clean);
    // An unresolved $$var or $PM... variable is left as written by the host's expansion.
    if (!out.address.empty() && out.address[0] == '$' && out.address.find('@') == std::string::npos)
      return One::failure("'" + out.address +
                          "' is a variable with no value: set it in the parameter file or the "
                          "workflow");
    if (has_unquoted_space(out.address))
      return bad("a display name needs the address in angle brackets: Name <user@example.com>");
    if (out.address.find('@') == std::string::npos)
      return bad(
          "there is no @ in it (a display name with a comma or semicolon must be quoted: "
          "\"Doe, Jane\" <jane@example.com>)");
  } else {
    size_t close = clean.find('>', open);
    if (close == std::string::npos) return bad("the angle bracket is never closed");
    if (!is_blank(std::string_view(clean).substr(close + 1)))
      return bad("there is text after the closing angle bracket");
    out.name = phrase_text(std::string_view(clean).substr(0, open));
    out.address = trim(std::string_view(clean).substr(open + 1, close - open - 1));
  }
  if (std::string why = address_problem(out.address); !why.empty()) return bad(why);
  return out;
}

}  // namespace

std::string Mailbox::display() const {
  if (name.empty()) return address;
  bool plain = true;
  for (char c : name)
    plain = plain && (is_atext(c) || c == ' ' || static_cast<unsigned char>(c) >= 0x80);
  return (plain ? name : quoted(name)) + " <" + address + ">";
}

sdk::Expected<std::vector<Mailbox>> parse_mailbox_list(std::string_view text) {
  std::vector<Mailbox> out;
  if (is_blank(text)) return out;
  auto entries = split_entries(text);
  if (!entries) return List::failure(entries.error());
  for (size_t i = 0; i < entries->size(); ++i) {
    std::string_view entry = (*entries)[i];
    if (is_blank(entry)) {
      if (i > 0 && i + 1 == entries->size()) break;  // one separator after the last mailbox
      return List::failure("entry " + std::to_string(i + 1) + " of '" + one_line(trim(text)) +
                           "' is empty (two separators in a row, or one at the start)");
    }
    One mailbox = parse_entry(entry);
    if (!mailbox) return List::failure(mailbox.error());
    out.push_back(*mailbox);
  }
  return out;
}

sdk::Expected<Mailbox> parse_mailbox(std::string_view text) {
  auto list = parse_mailbox_list(text);
  if (!list) return One::failure(list.error());
  if (list->size() != 1)
    return One::failure("'" + one_line(trim(text)) + "' must be exactly one mailbox, not " +
                        std::to_string(list->size()));
  return list->front();
}

std::string display_list(const std::vector<Mailbox>& mailboxes) {
  std::string out;
  for (const auto& m : mailboxes) out += (out.empty() ? "" : ", ") + m.display();
  return out;
}

}  // namespace taskweave::plugins::mail
