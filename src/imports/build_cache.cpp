#include "imports/detail/build_cache.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <system_error>
#include <utility>

#include <unistd.h>

#include "binary/cbor.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "imports/detail/build_cache_collection.h"
#include "imports/detail/build_cache_format.h"
#include "imports/detail/location.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

// Bumped whenever the entry layout or the meaning of a key changes (a new
// normal form, a type-checking fix): entries of another format live in
// another folder and are never read. 3: entries name their key. 4: results
// and types refer to the imports they hold.
constexpr std::uint64_t format = 4;
constexpr std::string_view magic = "polar-helm build cache 4\n";
constexpr std::size_t checksum_size = 32;

// An entry is the magic line, the line naming where it was stored
// ("results/<hex key>"), the SHA-256 of its payload, then the payload. The
// name binds the entry to its key: a valid entry copied under another key
// (a poisoned shared cache) is corrupt, as a wrong checksum is. A key is
// itself a hash of what the entry is for (a type entry's key is the hash of
// the expression it types), so that binds the payload to it too.
std::string entry_name(std::string_view kind, const Sha256& key) {
  std::string name(kind);
  name += '/';
  name += to_hex(key);
  name += '\n';
  return name;
}

std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Sha256 hash_of(cbor::Writer writer) {
  return sha256(std::move(writer).take());
}

} // namespace

Sha256 source_key(ImportMode mode, std::string_view location, std::string_view contents) {
  cbor::Writer writer;
  writer.array(5);
  writer.text_string("source");
  writer.unsigned_integer(format);
  writer.unsigned_integer(static_cast<std::uint64_t>(mode));
  writer.text_string(location);
  writer.byte_string(as_bytes(contents));
  return hash_of(std::move(writer));
}

Sha256 absent_key(ImportMode mode, std::string_view location) {
  cbor::Writer writer;
  writer.array(4);
  writer.text_string("absent");
  writer.unsigned_integer(format);
  writer.unsigned_integer(static_cast<std::uint64_t>(mode));
  writer.text_string(location);
  return hash_of(std::move(writer));
}

Sha256 result_key(const Sha256& source, std::span<const BuildDependency> dependencies) {
  cbor::Writer writer;
  writer.array(4);
  writer.text_string("result");
  writer.unsigned_integer(format);
  writer.byte_string(source);
  writer.array(dependencies.size());
  for (const auto& dependency : dependencies) {
    writer.array(3);
    writer.unsigned_integer(static_cast<std::uint64_t>(dependency.mode));
    writer.text_string(location_text(dependency.target));
    writer.byte_string(dependency.key);
  }
  return hash_of(std::move(writer));
}

std::vector<BuildReference> needs_listed_in(const fs::path& path) {
  // The entry (build_cache.cpp, above) up to its first section, which lists
  // what it needs (build_cache_format.h): a few bytes of a large entry.
  std::ifstream entry(path, std::ios::binary);
  std::string line;
  if (!std::getline(entry, line) || line + '\n' != magic || !std::getline(entry, line) ||
      !entry.ignore(checksum_size)) {
    return {};
  }
  std::array<std::uint8_t, number_size> length_bytes{};
  if (!entry.read(reinterpret_cast<char*>(length_bytes.data()), length_bytes.size())) {
    return {};
  }
  std::uint64_t length = number_at(length_bytes);
  std::error_code error;
  auto size = fs::file_size(path, error);
  if (error || length > size) {
    return {};
  }
  std::vector<std::uint8_t> section(static_cast<std::size_t>(length));
  if (!entry.read(reinterpret_cast<char*>(section.data()),
                  static_cast<std::streamsize>(section.size()))) {
    return {};
  }
  try {
    return decode_references(section);
  } catch (const Error&) {
    return {}; // not an entry that refers to others: a reader reports it
  }
}

BuildCache::BuildCache(fs::path directory, WarningSink warn)
    : directory_(std::move(directory) / ("v" + std::to_string(format))), warn_(std::move(warn)) {
}

fs::path BuildCache::entry_path(std::string_view kind, const Sha256& key) const {
  return directory_ / kind / to_hex(key);
}

