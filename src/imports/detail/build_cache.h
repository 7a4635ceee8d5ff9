#pragma once
// The build cache (docs/imports.md, "Build cache"): the type-checked normal
// forms of imports without an integrity hash, and the types of imports with
// one, kept in a directory that parallel build jobs share. It stores and
// validates; the resolver decides what may be cached.
//
// Four kinds of entries, each one file written atomically that names the
// kind and key it was stored under, checked on reading (payload formats in
// build_cache_format.h):
//   sources/<source key>  the local imports a source made when it was
//                         resolved, each with its key at the time;
//   results/<result key>  a normal form and its type;
//   types/<sha256>        the type of the protected import with that hash;
//   layouts/<sha256>      where the fields of its integrity-cache entry lie,
//                         when it is a record (binary/lazy_decode.h);
//   bundles/<result key>  copies of the entries a result that a load hit
//                         needs, so that the next such load reads one file
//                         instead of one per entry it uses (use_bundle()).
// A source key hashes an import's mode, location and bytes; a result key
// hashes the source key with the keys of what it imported (a Merkle key),
// so a change anywhere below an import gives it another result key.
#include <compare>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "binary/lazy_decode.h"
#include "imports/options.h"
#include "support/shared_bytes.h"
#include "syntax/expr.h"

namespace polar::dhall {

// A local import a cached result depends on, and the key it had: a result
// key for code, a source key for `as Text`/`as Bytes`, or absent_key() when
// the file did not exist (and `?` fell back).
struct BuildDependency {
  ImportMode mode;
  LocalImport target; // canonical
  Sha256 key;

  bool operator==(const BuildDependency& other) const {
    return mode == other.mode && key == other.key && target.prefix == other.target.prefix &&
           target.directory == other.target.directory && target.file == other.target.file;
  }
};

// What an expression in a build-cache entry may refer to instead of holding
// its normal form (docs/imports.md, "Entries refer to imports"): the result
// of a code import, by its result key, or a protected import, by its hash
// (the integrity cache holds it, the build cache its type). Both keys name
// one expression wherever they occur.
struct BuildReference {
  enum class Kind : std::uint8_t { result = 0, pinned = 1 };
  Kind kind;
  Sha256 key;

  auto operator<=>(const BuildReference&) const = default;
};
// The reference an Embedded node of an expression being stored stands for,
// or nullopt: the node is then stored as its normal form.
using ReferenceOf = std::function<std::optional<BuildReference>(const Expr& embedded)>;
// The entries the entry of a reference needs to be made in full, besides
// itself: what it refers to, and what they need (empty when unknown).
using NeedsOf = std::function<std::vector<BuildReference>(const BuildReference&)>;
// What an entry that is stored refers to: the Embedded nodes it names, and
// what their entries need in turn.
struct ReferenceTarget {
  ReferenceOf reference_of;
  NeedsOf needs_of;
};
// How the references of an entry being read are had (referenced_imports.h):
// `available` says whether an entry the read one needs is there (a miss
// otherwise), asked for each when the entry is read; `node` gives the
// Embedded node a reference stands for (or a Deferred node that makes it),
// asked when the decoder meets the reference, and null when it cannot.
struct ReferenceSource {
  std::function<bool(const BuildReference&)> available;
  std::function<ExprPtr(const BuildReference&)> node;
};

// What an import's result is decided by, before looking at its imports.
Sha256 source_key(ImportMode mode, std::string_view location, std::string_view contents);
// The key of a local file that does not exist.
Sha256 absent_key(ImportMode mode, std::string_view location);
// The key of a resolved code import: its source key and, in the order they
// were first imported, the keys of the local imports it made.
Sha256 result_key(const Sha256& source, std::span<const BuildDependency> dependencies);

// The entries the build-cache entry at `path` (a result or a protected
// import's type) needs, as its payload lists them, read without the rest of
// it nor its checksum: for the collection, which keeps them while the entry
// stays. Empty when it lists none or cannot be read.
std::vector<BuildReference> needs_listed_in(const std::filesystem::path& path);

class BuildCache {
public:
  struct Result {
    ExprPtr expr; // β-normal, but for the Embedded nodes of references
    ExprPtr type; // normal, likewise
    // The entries it needs: what it refers to, and what they need.
    std::vector<BuildReference> needs;
  };

  // Entries live below `directory`, which is created when first written.
  // Corrupt entries and failed writes are reported to `warn`.
  BuildCache(std::filesystem::path directory, WarningSink warn);

  // The dependencies recorded for `source`, or nullopt.
  std::optional<std::vector<BuildDependency>> dependencies(const Sha256& source);
  // The result stored under `key`, or nullopt, also when an entry it needs
  // is not `available`. Nothing it refers to is read now: references become
  // what `source` makes of them when the decoder meets them, and the fields
  // of records are decoded when first read.
  // `needed`: an entry read in this load needs it, so it is not marked used
  // (the collection keeps it as long as that one: build_cache_collection.h).
  std::optional<Result> result(const Sha256& key, const ReferenceSource& source = {},
                               bool needed = false);
  // Whether the result stored under `key` is there, without marking it
  // used: for the entries an entry read needs. The first few are looked up
  // one by one; after that the results folder is listed once, which costs
  // less than a lookup per entry when an entry needs many
  // (dhall-kubernetes' package.dhall needs 1,355). An entry stored since
  // the listing by another process is not seen: its referrer misses.
  bool has_result(const Sha256& key);
  // Serves the entries that the result stored under `key`, which a load
  // hit, `needs` from its bundle: one file holding a copy of each, mapped
  // once, each checked against its key and checksum when used as its own
  // file would be (a bad copy is reported, and its file read instead).
  // Without a bundle, writes one from their files, for the next load: a
  // warm load by path of dhall-kubernetes' package.dhall reads the 469
  // entries it uses from one file. Only for results needing at least
  // bundle_threshold entries; copies take room (the package's, 6 MB).
  void use_bundle(const Sha256& key, std::span<const BuildReference> needs);
  // Results read from bundles so far.
  std::size_t bundled_reads() const { return bundled_reads_; }
  static constexpr std::size_t bundle_threshold = 64;
  static constexpr std::size_t max_bundle_bytes = std::size_t{64} << 20;

