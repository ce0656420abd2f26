#include "model/definition_hash.h"

#include <cstring>
#include <string_view>

namespace taskweave::model {
namespace {

// Consumes 8 bytes per multiply (byte-at-a-time FNV-1a was one of the loader's hottest loops on
// 3 MB workflows); a splitmix64 finalizer spreads the bits.
class Hasher {
 public:
  void add(std::string_view bytes) {
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      mix(word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    mix(tail ^ (static_cast<std::uint64_t>(bytes.size() - i) << 59));
  }
  std::uint64_t value() const {
    std::uint64_t z = hash_ + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  void mix(std::uint64_t word) {
    hash_ = ((hash_ ^ word) * 0x9E3779B97F4A7C15ull);
    hash_ ^= hash_ >> 29;
  }
  std::uint64_t hash_ = 0x243F6A8885A308D3ull;
};

}  // namespace

std::uint64_t hash_texts(std::span<const std::string_view> texts) {
  Hasher h;
  for (std::string_view text : texts) h.add(text);
  return h.value();
}

}  // namespace taskweave::model
