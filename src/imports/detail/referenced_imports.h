#pragma once
// The imports build-cache entries refer to (docs/imports.md, "Entries refer
// to imports"), made when first used. Reading an entry only checks that the
// entries it needs are there; a reference the decoder meets becomes the node
// made for it already, or a Deferred node (syntax/expr.h) that reads its
// entry when evaluation or type inference first looks at it. A warm load of
// dhall-kubernetes' package.dhall thus reads the schemas it uses, not the
// 1,355 its entry refers to (docs/evaluation.md, "Lazy references").
//
// Deferred nodes may be forced after the load that made them (a render
// forces fields as it writes them), so they share this object, which holds
// what making a node needs and no node: made nodes are kept weakly (sharing
// them while anything uses them), so nothing here can form a cycle with the
// values that hold it.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "imports/detail/build_cache.h"
#include "imports/detail/load_statistics.h"
#include "imports/integrity_cache.h"
#include "imports/options.h"
#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

class ReferencedImports final : public std::enable_shared_from_this<ReferencedImports> {
public:
  // Without `build_cache`, only protected imports are referred to.
  ReferencedImports(std::optional<BuildCache> build_cache,
                    std::shared_ptr<IntegrityCache> integrity_cache, WarningSink warn);

  // Records that the Embedded node `node` is what `reference` stands for,
  // in both directions, and the entries its entry needs.
  void remember(const ExprPtr& node, const BuildReference& reference,
                std::vector<BuildReference> needs = {});
  // The reference the Embedded node `embedded` stands for, or nullopt.
  std::optional<BuildReference> reference_of(const Expr& embedded) const;
  // The entries the entry of `reference` needs, as far as known.
  std::vector<BuildReference> needs_of(const BuildReference& reference) const;
  // What entries stored by this load refer to: reference_of and needs_of.
  ReferenceTarget target();

  // The node `reference` stands for, made now when no live one is known.
  // Throws Error(ErrorKind::import) when it cannot be made (a corrupt or
  // removed entry, reported to the warning sink).
  ExprPtr make(const BuildReference& reference);
  // How entries read refer to what they need: whether each entry is there
  // (not marking it used: the collection keeps it while its referrer
  // stays), and for each reference met the node known or a
  // Deferred node that calls make() when first used.
  ReferenceSource source();
  // Result entries read so far: hits, and the entries references made.
  std::size_t results_read() const { return results_read_; }
  // Those read from a bundle (BuildCache::use_bundle).
  std::size_t results_read_from_bundles() const {
    return build_cache_ ? build_cache_->bundled_reads() : 0;
  }

  // The expression the integrity cache holds under `hash`, or null (a
  // corrupt entry is reported). With `typed_by_build_cache`, its type is
  // read from (and stored into) the build cache instead of inferred.
  // Counts into `statistics` when given.
  ExprPtr from_integrity_cache(const Sha256& hash, bool typed_by_build_cache,
                               LoadStatistics* statistics);
  // Stores the type of the protected import with `hash`, when there is a
  // build cache.
  void store_protected_type(const Sha256& hash, const ValuePtr& type, LoadStatistics* statistics);

private:
  // The live node made or remembered for `reference`, or null.
  ExprPtr known(const BuildReference& reference) const;
  // Whether the entry of `reference` is there. Asked once per reference:
  // entries read later need many of the same.
  bool available(const BuildReference& reference);
  // The node for a reference met while decoding: known(), or Deferred.
  ExprPtr refer(const BuildReference& reference);
  // The Embedded node of a build-cache result, and the entries it needs.
  ExprPtr make_result(const Sha256& key, std::vector<BuildReference>& needs);
  // The verified integrity-cache entry `bytes` with `hash`, decoded lazily
  // with the record layout the build cache keeps.
  ExprPtr decode_with_layout(const Sha256& hash, const SharedBytes& bytes);
  void warn(const std::string& warning) const;

  std::optional<BuildCache> build_cache_;
  std::shared_ptr<IntegrityCache> integrity_cache_;
  WarningSink warn_;
  struct Made {
    std::weak_ptr<const Expr> node;
    std::vector<BuildReference> needs;
  };
  std::map<BuildReference, Made> made_;
  // By the address of the embedded value; the node tells whether the value
  // at that address is still the one recorded.
  struct Referenced {
    BuildReference reference;
    std::weak_ptr<const Expr> node;
  };
  std::unordered_map<const void*, Referenced> references_;
  // Being made: a reference met again while its entry is made is a cycle,
  // which Merkle keys rule out unless the cache is corrupt.
  std::set<BuildReference> making_;
  std::set<BuildReference> available_; // found available
  std::size_t results_read_ = 0;
};

} // namespace polar::dhall
