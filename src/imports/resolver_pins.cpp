// Frozen local imports checked against their files (docs/imports.md, "Stale
// pins"): `./x.dhall sha256:H` whose file exists must still hash to H, or
// the load fails with the fix. The check is paid once per change: with a
// build cache, a pin verified for the current key of x.dhall (its bytes and
// those of the files below it) is not checked again.
#include <algorithm>
#include <system_error>

#include "imports/detail/resolver.h"
#include "semantics/embedded.h"

namespace polar::dhall {
namespace fs = std::filesystem;

bool ImportResolver::exists_locally(const LocalImport& target) const {
  try {
    std::error_code error;
    return fs::exists(reader_.local_path(target, Span{}), error);
  } catch (const Error&) {
    return false; // `~` without HOME: absent
  }
}

Sha256 ImportResolver::code_source_key(const std::string& location,
                                       std::string_view contents) const {
  return source_key(ImportMode::code, options_.trust_frozen ? location : "checked-pins " + location,
                    contents);
}

ExprPtr ImportResolver::resolve_checked_pin(const LocalImport& target, ImportMode mode,
                                            const Sha256& hash, const Span& site,
                                            const Frame& parent) {
  // Two files with one pin are two checks.
  std::string key = "sha256:" + to_hex(hash) + " " + memo_key(mode, location_text(target));
  if (auto found = outcomes_.find(key); found != outcomes_.end()) {
    recording_->add(found->second.contribution);
    return found->second.value;
  }
  // Unlike a pin served from the integrity cache, the result depends on the
  // file: its key is among the importer's dependencies, so an importer found
  // in the build cache had its pins checked against the same files.
  Provenance contribution;
  ExprPtr value;
  {
    RecordingScope recording(*this, contribution);
    value = from_verified_pin(target, mode, hash);
    if (!value) {
      ExprPtr resolved = resolve_target(target, mode, site, parent);
      value = check_integrity(resolved, hash, target, site, contribution.secret);
      auto own = std::ranges::find_if(contribution.dependencies, [&](const BuildDependency& d) {
        return d.mode == mode && location_text(d.target) == location_text(target);
      });
      if (verified_pins_ && contribution.cacheable() && own != contribution.dependencies.end()) {
        verified_pins_->record(own->key, hash);
      }
      if (const EmbeddedValue* embedding = embedded_value(*value);
          embedding != nullptr && !inside_pinned_ && contribution.cacheable()) {
        store_protected_type(hash, embedding->type());
      }
    }
  }
  outcomes_[key] = Outcome{value, nullptr, contribution};
  if (!contribution.secret) {
    remember_reference(value, {BuildReference::Kind::pinned, hash});
  }
  recording_->add(contribution);
  return value;
}

ExprPtr ImportResolver::from_verified_pin(const LocalImport& target, ImportMode mode,
                                          const Sha256& hash) {
  if (!verified_pins_ || inside_pinned_) {
    return nullptr;
  }
  auto key = current_key(BuildDependency{mode, target, {}});
  if (!key || !verified_pins_->verified(*key, hash)) {
    return nullptr;
  }
  ExprPtr value = from_integrity_cache(hash, true);
  if (value) {
    recording_->depend_on({mode, target, *key});
  }
  return value;
}

} // namespace polar::dhall
