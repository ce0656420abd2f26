#include "model/definition_hash.h"

#include <string_view>

namespace taskweave::model {
namespace {

class Fnv1a {
 public:
  void add(std::string_view bytes) {
    for (char c : bytes) add(c);
  }
  void add(char c) {
    hash_ ^= static_cast<unsigned char>(c);
    hash_ *= 1099511628211ull;
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ull;
};

void open(Fnv1a& h, pugi::xml_node node) {
  if (node.type() == pugi::node_element) {
    h.add('<');
    h.add(node.name());
    for (pugi::xml_attribute a : node.attributes()) {
      h.add(' ');
      h.add(a.name());
      h.add('=');
      h.add(a.value());
      h.add('\0');
    }
  } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
    h.add('"');
    h.add(node.value());
    h.add('\0');
  }
}

// Iterative: no recursion on the depth of the XML.
void hash_subtree(Fnv1a& h, pugi::xml_node root) {
  pugi::xml_node n = root;
  for (;;) {
    open(h, n);
    if (pugi::xml_node child = n.first_child()) {
      n = child;
      continue;
    }
    for (;;) {
      h.add('>');
      if (n == root) return;
      if (pugi::xml_node sibling = n.next_sibling()) {
        n = sibling;
        break;
      }
      n = n.parent();
    }
  }
}

}  // namespace

std::uint64_t hash_definition(std::span<const pugi::xml_node> roots) {
  Fnv1a h;
  for (pugi::xml_node root : roots)
    if (root) hash_subtree(h, root);
  return h.value();
}

}  // namespace taskweave::model
