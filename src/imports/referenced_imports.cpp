#include "imports/detail/referenced_imports.h"

#include <utility>

#include "binary/decode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "imports/detail/build_cache_format.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"

namespace polar::dhall {
namespace {

std::string describe(const BuildReference& reference) {
  return reference.kind == BuildReference::Kind::pinned
             ? "the integrity cache entry " + cache_file_name(reference.key)
             : "the build cache result " + to_hex(reference.key);
}

} // namespace

ReferencedImports::ReferencedImports(std::optional<BuildCache> build_cache,
                                     std::shared_ptr<IntegrityCache> integrity_cache,
                                     WarningSink warn)
    : build_cache_(std::move(build_cache)), integrity_cache_(std::move(integrity_cache)),
      warn_(std::move(warn)) {
}

void ReferencedImports::remember(const ExprPtr& node, const BuildReference& reference,
                                 std::vector<BuildReference> needs) {
  const EmbeddedValue* embedding = embedded_value(*node);
  if (embedding == nullptr) {
    return; // `as Text`, `as Bytes`: a literal, stored as it is
  }
  Made& made = made_[reference];
  made.node = node;
  if (!needs.empty()) {
    made.needs = std::move(needs);
  }
  // Any reference to the value will do: all stand for the same expression.
  Referenced& referenced = references_[embedding->value().get()];
  if (referenced.node.expired()) {
    referenced = Referenced{reference, node};
  }
}

std::optional<BuildReference> ReferencedImports::reference_of(const Expr& embedded) const {
  const EmbeddedValue* embedding = embedded_value(embedded);
  if (embedding == nullptr) {
    return std::nullopt;
  }
  auto found = references_.find(embedding->value().get());
  if (found == references_.end()) {
    return std::nullopt;
  }
  // The address may have been reused since the recorded node died.
  ExprPtr node = found->second.node.lock();
  const EmbeddedValue* recorded = node ? embedded_value(*node) : nullptr;
  if (recorded == nullptr || recorded->value() != embedding->value()) {
    return std::nullopt;
  }
  return found->second.reference;
}

std::vector<BuildReference> ReferencedImports::needs_of(const BuildReference& reference) const {
  auto found = made_.find(reference);
  return found == made_.end() ? std::vector<BuildReference>{} : found->second.needs;
}

ReferenceTarget ReferencedImports::target() {
  // Used while an entry is stored only: `this` outlives the call.
  return ReferenceTarget{[this](const Expr& embedded) { return reference_of(embedded); },
                         [this](const BuildReference& reference) { return needs_of(reference); }};
}

ExprPtr ReferencedImports::known(const BuildReference& reference) const {
  auto found = made_.find(reference);
  return found == made_.end() ? nullptr : found->second.node.lock();
}

bool ReferencedImports::available(const BuildReference& reference) {
  if (available_.contains(reference) || known(reference)) {
    return true;
  }
  // A pinned entry is mapped, not read nor hashed: make() verifies it when
  // it is used.
  bool there = reference.kind == BuildReference::Kind::pinned
                   ? integrity_cache_ && integrity_cache_->load(reference.key).has_value()
                   : build_cache_ && build_cache_->has_result(reference.key);
  if (there) {
    available_.insert(reference);
  }
  return there;
}

ExprPtr ReferencedImports::refer(const BuildReference& reference) {
  if (ExprPtr node = known(reference)) {
    return node;
  }
  // Its encoding is the reference: equal references stand for equal
  // expressions, so evaluation may compare suspended ones by it.
  auto encoding = std::make_shared<const std::vector<std::uint8_t>>(encode_reference(reference));
  std::span<const std::uint8_t> bytes(*encoding);
  return make_deferred_expr(
      [self = shared_from_this(), reference] { return self->make(reference); }, std::move(encoding),
      bytes);
}

ReferenceSource ReferencedImports::source() {
  // The lookup outlives the read: fields are decoded when first used.
  auto self = shared_from_this();
  return ReferenceSource{
      [self](const BuildReference& reference) { return self->available(reference); },
      [self](const BuildReference& reference) { return self->refer(reference); }};
}

ExprPtr ReferencedImports::make(const BuildReference& reference) {
  if (ExprPtr node = known(reference)) {
    return node;
  }
  if (!making_.insert(reference).second) {
    throw Error(ErrorKind::import,
                describe(reference) + " refers to itself: the build cache is corrupt; remove it");
  }
  struct Unmark {
    std::set<BuildReference>& making;
    const BuildReference& reference;
    ~Unmark() { making.erase(reference); }
  } unmark{making_, reference};
  std::vector<BuildReference> needs;
  ExprPtr node = reference.kind == BuildReference::Kind::pinned
                     ? from_integrity_cache(reference.key, true, nullptr)
                     : make_result(reference.key, needs);
  if (!node) {
    // Its entry was there when its referrer was read: it is corrupt (a
    // warning says why), or was removed since. Removing a result makes its
    // referrers miss next time, so they are resolved from their files.
    if (reference.kind == BuildReference::Kind::result && build_cache_) {
      build_cache_->forget_result(reference.key);
    }
    throw Error(ErrorKind::import, "cannot read " + describe(reference) +
                                       ", which a build cache entry refers to; run again");
  }
  remember(node, reference, std::move(needs));
  return node;
}

ExprPtr ReferencedImports::make_result(const Sha256& key, std::vector<BuildReference>& needs) {
  // Needed by an entry read, it stays as long as that one: not marked.
  bool needed = available_.contains({BuildReference::Kind::result, key});
  auto result = build_cache_ ? build_cache_->result(key, source(), needed) : std::nullopt;
  if (!result) {
    return nullptr;
  }
  ++results_read_;
  if (!needed) {
    build_cache_->use_bundle(key, result->needs);
  }
  needs = std::move(result->needs);
  // A result that refers to imports holds their nodes, not their normal
  // forms: its own normal form is read back from its value when needed.
  return embed(eval(Env{}, result->expr), eval(Env{}, result->type),
               needs.empty() ? result->expr : nullptr);
}

ExprPtr ReferencedImports::from_integrity_cache(const Sha256& hash, bool typed_by_build_cache,
                                                LoadStatistics* statistics) {
  auto bytes = integrity_cache_ ? integrity_cache_->load(hash) : std::nullopt;
  if (!bytes) {
    return nullptr;
  }
  std::string entry = "the integrity cache entry " + cache_file_name(hash);
  if (sha256(bytes->span()) != hash) {
    warn("ignoring " + entry + ": its contents do not match its name; it will be replaced");
    return nullptr;
  }
  LoadStatistics ignored;
  LoadStatistics& counts = statistics != nullptr ? *statistics : ignored;
  try {
    bool use_build_cache = build_cache_ && typed_by_build_cache;
    ExprPtr known_type = use_build_cache ? build_cache_->protected_type(hash, source()) : nullptr;
    // With its type known, a package is decoded field by field as they are
    // used (a render reads a few of dhall-kubernetes' thousand); inferring
    // its type reads every field, which one eager pass decodes best, sharing
    // the types repeated across fields.
    ExprPtr syntax;
    ValuePtr type;
    if (known_type) {
      syntax = decode_with_layout(hash, *bytes);
      ++counts.build_cache_hits;
      type = eval(Env{}, known_type);
    } else {
      syntax = decode(bytes->span());
      counts.build_cache_misses += use_build_cache ? 1 : 0;
      type = infer_type(syntax);
      ++counts.expressions_type_checked;
      if (use_build_cache) {
        store_protected_type(hash, type, statistics);
      }
    }
    ValuePtr value = eval(Env{}, syntax);
    return embed(std::move(value), std::move(type), std::move(syntax));
  } catch (const Error& error) {
    warn("ignoring " + entry + ": " + error.message() + "; it will be replaced");
    return nullptr;
  }
}

ExprPtr ReferencedImports::decode_with_layout(const Sha256& hash, const SharedBytes& bytes) {
  // Finding the layout walks every item of the entry (a millisecond for
  // dhall-kubernetes); the build cache keeps it for the next run.
  auto layout = build_cache_->protected_layout(hash);
  if (!layout && (layout = record_layout(bytes.span()))) {
    build_cache_->store_protected_layout(hash, *layout);
  }
  return layout ? decode_lazily(bytes, *layout) : decode(bytes.span());
}

void ReferencedImports::store_protected_type(const Sha256& hash, const ValuePtr& type,
                                             LoadStatistics* statistics) {
  if (!build_cache_) {
    return;
  }
  build_cache_->store_protected_type(hash, *quote_referring_to_embeddings(type), target());
  if (statistics != nullptr) {
    ++statistics->build_cache_stores;
  }
}

void ReferencedImports::warn(const std::string& warning) const {
  if (warn_) {
    warn_(warning);
  }
}

} // namespace polar::dhall
