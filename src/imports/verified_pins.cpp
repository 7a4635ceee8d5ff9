#include "imports/detail/verified_pins.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>
#include <utility>

#include "imports/detail/build_cache_collection.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;

namespace {

// Bumped whenever what a record means changes; the key's own format is
// covered by the key (build_cache.h).
constexpr std::string_view record_domain = "polar-helm verified pin 1\n";

} // namespace

VerifiedPins::VerifiedPins(const fs::path& build_cache_directory, WarningSink warn)
    : directory_(build_cache_directory / "pins"), warn_(std::move(warn)) {
}

fs::path VerifiedPins::record_path(const Sha256& key, const Sha256& pin) const {
  std::array<std::uint8_t, record_domain.size() + 2 * sizeof(Sha256)> bytes{};
  std::size_t at = 0;
  for (char c : record_domain) {
    bytes[at++] = static_cast<std::uint8_t>(c);
  }
  for (const Sha256* part : {&key, &pin}) {
    for (std::uint8_t byte : *part) {
      bytes[at++] = byte;
    }
  }
  return directory_ / to_hex(sha256(bytes));
}

bool VerifiedPins::verified(const Sha256& key, const Sha256& pin) const {
  return mark_used(record_path(key, pin)); // which also keeps it from the collection
}

void VerifiedPins::record(const Sha256& key, const Sha256& pin) const {
  try {
    // An empty file: lost in a crash, the pin is only checked again.
    write_file_atomically(record_path(key, pin), std::string_view{}, Durability::unflushed);
  } catch (const Error& error) {
    if (warn_) {
      warn_("cannot record a verified pin in the build cache: " + error.message());
    }
  }
}

} // namespace polar::dhall
