#include "imports/build_cache.h"

#include <algorithm>
#include <utility>

#include "binary/cbor.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "imports/file_io.h"
#include "imports/location.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

// Bumped whenever the entry layout or the meaning of a key changes (a new
// normal form, a type-checking fix): entries of another format live in
// another folder and are never read.
constexpr std::uint64_t format = 1;
constexpr std::string_view magic = "polar-helm build cache 1\n";
constexpr std::size_t checksum_size = 32;

std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Sha256 hash_of(cbor::Writer writer) {
  return sha256(std::move(writer).take());
}

// The payload of a complete entry: what follows the magic and the checksum.
SharedBytes payload_of(const SharedBytes& entry) {
  return entry.subrange(magic.size() + checksum_size);
}

std::vector<std::uint8_t> encode_dependencies(std::span<const BuildDependency> dependencies) {
  cbor::Writer writer;
  writer.array(dependencies.size());
  for (const auto& dependency : dependencies) {
    writer.array(5);
    writer.unsigned_integer(static_cast<std::uint64_t>(dependency.mode));
    writer.unsigned_integer(static_cast<std::uint64_t>(dependency.target.prefix));
    writer.array(dependency.target.directory.size());
    for (const auto& component : dependency.target.directory) {
      writer.text_string(component);
    }
    writer.text_string(dependency.target.file);
    writer.byte_string(dependency.key);
  }
  return std::move(writer).take();
}

// Throws Error(decode) on anything but what encode_dependencies writes.
std::vector<BuildDependency> decode_dependencies(std::span<const std::uint8_t> bytes) {
  cbor::Reader reader(bytes);
  std::vector<BuildDependency> dependencies(reader.array("the dependency list"));
  for (auto& dependency : dependencies) {
    if (reader.array("a dependency") != 5) {
      reader.fail("a dependency has 5 fields");
    }
    auto mode = reader.expect(cbor::Major::unsigned_integer, "an import mode");
    auto prefix = reader.expect(cbor::Major::unsigned_integer, "a path prefix");
    if (mode > static_cast<std::uint64_t>(ImportMode::raw_bytes) ||
        prefix > static_cast<std::uint64_t>(FilePrefix::home)) {
      reader.fail("unknown import mode or path prefix");
    }
    dependency.mode = static_cast<ImportMode>(mode);
    dependency.target.prefix = static_cast<FilePrefix>(prefix);
    dependency.target.directory.resize(reader.array("a directory"));
    for (auto& component : dependency.target.directory) {
      component = reader.text("a path component");
    }
    dependency.target.file = reader.text("a file name");
    auto key = reader.bytes("a key");
    if (key.size() != dependency.key.size()) {
      reader.fail("a key has 32 bytes");
    }
    std::ranges::copy(key, dependency.key.begin());
  }
  if (!reader.at_end()) {
    reader.fail("trailing bytes after the dependency list");
  }
  return dependencies;
}

// A result is the length of the expression's encoding (8 bytes, little
// endian), that encoding, then the type's.
std::vector<std::uint8_t> encode_result(const Expr& expr, const Expr& type) {
  auto expr_bytes = encode(expr);
  auto type_bytes = encode(type);
  std::vector<std::uint8_t> payload;
  payload.reserve(8 + expr_bytes.size() + type_bytes.size());
  for (std::size_t byte = 0; byte < 8; ++byte) {
    payload.push_back(static_cast<std::uint8_t>(expr_bytes.size() >> (8 * byte)));
  }
  payload.insert(payload.end(), expr_bytes.begin(), expr_bytes.end());
  payload.insert(payload.end(), type_bytes.begin(), type_bytes.end());
  return payload;
}

// A layout is [is_type, [[name, offset, size], ...]], is_type 0 or 1.
std::vector<std::uint8_t> encode_layout(const RecordLayout& layout) {
  cbor::Writer writer;
  writer.array(2);
  writer.unsigned_integer(layout.is_type ? 1 : 0);
  writer.array(layout.fields.size());
  for (const auto& field : layout.fields) {
    writer.array(3);
    writer.text_string(field.name.view());
    writer.unsigned_integer(field.offset);
    writer.unsigned_integer(field.size);
  }
  return std::move(writer).take();
}