template <typename Decode>
auto BuildCache::read_decoded(std::string_view kind, const Sha256& key, Decode decode,
                              bool marked) const
    -> std::optional<decltype(decode(std::declval<const SharedBytes&>()))> {
  auto payload = read_payload(kind, key, marked);
  if (!payload) {
    return std::nullopt;
  }
  try {
    return decode(*payload);
  } catch (const Error& error) {
    ignore_corrupt(entry_path(kind, key), error.message());
    return std::nullopt;
  }
}

std::optional<std::vector<BuildDependency>> BuildCache::dependencies(const Sha256& source) {
  return read_decoded("sources", source, [](const SharedBytes& payload) {
    return decode_dependencies(payload.span());
  });
}

std::optional<BuildCache::Referring> BuildCache::decode_referring(const SharedBytes& payload,
                                                                  std::size_t count,
                                                                  const ReferenceSource& source) {
  auto sections = split_sections(payload, 1 + 2 * count);
  Referring exprs;
  exprs.needs = decode_references(sections[0].span());
  // Checked now, so that a result whose references were collected misses
  // here and is resolved again, instead of failing when they are used. Only
  // checked: what is needed is read when used (docs/imports.md).
  for (const auto& reference : exprs.needs) {
    if (!source.available || !source.available(reference)) {
      return std::nullopt;
    }
  }
  References references = exprs.needs.empty() ? nullptr : reference_lookup(source.node);
  for (std::size_t i = 0; i < count; ++i) {
    exprs.exprs.push_back(
        decode_lazily_decodable(sections[1 + 2 * i], sections[2 + 2 * i], references));
  }
  return exprs;
}

std::optional<BuildCache::Result> BuildCache::result(const Sha256& key,
                                                     const ReferenceSource& source, bool needed) {
  auto exprs = read_decoded(
      "results", key,
      [&](const SharedBytes& payload) { return decode_referring(payload, 2, source); }, needed);
  if (!exprs || !*exprs) {
    return std::nullopt;
  }
  auto& referring = **exprs;
  return Result{referring.exprs[0], referring.exprs[1], std::move(referring.needs)};
}

bool BuildCache::has_result(const Sha256& key) {
  if (!listed_results_ && lookups_ < lookups_before_listing) {
    ++lookups_;
    std::error_code error;
    return fs::is_regular_file(entry_path("results", key), error);
  }
  if (!listed_results_) {
    listed_results_.emplace();
    std::error_code error; // a folder that cannot be listed lists nothing
    for (fs::directory_iterator file(directory_ / "results", error);
         !error && file != fs::directory_iterator(); file.increment(error)) {
      listed_results_->insert(file->path().filename().string());
    }
  }
  return listed_results_->contains(to_hex(key));
}

void BuildCache::forget_result(const Sha256& key) {
  std::error_code ignored; // a removed entry is gone already
  fs::remove(entry_path("results", key), ignored);
  if (listed_results_) {
    listed_results_->erase(to_hex(key));
  }
}

ExprPtr BuildCache::protected_type(const Sha256& hash, const ReferenceSource& source) {
  auto type = read_decoded("types", hash, [&](const SharedBytes& payload) {
    return decode_referring(payload, 1, source);
  });
  return type && *type ? (*type)->exprs[0] : nullptr;
}

std::optional<RecordLayout> BuildCache::protected_layout(const Sha256& hash) {
  return read_decoded("layouts", hash,
                      [](const SharedBytes& payload) { return decode_layout(payload.span()); });
}

bool BuildCache::store(const Sha256& source, std::span<const BuildDependency> dependencies,
                       const Sha256& key, const Expr& expr, const Expr& type,
                       const ReferenceTarget& target, std::vector<BuildReference>* needs) {
  std::vector<std::uint8_t> payload;
  if (!append_referring(payload, {&expr, &type}, target, max_expression_bytes, needs)) {
    return false;
  }
  // The result first: a reader that finds the dependencies finds it too.
  write_entry("results", key, payload);
  write_entry("sources", source, encode_dependencies(dependencies));
  if (listed_results_) {
    listed_results_->insert(to_hex(key));
  }
  return true;
}

