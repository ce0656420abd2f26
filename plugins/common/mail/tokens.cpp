#include <cctype>

#include "file_bytes.h"
#include "mail.h"

namespace taskweave::plugins::mail {
namespace {

namespace fs = std::filesystem;

std::string content_type_of(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".log") return "text/plain";
  if (ext == ".csv") return "text/csv";
  return "application/octet-stream";
}

// Reads a file to attach; on failure returns the reason (why the attachment is missing).
std::string read_attachment(const fs::path& file, Attachment& out) {
  std::error_code ec;
  fs::file_status status = fs::status(file, ec);
  if (ec) return ec.message();
  if (!fs::is_regular_file(status)) return "not a regular file";
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return ec.message();
  if (size > kMaxAttachmentBytes)
    return "file is " + std::to_string(size) + " bytes, over the " +
           std::to_string(kMaxAttachmentBytes) + "-byte attachment limit";
  if (std::string error = read_file_bytes(file, out.bytes); !error.empty()) return error;
  out.file_name = file.filename().string();
  out.content_type = content_type_of(file);
  return {};
}

void attach(const fs::path& file, const std::string& what, ExpandedText& out) {
  Attachment attachment;
  std::string reason = read_attachment(file, attachment);
  if (reason.empty()) {
    out.attachments.push_back(std::move(attachment));
    return;
  }
  std::string error = "could not attach " + what + " " + file.string() + ": " + reason;
  out.text += "[taskweave: " + error + "]";
  out.errors.push_back(std::move(error));
}

const std::string* value_of(char token, const MailTokens& t) {
  switch (token) {
    case 's':
      return &t.session;
    case 'w':
      return &t.workflow;
    case 'n':
      return &t.folder;
    case 'e':
      return &t.status;
    case 'b':
      return &t.start;
    case 'c':
      return &t.completion;
    case 'i':
      return &t.elapsed;
    case 'l':
      return &t.rows_loaded;
    case 'r':
      return &t.rows_rejected;
    case 't':
      return &t.table_details;
    case 'm':
      return &t.mapping;
    case 'd':
      return &t.repository;
    case 'v':
      return &t.integration_service;
    case 'u':
      return &t.user;
    default:
      return nullptr;
  }
}

}  // namespace

ExpandedText expand_tokens(std::string_view text, const MailTokens& tokens) {
  ExpandedText out;
  size_t i = 0;
  while (i < text.size()) {
    size_t percent = text.find('%', i);
    if (percent == std::string_view::npos || percent + 1 == text.size()) {
      out.text.append(text.substr(i));
      break;
    }
    out.text.append(text.substr(i, percent - i));
    char token = text[percent + 1];
    i = percent + 2;
    if (const std::string* value = value_of(token, tokens)) {
      out.text += *value;
    } else if (token == 'g') {
      if (tokens.session_log.empty()) {
        std::string error =
            "could not attach the session log: %g only has one in a session's email";
        out.text += "[taskweave: " + error + "]";
        out.errors.push_back(std::move(error));
      } else {
        attach(tokens.session_log, "the session log", out);
      }
    } else if (token == 'a' && i < text.size() && text[i] == '<' &&
               text.find('>', i) != std::string_view::npos) {
      // PowerCenter's syntax: %a<c:\data\sales.txt>, %a</users/john/sales.txt>.
      size_t close = text.find('>', i);
      fs::path file(std::string(text.substr(i + 1, close - i - 1)));
      if (file.is_relative() && !tokens.base_dir.empty()) file = tokens.base_dir / file;
      attach(file, "file", out);
      i = close + 1;
    } else {
      out.text.append(text.substr(percent, 2));  // not a token: kept as written
    }
  }
  return out;
}

}  // namespace taskweave::plugins::mail
