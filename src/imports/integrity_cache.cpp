#include "imports/integrity_cache.h"

#include <utility>

#include "binary/hash.h"
#include "imports/user_cache.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

class DisabledIntegrityCache final : public IntegrityCache {
public:
  std::optional<SharedBytes> load(const Sha256&) override { return std::nullopt; }
  void store(const Sha256&, const Encoding&) override {}
};

class PieceSink final : public ByteSink {
public:
  explicit PieceSink(const PieceWriter& write) : write_(write) {}
  void write(std::span<const std::uint8_t> bytes) override { write_(bytes); }

private:
  const PieceWriter& write_;
};

} // namespace

std::string cache_file_name(const Sha256& hash) {
  return "1220" + to_hex(hash);
}

DirectoryIntegrityCache::DirectoryIntegrityCache(std::vector<fs::path> directories, Access access)
    : directories_(std::move(directories)), access_(access) {
}

std::optional<SharedBytes> DirectoryIntegrityCache::load(const Sha256& hash) {
  for (const auto& directory : directories_) {
    try {
      if (auto contents = map_regular_file(directory / cache_file_name(hash))) {
        return contents;
      }
    } catch (const Error&) {
      // An unreadable entry is no entry: the import is resolved the slow way.
    }
  }
  return std::nullopt;
}

void DirectoryIntegrityCache::store(const Sha256& hash, const Encoding& encoding) {
  if (access_ == Access::read_only) {
    return;
  }
  if (directories_.empty()) {
    throw Error(ErrorKind::io, "cannot cache imports: neither XDG_CACHE_HOME nor HOME is set");
  }
  std::string failures;
  for (const auto& directory : directories_) {
    try {
      write_file_atomically(directory / cache_file_name(hash), [&](const PieceWriter& write) {
        PieceSink sink(write);
        encoding.write_to(sink);
      });
      return;
    } catch (const Error& error) {
      failures += (failures.empty() ? "" : "; ") + error.message();
    }
  }
  throw Error(ErrorKind::io,
              "cannot cache the import with hash sha256:" + to_hex(hash) + ": " + failures);
}

std::shared_ptr<IntegrityCache> standard_integrity_cache(const EnvironmentLookup& environment) {
  std::vector<fs::path> directories;
  for (const auto& directory : user_cache_directories(environment)) {
    directories.push_back(directory / "dhall");
  }
  return std::make_shared<DirectoryIntegrityCache>(std::move(directories));
}

std::shared_ptr<IntegrityCache> disabled_integrity_cache() {
  return std::make_shared<DisabledIntegrityCache>();
}

} // namespace polar::dhall
