#include "model/source_document.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

namespace taskweave::model {
namespace {

// Default pugixml parsing minus nothing: character references are decoded (CR LF written as
// &#xD;&#xA; comes out as CR LF), the DOCTYPE is skipped and the DTD never loaded, comments and
// processing instructions are dropped.
constexpr unsigned kParseFlags = pugi::parse_default;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::optional<std::string> read_file_bytes(const std::string& path, std::string& error) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  if (std::fseek(file.get(), 0, SEEK_END) == 0) {
    const long size = std::ftell(file.get());
    if (size > 0) bytes.reserve(static_cast<std::size_t>(size));
    std::fseek(file.get(), 0, SEEK_SET);
  }
  char chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) bytes.append(chunk, n);
  if (std::ferror(file.get())) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return std::nullopt;
  }
  return bytes;
}

std::shared_ptr<const SourceDocument> SourceDocument::load_file(const std::string& path,
                                                                Diagnostics& diagnostics) {
  std::string error;
  auto bytes = read_file_bytes(path, error);
  if (!bytes) {
    diagnostics.add({Severity::Error, "unreadable", path, {}, error, std::nullopt});
    return nullptr;
  }
  return parse(std::move(*bytes), path, true, diagnostics);
}

std::shared_ptr<const SourceDocument> SourceDocument::load_bytes(std::string_view bytes,
                                                                 const std::string& display_path,
                                                                 Diagnostics& diagnostics) {
  return parse(std::string(bytes), display_path, false, diagnostics);
}

std::shared_ptr<const SourceDocument> SourceDocument::parse(std::string raw, std::string path,
                                                            bool from_file,
                                                            Diagnostics& diagnostics) {
  auto error = [&](std::string code, SourcePos pos, std::string message) {
    diagnostics.add({Severity::Error, std::move(code), path, pos, std::move(message), {}});
    return nullptr;
  };
  if (raw.size() >= std::numeric_limits<std::uint32_t>::max())
    return error("too-large", {}, "file is larger than 4 GiB; split the export");
  if (raw.size() >= 2 &&
      ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF')))
    return error("unsupported-encoding", {1, 1},
                 "file is UTF-16; re-export it or convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  const DeclaredEncoding declared = declared_encoding(std::string_view(raw).substr(0, 512));
  if (!declared.encoding)
    return error("unsupported-encoding", {1, 1},
                 "unsupported encoding \"" + declared.declared_name +
                     "\" in the XML declaration; supported: UTF-8, ISO-8859-1, Windows-1252 "
                     "(convert the file with iconv)");

  // make_shared cannot reach the private constructor.
  std::shared_ptr<SourceDocument> doc(new SourceDocument());
  doc->path_ = path;
  doc->from_file_ = from_file;
  if (!from_file) doc->original_copy_ = raw;
  doc->encoding_ = *declared.encoding;
  doc->text_ = to_utf8(std::move(raw), doc->encoding_);
  doc->map_ = SourceMap(doc->text_);

  pugi::xml_parse_result result = doc->document_.load_buffer_inplace(
      doc->text_.data(), doc->text_.size(), kParseFlags, pugi::encoding_utf8);
  if (!result) {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    return error("not-well-formed", doc->map_.position(offset),
                 std::string("not well-formed XML: ") + result.description() +
                     "; fix the file (an editor or `xmllint --noout FILE` shows the spot)");
  }
  return doc;
}

std::optional<std::size_t> SourceDocument::offset_of(const char* text) const {
  const char* begin = text_.data();
  if (text < begin || text > begin + text_.size()) return std::nullopt;
  return static_cast<std::size_t>(text - begin);
}

SourcePos SourceDocument::position(pugi::xml_node node) const {
  if (!node) return {};
  auto offset = offset_of(node.name());
  // The name follows the '<'; point at the '<' as compilers point at a construct's start.
  if (!offset || *offset == 0) return {};
  return map_.position(*offset - 1);
}

SourcePos SourceDocument::position(pugi::xml_attribute attribute) const {
  if (!attribute) return {};
  auto offset = offset_of(attribute.name());
  return offset ? map_.position(*offset) : SourcePos{};
}

SourcePos SourceDocument::value_position(pugi::xml_attribute attribute) const {
  if (!attribute) return {};
  auto offset = offset_of(attribute.value());
  return offset ? map_.position(*offset) : SourcePos{};
}

std::string_view SourceDocument::element_text(pugi::xml_node element) const {
  auto begin = offset_of(element.name());
  if (!begin || *begin == 0) return {};
  // The next node in document order that is not inside the element.
  pugi::xml_node next = element;
  while (next && !next.next_sibling()) next = next.parent();
  std::size_t end = text_.size();
  if (next) {
    const std::ptrdiff_t at = next.next_sibling().offset_debug();
    if (at > 0 && static_cast<std::size_t>(at) <= text_.size()) end = static_cast<std::size_t>(at);
  }
  const std::size_t start = *begin - 1;
  return end > start ? std::string_view(text_).substr(start, end - start) : std::string_view();
}

std::optional<std::string> SourceDocument::original_text() const {
  if (!from_file_) return to_utf8(std::string(original_copy_), encoding_);
  std::string error;
  auto bytes = read_file_bytes(path_, error);
  if (!bytes) return std::nullopt;
  std::string text = to_utf8(std::move(*bytes), encoding_);
  if (text.size() != text_.size()) return std::nullopt;
  return text;
}

}  // namespace taskweave::model