void BuildCache::store_too_large(const Sha256& source,
                                 std::span<const BuildDependency> dependencies) {
  write_entry("sources", source, encode_dependencies(dependencies, true));
}

bool BuildCache::result_too_large(const Sha256& source) {
  bool too_large = false;
  read_decoded("sources", source, [&](const SharedBytes& payload) {
    return decode_dependencies(payload.span(), &too_large);
  });
  return too_large;
}

void BuildCache::store_protected_type(const Sha256& hash, const Expr& type,
                                      const ReferenceTarget& target) {
  std::vector<std::uint8_t> payload;
  append_referring(payload, {&type}, target);
  write_entry("types", hash, payload);
}

void BuildCache::store_protected_layout(const Sha256& hash, const RecordLayout& layout) {
  write_entry("layouts", hash, encode_layout(layout));
}

std::optional<SharedBytes> BuildCache::read_payload(std::string_view kind, const Sha256& key,
                                                    bool marked) const {
  if (auto copy = bundled_.find(key); copy != bundled_.end() && kind == "results") {
    auto payload =
        checked_payload(kind, key, copy->second.entry, entry_path("bundles", copy->second.bundle));
    if (payload) {
      ++bundled_reads_;
      if (!marked) {
        mark_used(entry_path(kind, key));
      }
      return payload;
    }
    // Corrupt: the next load that hits its owner writes it again.
    std::error_code ignored;
    fs::remove(entry_path("bundles", copy->second.bundle), ignored);
    std::erase_if(bundled_, [&, bundle = copy->second.bundle](const auto& other) {
      return other.second.bundle == bundle;
    });
  }
  auto path = entry_path(kind, key);
  std::optional<SharedBytes> entry;
  try {
    entry = map_regular_file(path);
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return std::nullopt;
  }
  if (!entry) {
    return std::nullopt;
  }
  auto payload = checked_payload(kind, key, *entry, path);
  if (payload && !marked) {
    mark_used(path); // for the collection, which removes the least recently used
  }
  return payload;
}

std::optional<SharedBytes> BuildCache::checked_payload(std::string_view kind, const Sha256& key,
                                                       const SharedBytes& entry,
                                                       const fs::path& where) const {
  auto bytes = entry.span();
  auto name = entry_name(kind, key);
  std::size_t header_size = magic.size() + name.size() + checksum_size;
  if (bytes.size() < header_size ||
      !std::ranges::equal(bytes.first(magic.size()), as_bytes(magic))) {
    ignore_corrupt(where, "it is truncated or not a build cache entry");
    return std::nullopt;
  }
  if (!std::ranges::equal(bytes.subspan(magic.size(), name.size()), as_bytes(name))) {
    ignore_corrupt(where, "it was stored under another key");
    return std::nullopt;
  }
  auto payload = entry.subrange(header_size);
  auto checksum = bytes.subspan(magic.size() + name.size(), checksum_size);
  if (!std::ranges::equal(checksum, sha256(payload.span()))) {
    ignore_corrupt(where, "its checksum does not match its contents");
    return std::nullopt;
  }
  return payload;
}

void BuildCache::write_entry(std::string_view kind, const Sha256& key,
                             std::span<const std::uint8_t> payload) {
  auto checksum = sha256(payload);
  std::string entry(magic);
  entry += entry_name(kind, key);
  entry.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
  entry.append(reinterpret_cast<const char*>(payload.data()), payload.size());
  try {
    // Not flushed: a crash may leave a torn entry, which its checksum
    // catches (a warning and a miss), while two fsyncs per entry cost a
    // cold render tens of milliseconds (docs/imports.md).
    write_file_atomically(entry_path(kind, key), std::string_view(entry), Durability::unflushed);
  } catch (const Error& error) {
    if (warn_) {
      warn_("cannot write to the build cache: " + error.message());
    }
  }
}

// A bundle is the magic line, the line naming it ("bundles/<hex key>"), the
// number of copies (8 bytes, little endian), then for each the key of the
// result it copies (32 bytes) and its size (8 bytes), then the copies: each
// a whole entry, named and checksummed as its file is, so it is checked as
// that file would be when used and the bundle needs no checksum of its own
// (hashing 6 MB would cost more than the files it saves opening).
void BuildCache::use_bundle(const Sha256& key, std::span<const BuildReference> needs) {
  auto results = std::ranges::count(needs, BuildReference::Kind::result, &BuildReference::kind);
  if (static_cast<std::size_t>(results) < bundle_threshold || read_bundle(key)) {
    return;
  }
  write_bundle(key, needs);
}

