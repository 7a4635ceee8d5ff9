#pragma once
// The import resolution judgment of standard/imports.md, for one load:
// every import is resolved at most once (memoized by canonical location and
// mode), cycles are reported with their chain, failures carry the import
// chain as notes, and `?` falls back only from absent imports. With a build
// cache, code imports whose files are unchanged are read from it instead
// (docs/imports.md, "Build cache").
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "imports/detail/build_cache.h"
#include "imports/detail/cache_writer.h"
#include "imports/detail/imported_forms.h"
#include "imports/detail/load_statistics.h"
#include "imports/detail/location.h"
#include "imports/detail/provenance.h"
#include "imports/detail/referenced_imports.h"
#include "imports/detail/resource.h"
#include "imports/detail/verified_pins.h"
#include "imports/options.h"
#include "semantics/typecheck.h"
#include "syntax/expr.h"

namespace polar::dhall {

class ImportResolver {
public:
  // Fills in the defaults of `options` (environment, integrity cache,
  // secret files).
  explicit ImportResolver(LoadOptions options);
  ImportResolver(const ImportResolver&) = delete;
  ImportResolver& operator=(const ImportResolver&) = delete;
  // Waits until the integrity cache entries of the load are written, and
  // warns about those that could not be.
  ~ImportResolver();

  // `expr` with every import replaced by the β-normal form of what it
  // imports. `here` is where `expr` was read from: its relative imports are
  // chained onto it, and `identity` (a symlink-free file path, or empty)
  // lets a file that imports itself be caught as a cycle.
  ExprPtr resolve(const ExprPtr& expr, const ImportTarget& here, const std::string& identity);

  // The root file's cached result, as the Embedded node a by-path import's
  // hit is, when the build cache holds it for `contents` and every local
  // import it was made from is unchanged: the root is then resolved as the
  // by-path import it is, with no type-check, evaluation nor integrity-cache
  // read. Null otherwise (no build cache, a secret file, a miss).
  ExprPtr cached_root(const ImportTarget& here, const std::filesystem::path& file,
                      std::string_view contents);
  // Stores the root file's result after resolve() and a type-check, unless
  // what it read makes it uncacheable (`env:`, a secret, a remote import
  // without a hash), as for any import, and stored as one (store_code_result).
  bool root_cacheable() const { return build_cache_ && root_record_.cacheable(); }
  void store_root(const ImportTarget& here, const std::filesystem::path& file,
                  std::string_view contents, const ValuePtr& value, const ValuePtr& type);

  // Every local file read so far, in the order first read, without
  // duplicates. Files that did not exist are not listed.
  const std::vector<std::filesystem::path>& dependencies() const { return dependencies_; }
  const LoadOptions& options() const { return options_; }
  // What the load did so far; load_file adds the parse and check of the root.
  LoadStatistics& statistics();

private:
  // One element of the chain of imports being resolved, (Δ, here).
  struct Frame {
    ImportTarget target; // canonical
    std::string key;     // location_text(target)
    std::string identity;
  };
  // What a finished resolution produced: a value, or the error it failed
  // with (before the note of any particular import site was added).
  struct Outcome {
    ExprPtr value;
    std::shared_ptr<const Error> failure;
    // What a success adds to the provenance of each importer.
    Provenance contribution;
  };
  class ChainGuard;
  class RecordingScope;

  // The key outcomes are memoized by: the mode and the canonical location.
  static std::string memo_key(ImportMode mode, const std::string& location);

  ExprPtr resolve_expr(const ExprPtr& expr, const Frame& here);
  ExprPtr resolve_alternative(const BinOp& alternative, const Frame& here);
  ExprPtr resolve_import(const Import& import, const Span& site, const Frame& parent);
  // Resolves canonical `target` in `mode` (not Location), memoized.
  ExprPtr resolve_target(ImportTarget target, ImportMode mode, const Span& site,
                         const Frame& parent);
  // Resolves `target` with `hash` (not Location): from the integrity cache,
  // else resolved and checked against the hash.
  ExprPtr resolve_protected(ImportTarget target, ImportMode mode, const Sha256& hash,
                            const Span& site, const Frame& parent);
  // resolve_protected for a local file that exists, unless
  // options_.trust_frozen: checked against the file (resolver_pins.cpp).
  ExprPtr resolve_checked_pin(const LocalImport& target, ImportMode mode, const Sha256& hash,
                              const Span& site, const Frame& parent);
  // The pinned expression from the integrity cache when the build cache key
  // `target` has now was verified against `hash` before, else null.
  ExprPtr from_verified_pin(const LocalImport& target, ImportMode mode, const Sha256& hash);
  // Whether the file of `target` exists (a frozen import of a missing file
  // is served from the integrity cache, as the standard says).
  bool exists_locally(const LocalImport& target) const;
  // The source key of a code import. Where frozen local imports are checked,
  // an importer's result depends on their keys too, so the two policies keep
  // apart entries (docs/imports.md, "Stale pins").
  Sha256 code_source_key(const std::string& location, std::string_view contents) const;
  // Parses, resolves, type-checks and normalizes an imported expression.
  // Failures are memoized under `key`. Sets what the result depends on in
  // `contribution`.
  ExprPtr resolve_code(Resource resource, ImportTarget target, const Span& site,
                       const Frame& parent, const std::string& key, Provenance& contribution);
  // resolve_code's work, through the build cache when there is one.
  ExprPtr load_code(Resource resource, const Frame& frame, Provenance& contribution);
  // Stores the result `value` (an Embedded node) of a code import under
  // `key`, or, when it is too large, only its dependencies unless the cache
  // `listed` them already.
  void store_code_result(const Sha256& source, std::span<const BuildDependency> dependencies,
                         const Sha256& key, const ExprPtr& value, bool listed);
  // The embedded value (semantics/embedded.h) of the imported expression.
  ExprPtr parse_resolve_check(Resource resource, const Frame& frame, Provenance& record);
  // Records in the current provenance that `target` was absent.
  void note_absent(const ImportTarget& target, ImportMode mode);
  // What an `as Text` or `as Bytes` import of `resource` contributes.
  Provenance raw_contribution(const ImportTarget& target, ImportMode mode,
                              const Resource& resource) const;
  // The resolved `using` headers of a remote `target`, which keeps them
  // resolved for the relative imports it makes.
  std::vector<HttpHeader> headers_of(ImportTarget& target, const Frame& parent, const Span& site);

