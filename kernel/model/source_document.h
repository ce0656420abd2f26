// The parsed export file: the pugixml DOM plus what is needed to point back into the file.
// Immutable once loaded and shared (std::shared_ptr<const SourceDocument>) by every Workflow
// loaded from it, so pugi::xml_node handles and std::string_views into it stay valid as long as
// any of those workflows lives.
#pragma once

#include <pugixml.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostic.h"
#include "model/encoding.h"
#include "model/source_map.h"

namespace taskweave::model {

class SourceDocument {
 public:
  // Reads and parses a file. On failure (unreadable, unsupported encoding, not well-formed XML)
  // returns null and adds an error with the file position to `diagnostics`.
  static std::shared_ptr<const SourceDocument> load_file(const std::string& path,
                                                         Diagnostics& diagnostics);
  // Parses bytes held in memory; `display_path` names them in diagnostics. The bytes are copied.
  static std::shared_ptr<const SourceDocument> load_bytes(std::string_view bytes,
                                                          const std::string& display_path,
                                                          Diagnostics& diagnostics);

  const std::string& path() const { return path_; }
  Encoding encoding() const { return encoding_; }
  const pugi::xml_document& document() const { return document_; }
  std::size_t text_size() const { return text_.size(); }

  // Position of an element's '<', an attribute's name, or an attribute value's first character.
  // Unknown ({0,0}) for handles that do not belong to this document.
  SourcePos position(pugi::xml_node node) const;
  SourcePos position(pugi::xml_attribute attribute) const;
  SourcePos value_position(pugi::xml_attribute attribute) const;
  SourcePos position_of_offset(std::size_t offset) const { return map_.position(offset); }
  // Offset in the parsed text of a pointer returned by pugixml (name() or value()), if it is one.
  std::optional<std::size_t> offset_of(const char* text) const;

  // The parsed text from an element's '<' up to the next element (or the end of the text).
  // After the in-place parse it is no longer the original text, but it is a deterministic
  // function of it, so equal texts mean equal elements: the definition hash uses it.
  std::string_view element_text(pugi::xml_node element) const;

  // The UTF-8 text as it was before parsing (the parse works in place and overwrites it):
  // re-read from the file, or the retained copy for in-memory sources. Only diagnostics need it,
  // so it is not kept. nullopt if the file can no longer be read or has changed size.
  std::optional<std::string> original_text() const;

  SourceDocument(const SourceDocument&) = delete;
  SourceDocument& operator=(const SourceDocument&) = delete;

 private:
  SourceDocument() = default;
  static std::shared_ptr<const SourceDocument> parse(std::string raw, std::string path,
                                                     bool from_file, Diagnostics& diagnostics);

  std::string path_;
  bool from_file_ = false;
  std::string original_copy_;  // in-memory sources only
  Encoding encoding_ = Encoding::Utf8;
  std::string text_;  // UTF-8 text, parsed in place: pugixml's names and values point into it
  SourceMap map_;
  pugi::xml_document document_;
};

// Reads a whole file; nullopt and an explanation in `error` when it cannot.
std::optional<std::string> read_file_bytes(const std::string& path, std::string& error);

}  // namespace taskweave::model
