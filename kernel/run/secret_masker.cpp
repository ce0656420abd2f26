#include "run/secret_masker.h"

#include <algorithm>
#include <mutex>

#include "run/names.h"

namespace taskweave::run {

void SecretMasker::add(std::string_view secret) {
  if (secret.size() < 3) return;
  std::function<void(const std::string&)> listener;
  {
    std::unique_lock lock(mutex_);
    if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
    secrets_.emplace_back(secret);
    std::stable_sort(
        secrets_.begin(), secrets_.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    listener = listener_;
  }
  if (listener) listener(std::string(secret));
}

void SecretMasker::on_added(std::function<void(const std::string&)> listener) {
  std::unique_lock lock(mutex_);
  listener_ = std::move(listener);
}

bool SecretMasker::empty() const {
  std::shared_lock lock(mutex_);
  return secrets_.empty();
}

std::string SecretMasker::mask(std::string_view text) const {
  std::string out(text);
  std::shared_lock lock(mutex_);
  for (const auto& secret : secrets_) {
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 8))
      out.replace(at, secret.size(), "********");
  }
  return out;
}

bool looks_secret(std::string_view name) {
  const std::string upper = upper_ascii(name);
  for (std::string_view word : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY"})
    if (upper.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace taskweave::run
