// The resolver's use of its caches: protected imports through the integrity
// cache, and code imports and protected imports' types through the build
// cache, with the provenance that decides what the build cache may hold
// (docs/imports.md, "Build cache").
#include <algorithm>
#include <utility>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "imports/detail/resolver.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "support/file_io.h"

namespace polar::dhall {
namespace {

// The type of an embedded import, or null for an `as Text` or `as Bytes`
// literal.
ValuePtr embedded_type(const Expr& value) {
  const EmbeddedValue* embedding = embedded_value(value);
  return embedding != nullptr ? embedding->type() : nullptr;
}

std::string hash_key(const Sha256& hash) {
  return "sha256:" + to_hex(hash);
}

// Why a protected import failed its check; `actual` is null when it must not
// be shown. A local file's pin is stale: say how to update it.
std::string integrity_failure(const ImportTarget& target, const Sha256& pinned,
                              const Sha256* actual, const Span& site, bool trust_frozen) {
  std::string location = location_text(target);
  if (!std::holds_alternative<LocalImport>(target)) {
    return "the integrity check of " + location + " failed: expected " + hash_key(pinned) +
           (actual != nullptr ? ", but its normal form hashes to " + hash_key(*actual) : "");
  }
  std::string message = "the frozen import " + location + " is stale: it is pinned to " +
                        hash_key(pinned) + ", but its file now hashes to ";
  message += actual != nullptr ? hash_key(*actual) : "another hash (not shown: it reads secrets)";
  std::string importer = site.known() ? site.file->name : "the importing file";
  message += "; update the pin with `polar-helm freeze " + importer + "`";
  if (!trust_frozen) {
    message += ", or pass --trust-frozen to use the expression cached for the old pin";
  }
  return message;
}

// Sets a flag for the lifetime of the guard, then restores its old value.
class FlagScope {
public:
  explicit FlagScope(bool& flag) : flag_(flag), previous_(std::exchange(flag, true)) {}
  FlagScope(const FlagScope&) = delete;
  FlagScope& operator=(const FlagScope&) = delete;
  ~FlagScope() { flag_ = previous_; }

private:
  bool& flag_;
  bool previous_;
};

} // namespace

bool ImportResolver::is_secret(const ImportTarget& target) const {
  if (std::holds_alternative<EnvImport>(target)) {
    return true;
  }
  const auto* local = std::get_if<LocalImport>(&target);
  if (local == nullptr) {
    return false;
  }
  try {
    return options_.is_secret_file(reader_.local_path(*local, Span{}));
  } catch (const Error&) {
    return false; // no HOME: the import is absent anyway
  }
}

void ImportResolver::note_absent(const ImportTarget& target, ImportMode mode) {
  if (const auto* local = std::get_if<LocalImport>(&target)) {
    // A missing file pins the fallback of `?` until it appears.
    recording_->depend_on({mode, *local, absent_key(mode, location_text(target))});
  } else if (!std::holds_alternative<MissingImport>(target)) {
    recording_->is_volatile = true;
  }
}

Provenance ImportResolver::raw_contribution(const ImportTarget& target, ImportMode mode,
                                            const Resource& resource) const {
  Provenance contribution;
  contribution.secret =
      resource.secret || (resource.file && options_.is_secret_file(*resource.file));
  const auto* local = std::get_if<LocalImport>(&target);
  if (local == nullptr) {
    contribution.is_volatile = true;
  } else if (build_cache_) {
    contribution.depend_on(
        {mode, *local, source_key(mode, location_text(target), resource.contents)});
  }
  return contribution;
}

ExprPtr ImportResolver::resolve_protected(ImportTarget target, ImportMode mode, const Sha256& hash,
                                          const Span& site, const Frame& parent) {
  if (const auto* local = std::get_if<LocalImport>(&target);
      local != nullptr && !options_.trust_frozen && exists_locally(*local)) {
    return resolve_checked_pin(*local, mode, hash, site, parent);
  }
  std::string key = hash_key(hash);
  if (auto found = outcomes_.find(key); found != outcomes_.end()) {
    recording_->add(found->second.contribution);
    return found->second.value;
  }
  // What is inside stays inside: the hash pins the result. Only secrecy
  // leaks out, since the result holds the secret.
  Provenance inner;
  inner.secret = is_secret(target);
  // Only the outermost protected import's type is worth keeping: while it
  // is in the integrity cache, the ones inside it are never looked at.
  bool outermost = !inside_pinned_;
  ExprPtr value;
  try {
    RecordingScope recording(*this, inner);
    FlagScope pinned(inside_pinned_);
    value = from_integrity_cache(hash, outermost && !inner.secret);
    if (!value) {
      ExprPtr resolved = resolve_target(target, mode, site, parent);
      value = check_integrity(resolved, hash, target, site, inner.secret);
      ValuePtr type = embedded_type(*value);
      if (type && outermost && !inner.secret) {
        store_protected_type(hash, type);
      }
    }
  } catch (const Error& error) {
    if (error.is_absent_import()) {
      // A later run may find it in the integrity cache.
      recording_->is_volatile = true;
    }
    throw;
  }
  Provenance contribution;
  contribution.secret = inner.secret;
  outcomes_[key] = Outcome{value, nullptr, contribution};
  if (!inner.secret) {
    remember_reference(value, {BuildReference::Kind::pinned, hash});
  }
  recording_->add(contribution);
  return value;
}

ExprPtr ImportResolver::from_integrity_cache(const Sha256& hash, bool typed_by_build_cache) {
  return referenced_->from_integrity_cache(hash, typed_by_build_cache, &statistics_);
}

ExprPtr ImportResolver::check_integrity(const ExprPtr& value, const Sha256& hash,
                                        const ImportTarget& target, const Span& site, bool secret) {
  // Recorded first, so that the checks of its importers reuse what this one
  // computes.
  imported_.add(value);
  ExprPtr normal_form = imported_.alpha_normalize(value);
  EncodingPtr encoding = imported_.encode(normal_form);
  Sha256 actual = sha256(*encoding);
  if (actual != hash) {
    // The hash of a secret's normal form would help guess the secret.
    secret = secret || std::holds_alternative<EnvImport>(target);
    throw Error(
        ErrorKind::import,
        integrity_failure(target, hash, secret ? nullptr : &actual, site, options_.trust_frozen),
        site);
  }
  // Failures become warnings when the resolver finishes.
  cache_writer_.store(hash, std::move(encoding));
  const EmbeddedValue* embedding = embedded_value(*value);
  if (embedding == nullptr || normal_form == embedding->syntax()) {
    return embedding == nullptr ? normal_form : value; // `as Text`, `as Bytes`
  }
  // Renamed binders: evaluated from the α-normal form, so that the import
  // reads back as the cache holds it, whether it came from there or not.
  return embed(eval(Env{}, normal_form), embedding->type(), normal_form);
}

void ImportResolver::store_protected_type(const Sha256& hash, const ValuePtr& type) {
  referenced_->store_protected_type(hash, type, &statistics_);
}

void ImportResolver::remember_reference(const ExprPtr& value, const BuildReference& reference) {
  referenced_->remember(value, reference);
}

std::optional<BuildReference> ImportResolver::reference_of(const Expr& embedded) const {
  return referenced_->reference_of(embedded);
}

ExprPtr ImportResolver::resolve_reference(const BuildReference& reference) {
  try {
    return referenced_->make(reference);
  } catch (const Error&) {
    return nullptr; // the importer misses and is resolved from its files
  }
}

ExprPtr ImportResolver::load_code(Resource resource, const Frame& frame, Provenance& contribution) {
  const auto* local = std::get_if<LocalImport>(&frame.target);
  bool secret_file = resource.file && options_.is_secret_file(*resource.file);
  contribution.secret = resource.secret || secret_file;
  contribution.is_volatile = local == nullptr; // env: and remote imports
  Provenance inner;
  if (!build_cache_ || local == nullptr || secret_file) {
    ExprPtr value = parse_resolve_check(std::move(resource), frame, inner);
    contribution.add(inner);
    return value;
  }
  std::string memo = memo_key(ImportMode::code, frame.key);
  Sha256 source = code_source_key(frame.key, resource.contents);
  // Whether the build cache lists this file's dependencies as they are now.
  bool listed = false;
  if (!inside_pinned_) {
    if (auto key = validated_key(memo, source)) {
      listed = true;
      // Another entry of this load may have referred to it already.
      if (ExprPtr hit = resolve_reference({BuildReference::Kind::result, *key})) {
        ++statistics_.build_cache_hits;
        contribution.depend_on({ImportMode::code, *local, *key});
        return hit;
      }
    }
    ++statistics_.build_cache_misses;
  }
  ExprPtr value = parse_resolve_check(std::move(resource), frame, inner);
  if (!inner.cacheable()) {
    contribution.add(inner);
    return value;
  }
  // The key is right even when nothing is stored: an importer of the same
  // file without a hash then depends on it (and misses until it is stored).
  Sha256 key = result_key(source, inner.dependencies);
  if (!inside_pinned_) {
    store_code_result(source, inner.dependencies, key, value, listed);
    build_keys_[memo] = key;
  }
  contribution.depend_on({ImportMode::code, *local, key});
  return value;
}

void ImportResolver::store_code_result(const Sha256& source,
                                       std::span<const BuildDependency> dependencies,
                                       const Sha256& key, const ExprPtr& value, bool listed) {
  // The entry refers to the imports its value holds instead of spelling
  // out their normal forms (docs/imports.md, "Entries refer to imports"),
  // so that a hit shares their values as a resolution does. One too large
  // to store anyway only lists its dependencies: the keys of its
  // importers, and the pins verified for them, need them.
  // Known to be too large for these dependencies: reading it back again
  // would cost as much as the render (a root that renders 150 MB of JSON).
  if (listed && build_cache_->result_too_large(source)) {
    return;
  }
  // The read-back stops at a bound of its own (BuildCache::
  // max_expression_nodes): a root rendering 150 MB of JSON is neither read
  // back whole nor forced before the render streams it.
  const EmbeddedValue& embedding = *embedded_value(*value);
  constexpr std::size_t max_nodes = BuildCache::max_expression_nodes;
  ExprPtr expr =
      quote_referring_to_embeddings(embedding.value(), embedding.value().get(), max_nodes);
  ExprPtr type =
      expr ? quote_referring_to_embeddings(embedding.type(), nullptr, max_nodes) : nullptr;
  std::vector<BuildReference> needs;
  if (expr && type &&
      build_cache_->store(source, dependencies, key, *expr, *type, referenced_->target(), &needs)) {
    ++statistics_.build_cache_stores;
    referenced_->remember(value, {BuildReference::Kind::result, key}, std::move(needs));
  } else {
    ++statistics_.build_cache_too_large;
    build_cache_->store_too_large(source, dependencies);
  }
}

std::optional<Sha256> ImportResolver::validated_key(const std::string& memo, const Sha256& source) {
  if (auto found = build_keys_.find(memo); found != build_keys_.end()) {
    return found->second;
  }
  // Unknown until proven: a corrupt cache that lists an import among its own
  // dependencies ends here instead of recursing forever.
  build_keys_[memo] = std::nullopt;
  auto dependencies = build_cache_->dependencies(source);
  if (!dependencies || !std::ranges::all_of(*dependencies, [&](const BuildDependency& dependency) {
        return current_key(dependency) == dependency.key;
      })) {
    return std::nullopt;
  }
  Sha256 key = result_key(source, *dependencies);
  build_keys_[memo] = key;
  return key;
}

std::optional<Sha256> ImportResolver::current_key(const BuildDependency& dependency) {
  std::string location = location_text(dependency.target);
  std::string memo = memo_key(dependency.mode, location);
  if (auto found = build_keys_.find(memo); found != build_keys_.end()) {
    return found->second;
  }
  std::optional<std::string> contents;
  try {
    auto path = reader_.local_path(dependency.target, Span{});
    if (options_.is_secret_file(path)) {
      return std::nullopt;
    }
    contents = read_regular_file(path);
    if (contents) {
      record_dependency(path); // as resolving it would
    }
  } catch (const Error&) {
    return std::nullopt; // unreadable, or no HOME: resolving it decides
  }
  if (!contents) {
    return absent_key(dependency.mode, location);
  }
  if (dependency.mode != ImportMode::code) {
    return source_key(dependency.mode, location, *contents);
  }
  return validated_key(memo, code_source_key(location, *contents));
}

ExprPtr ImportResolver::cached_root(const ImportTarget& here, const std::filesystem::path& file,
                                    std::string_view contents) {
  if (!build_cache_ || options_.is_secret_file(file)) {
    return nullptr;
  }
  // Keyed, validated and read as load_code keys, validates and reads a
  // by-path import.
  std::string location = location_text(canonicalize(here));
  auto key =
      validated_key(memo_key(ImportMode::code, location), code_source_key(location, contents));
  ExprPtr hit = key ? resolve_reference({BuildReference::Kind::result, *key}) : nullptr;
  ++(hit ? statistics_.build_cache_hits : statistics_.build_cache_misses);
  return hit;
}

void ImportResolver::store_root(const ImportTarget& here, const std::filesystem::path& file,
                                std::string_view contents, const ValuePtr& value,
                                const ValuePtr& type) {
  if (!build_cache_ || options_.is_secret_file(file) || !root_record_.cacheable()) {
    return;
  }
  std::string location = location_text(canonicalize(here));
  Sha256 source = code_source_key(location, contents);
  // cached_root validated the root's dependencies when it found them listed.
  auto found = build_keys_.find(memo_key(ImportMode::code, location));
  bool listed = found != build_keys_.end() && found->second.has_value();
  // Stored as load_code stores a by-path import: as the Embedded node of
  // its value, so the entry refers to the imports the value holds.
  store_code_result(source, root_record_.dependencies,
                    result_key(source, root_record_.dependencies), embed(value, type), listed);
}

} // namespace polar::dhall