bool BuildCache::read_bundle(const Sha256& key) {
  auto path = entry_path("bundles", key);
  std::optional<SharedBytes> bundle;
  try {
    bundle = map_regular_file(path);
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return false;
  }
  if (!bundle) {
    return false;
  }
  auto bytes = bundle->span();
  auto name = entry_name("bundles", key);
  std::size_t offset = magic.size() + name.size() + number_size;
  if (bytes.size() < offset || !std::ranges::equal(bytes.first(magic.size()), as_bytes(magic)) ||
      !std::ranges::equal(bytes.subspan(magic.size(), name.size()), as_bytes(name))) {
    ignore_corrupt(path, "it is truncated, not a bundle, or stored under another key");
    return false;
  }
  std::uint64_t count = number_at(bytes.subspan(offset - number_size));
  constexpr std::size_t index_item_size = 32 + number_size;
  if (count > (bytes.size() - offset) / index_item_size) {
    ignore_corrupt(path, "its index exceeds it");
    return false;
  }
  std::size_t copy = offset + static_cast<std::size_t>(count) * index_item_size;
  std::map<Sha256, Bundled> copies;
  for (std::uint64_t i = 0; i < count; ++i, offset += index_item_size) {
    Sha256 copied;
    std::ranges::copy(bytes.subspan(offset, 32), copied.begin());
    std::uint64_t size = number_at(bytes.subspan(offset + 32));
    if (size > bytes.size() - copy) {
      ignore_corrupt(path, "its index exceeds it");
      return false;
    }
    copies.emplace(copied, Bundled{bundle->subrange(copy, static_cast<std::size_t>(size)), key});
    copy += static_cast<std::size_t>(size);
  }
  mark_used(path);
  bundled_.merge(copies);
  return true;
}

void BuildCache::write_bundle(const Sha256& key, std::span<const BuildReference> needs) {
  if (::access(directory_.c_str(), W_OK) != 0) {
    return; // a cache the process may not write (a read-only shared one)
  }
  std::vector<std::pair<Sha256, SharedBytes>> copies;
  std::size_t total = 0;
  for (const auto& need : needs) {
    if (need.kind != BuildReference::Kind::result) {
      continue;
    }
    auto path = entry_path("results", need.key);
    std::optional<SharedBytes> entry;
    try {
      entry = map_regular_file(path);
    } catch (const Error&) {
      continue; // reported when it is used
    }
    // Only what is sound is copied: the checks run again on each use.
    if (!entry || !checked_payload("results", need.key, *entry, path) ||
        total + entry->span().size() > max_bundle_bytes) {
      continue;
    }
    total += entry->span().size();
    copies.emplace_back(need.key, *entry);
  }
  std::string name = entry_name("bundles", key);
  std::vector<std::uint8_t> bundle(magic.begin(), magic.end());
  bundle.insert(bundle.end(), name.begin(), name.end());
  bundle.reserve(bundle.size() + number_size + copies.size() * (32 + number_size) + total);
  append_number(bundle, copies.size());
  for (const auto& [copied, entry] : copies) {
    bundle.insert(bundle.end(), copied.begin(), copied.end());
    append_number(bundle, entry.span().size());
  }
  for (const auto& [copied, entry] : copies) {
    bundle.insert(bundle.end(), entry.span().begin(), entry.span().end());
  }
  try {
    write_file_atomically(entry_path("bundles", key), bundle, Durability::unflushed);
  } catch (const Error& error) {
    if (warn_) {
      warn_("cannot write to the build cache: " + error.message());
    }
  }
}

void BuildCache::ignore_corrupt(const fs::path& path, std::string_view why) const {
  if (warn_) {
    warn_("ignoring the build cache entry " + path.string() + " (" + std::string(why) +
          "); it will be replaced");
  }
}

} // namespace polar::dhall