  // Removes the result stored under `key`, one that cannot be read when
  // used, so that the entries needing it miss from now on.
  void forget_result(const Sha256& key);
  // The type of the protected import with `hash`, or null.
  ExprPtr protected_type(const Sha256& hash, const ReferenceSource& source = {});
  // The layout of its integrity-cache entry, or nullopt.
  std::optional<RecordLayout> protected_layout(const Sha256& hash);

  // The most bytes the encoding of one result or type may take. Entries
  // refer to the imports they hold, but a normal form still spells out
  // every shared part of its value that is not an import: a module
  // `λ(config : C) → [ k8s.Resource.Deployment … ]` repeats the union type
  // `k8s.Resource` (a field of an import) at each injection, 10 MB, and one
  // that renders 320 such objects 770 MB, while resolving them again from
  // their files takes milliseconds (docs/imports.md, "Build cache").
  // dhall-kubernetes' largest result is 2.5 MB.
  static constexpr std::size_t max_expression_bytes = std::size_t{4} << 20;
  // The most nodes the read-back of a result or type to store may make:
  // it stops there (quote_referring_to_embeddings), so that a result too
  // large costs little to find out: a root rendering 150 MB of JSON, or a
  // function whose normal form inlines a `let` used four times on top of
  // the previous one's (the customization tree with chained combinators:
  // 49 such modules, 5.4 s cold at 1 Mi nodes, 1.7 s at 256 Ki). Every
  // result of dhall-kubernetes stays below it (1,356 stored either way).
  static constexpr std::size_t max_expression_nodes = std::size_t{1} << 18;

  // Writing never throws: a cache that cannot be written only warns.
  // Returns whether the entry was stored: not when the result or its type
  // encodes to more than max_expression_bytes.
  // The Embedded nodes of `expr` and `type` that `target` names are stored
  // as references, and the entry lists every entry it needs (set in
  // `needs` when given).
  bool store(const Sha256& source, std::span<const BuildDependency> dependencies, const Sha256& key,
             const Expr& expr, const Expr& type, const ReferenceTarget& target = {},
             std::vector<BuildReference>* needs = nullptr);
  // Lists the dependencies of the code import with source key `source`
  // without its result, which was too large to store and then always
  // misses; result_too_large(source) says so until the list is replaced,
  // so that a load does not read the result back again only to find it
  // too large.
  void store_too_large(const Sha256& source, std::span<const BuildDependency> dependencies);
  bool result_too_large(const Sha256& source);
  void store_protected_type(const Sha256& hash, const Expr& type,
                            const ReferenceTarget& target = {});
  void store_protected_layout(const Sha256& hash, const RecordLayout& layout);

private:
  // The entry of `kind` ("sources", "results", ...) named by `key`.
  std::filesystem::path entry_path(std::string_view kind, const Sha256& key) const;
  // The expressions of a payload written by append_referring, or nullopt
  // when an entry they need is not available. Throws on a malformed payload.
  struct Referring {
    std::vector<ExprPtr> exprs;
    std::vector<BuildReference> needs;
  };
  static std::optional<Referring> decode_referring(const SharedBytes& payload, std::size_t count,
                                                   const ReferenceSource& source);
  // The entry's verified payload as `decode` reads it, or nullopt: no entry,
  // or a corrupt one (a failed check, or `decode` throws), which is reported.
  template <typename Decode>
  auto read_decoded(std::string_view kind, const Sha256& key, Decode decode,
                    bool marked = false) const
      -> std::optional<decltype(decode(std::declval<const SharedBytes&>()))>;
  // The verified payload of the entry of `kind` named by `key`, or nullopt:
  // no entry, or a corrupt one (reported), such as one stored under another
  // key.
  // Marks it used unless `marked`.
  std::optional<SharedBytes> read_payload(std::string_view kind, const Sha256& key,
                                          bool marked = false) const;
  // The payload of `entry`, stored under `key` as `kind`, once its name and
  // checksum are checked, or nullopt (a failed check, reported as `where`'s).
  std::optional<SharedBytes> checked_payload(std::string_view kind, const Sha256& key,
                                             const SharedBytes& entry,
                                             const std::filesystem::path& where) const;
  // Reads the bundle of `key` into bundled_; whether there was one.
  bool read_bundle(const Sha256& key);
  void write_bundle(const Sha256& key, std::span<const BuildReference> needs);
  void write_entry(std::string_view kind, const Sha256& key, std::span<const std::uint8_t> payload);
  void ignore_corrupt(const std::filesystem::path& path, std::string_view why) const;

  std::filesystem::path directory_;
  WarningSink warn_;
  static constexpr std::size_t lookups_before_listing = 32;
  std::size_t lookups_ = 0;
  // The names in the results folder, once listed.
  std::optional<std::unordered_set<std::string>> listed_results_;
  // Copies of results from bundles, by key, and the bundle holding each.
  struct Bundled {
    SharedBytes entry;
    Sha256 bundle;
  };
  mutable std::map<Sha256, Bundled> bundled_;
  mutable std::size_t bundled_reads_ = 0;
};

} // namespace polar::dhall
