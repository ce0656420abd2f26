// Masks secret values as "********" in everything a run writes (semantics.md §10): values of
// parameters whose names look secret, and values plugins declare with add_secret().
// Thread-safe: plugins add secrets from worker threads while logs are being written.
#pragma once

#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::run {

class SecretMasker {
 public:
  // Values shorter than 3 characters are not masked: masking every "1" would make logs useless.
  void add(std::string_view secret);
  // Called with every secret added from now on (once each, not under the masker's lock): the
  // launcher journals them so that `recover` and `show` mask them too.
  void on_added(std::function<void(const std::string&)> listener);
  std::string mask(std::string_view text) const;
  bool empty() const;

 private:
  mutable std::shared_mutex mutex_;
  std::function<void(const std::string&)> listener_;
  std::vector<std::string>
      secrets_;  // longest first, so a secret containing another is masked whole
};

// password, passwd, secret, token, key (case-insensitive, anywhere in the name).
bool looks_secret(std::string_view name);

}  // namespace taskweave::run