// Throws Error(decode) on anything but what encode_layout writes.
RecordLayout decode_layout(std::span<const std::uint8_t> bytes) {
  cbor::Reader reader(bytes);
  if (reader.array("a record layout") != 2) {
    reader.fail("a record layout has 2 fields");
  }
  auto is_type = reader.expect(cbor::Major::unsigned_integer, "the kind of record");
  if (is_type > 1) {
    reader.fail("unknown kind of record");
  }
  RecordLayout layout;
  layout.is_type = is_type == 1;
  layout.fields.resize(reader.array("the fields"));
  for (auto& field : layout.fields) {
    if (reader.array("a field") != 3) {
      reader.fail("a field has a name, an offset and a size");
    }
    field.name = Label(reader.text_view("a field name"));
    field.offset = reader.expect(cbor::Major::unsigned_integer, "an offset");
    field.size = reader.expect(cbor::Major::unsigned_integer, "a size");
  }
  if (!reader.at_end()) {
    reader.fail("trailing bytes after the record layout");
  }
  return layout;
}

// Records are decoded field by field as they are read: the type of the
// dhall-kubernetes package, or a file that re-exports the package, is a
// record of a thousand schemas, and a render reads a few.
BuildCache::Result decode_result(const SharedBytes& payload) {
  auto bytes = payload.span();
  std::uint64_t length = 0;
  for (std::size_t byte = 0; byte < 8 && byte < bytes.size(); ++byte) {
    length |= std::uint64_t{bytes[byte]} << (8 * byte);
  }
  if (bytes.size() < 8 || length > bytes.size() - 8) {
    throw Error(ErrorKind::decode, "the expression's length exceeds the entry");
  }
  return {decode_lazily(payload.subrange(8, length)), decode_lazily(payload.subrange(8 + length))};
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

BuildCache::BuildCache(fs::path directory, WarningSink warn)
    : directory_(std::move(directory) / ("v" + std::to_string(format))), warn_(std::move(warn)) {
}

std::optional<std::vector<BuildDependency>> BuildCache::dependencies(const Sha256& source) {
  auto path = directory_ / "sources" / to_hex(source);
  auto entry = read_entry(path);
  if (!entry) {
    return std::nullopt;
  }
  try {
    return decode_dependencies(payload_of(*entry).span());
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return std::nullopt;
  }
}

std::optional<BuildCache::Result> BuildCache::result(const Sha256& key) {
  auto path = directory_ / "results" / to_hex(key);
  auto entry = read_entry(path);
  if (!entry) {
    return std::nullopt;
  }
  try {
    return decode_result(payload_of(*entry));
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return std::nullopt;
  }
}

ExprPtr BuildCache::protected_type(const Sha256& hash) {
  auto path = directory_ / "types" / to_hex(hash);
  auto entry = read_entry(path);
  if (!entry) {
    return nullptr;
  }
  try {
    return decode_lazily(payload_of(*entry));
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return nullptr;
  }
}

std::optional<RecordLayout> BuildCache::protected_layout(const Sha256& hash) {
  auto path = directory_ / "layouts" / to_hex(hash);
  auto entry = read_entry(path);
  if (!entry) {
    return std::nullopt;
  }
  try {
    return decode_layout(payload_of(*entry).span());
  } catch (const Error& error) {
    ignore_corrupt(path, error.message());
    return std::nullopt;
  }
}

void BuildCache::store(const Sha256& source, std::span<const BuildDependency> dependencies,
                       const Sha256& key, const Expr& expr, const Expr& type) {
  // The result first: a reader that finds the dependencies finds it too.
  write_entry(directory_ / "results" / to_hex(key), encode_result(expr, type));
  write_entry(directory_ / "sources" / to_hex(source), encode_dependencies(dependencies));
}

void BuildCache::store_protected_type(const Sha256& hash, const Expr& type) {
  write_entry(directory_ / "types" / to_hex(hash), encode(type));
}

void BuildCache::store_protected_layout(const Sha256& hash, const RecordLayout& layout) {
  write_entry(directory_ / "layouts" / to_hex(hash), encode_layout(layout));
}

std::optional<SharedBytes> BuildCache::read_entry(const fs::path& path) const {
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
  auto bytes = entry->span();
  if (bytes.size() < magic.size() + checksum_size ||
      !std::ranges::equal(bytes.first(magic.size()), as_bytes(magic))) {
    ignore_corrupt(path, "it is truncated or not a build cache entry");
    return std::nullopt;
  }
  auto checksum = bytes.subspan(magic.size(), checksum_size);
  if (!std::ranges::equal(checksum, sha256(payload_of(*entry).span()))) {
    ignore_corrupt(path, "its checksum does not match its contents");
    return std::nullopt;
  }
  return entry;
}

void BuildCache::write_entry(const fs::path& path, std::span<const std::uint8_t> payload) {
  auto checksum = sha256(payload);
  std::string entry(magic);
  entry.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
  entry.append(reinterpret_cast<const char*>(payload.data()), payload.size());
  try {
    write_file_atomically(path, std::string_view(entry));
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