  // The headers the user's configuration sets for `origin`, loaded once.
  std::vector<HttpHeader> user_headers_for(const std::string& origin, const Span& site);

  // The expression cached under `hash`, or null. With
  // `typed_by_build_cache`, its type is looked up in (and stored into) the
  // build cache instead of always being inferred.
  ExprPtr from_integrity_cache(const Sha256& hash, bool typed_by_build_cache);
  // The αβ-normal form of `value`, which the cache holds, so that a
  // protected import reads the same whether it was cached or not. Throws
  // unless it has `hash` (without the actual hash when `secret`: it would
  // help guess the secret); caches it.
  ExprPtr check_integrity(const ExprPtr& value, const Sha256& hash, const ImportTarget& target,
                          const Span& site, bool secret);
  void store_protected_type(const Sha256& hash, const ValuePtr& type);

  // Build-cache entries refer to the imports they hold (docs/imports.md,
  // "Entries refer to imports"). Records that the Embedded node `value` is
  // what `reference` stands for, in both directions.
  void remember_reference(const ExprPtr& value, const BuildReference& reference);
  // The reference an Embedded node of a result being stored stands for, or
  // nullopt (it is then stored as its normal form).
  std::optional<BuildReference> reference_of(const Expr& embedded) const;
  // The Embedded node `reference` stands for, the same for every entry of
  // the load that holds it, or null when it cannot be had.
  ExprPtr resolve_reference(const BuildReference& reference);

  // The result key of the code import memoized as `memo` whose source key is
  // `source`, when the build cache knows what it imported and all of that
  // is unchanged; nullopt otherwise. Memoized.
  std::optional<Sha256> validated_key(const std::string& memo, const Sha256& source);
  // The key `dependency` has now (reading its file), nullopt when unknown.
  std::optional<Sha256> current_key(const BuildDependency& dependency);
  bool is_secret(const ImportTarget& target) const;

  // Throws when entering `child` would close a cycle or make the chain
  // deeper than max_import_depth.
  void check_chain_allows(const Frame& child, const Span& site) const;
  void record_dependency(const std::filesystem::path& file);
  void warn(const std::string& warning) const;

  LoadOptions options_;
  ResourceReader reader_;
  // Stores the entries of options_.integrity_cache in the background.
  CacheWriter cache_writer_;
  std::optional<BuildCache> build_cache_;
  // With the build cache: the frozen local imports found to match their pins.
  std::optional<VerifiedPins> verified_pins_;
  // Where the import being resolved records what its result depends on.
  Provenance* recording_ = nullptr;
  // Resolving what a protected import points at: its hash pins everything
  // below, and the integrity cache holds it, so the build cache is not used.
  bool inside_pinned_ = false;
  // What build-cache entries refer to, made when first used (shared with
  // the Deferred nodes that make them, which may outlive the load).
  std::shared_ptr<ReferencedImports> referenced_;
  // Validated result keys by memo key; nullopt: not in the cache or changed.
  std::unordered_map<std::string, std::optional<Sha256>> build_keys_;
  LoadStatistics statistics_;
  std::vector<const Frame*> chain_; // (Δ, here): frames live on the call stack
  std::unordered_map<std::string, Outcome> outcomes_;
  // What imports resolved to: integrity checks reuse the α-normal forms and
  // encodings of those read back as syntax.
  ImportedForms imported_;
  struct UserHeaders {
    ExprPtr configuration; // normal form
    ExprPtr type;          // normal form
  };
  std::optional<UserHeaders> user_headers_;
  bool loading_user_headers_ = false;
  // What the root of the last resolve() depends on (store_root).
  Provenance root_record_;
  std::vector<std::filesystem::path> dependencies_;
  std::unordered_set<std::string> dependency_set_;
};

// Makes `record` the provenance imports are recorded in, for the lifetime of
// the scope.
class ImportResolver::RecordingScope {
public:
  RecordingScope(ImportResolver& resolver, Provenance& record)
      : resolver_(resolver), previous_(std::exchange(resolver.recording_, &record)) {}
  RecordingScope(const RecordingScope&) = delete;
  RecordingScope& operator=(const RecordingScope&) = delete;
  ~RecordingScope() { resolver_.recording_ = previous_; }

private:
  ImportResolver& resolver_;
  Provenance* previous_;
};

} // namespace polar::dhall
