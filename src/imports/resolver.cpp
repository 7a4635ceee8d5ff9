#include "imports/resolver.h"

#include <optional>
#include <utility>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "imports/absent_import.h"
#include "imports/location_value.h"
#include "imports/raw_import.h"
#include "imports/request_headers.h"
#include "imports/subexpressions.h"
#include "imports/user_headers.h"
#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

LoadOptions with_defaults(LoadOptions options) {
  if (!options.environment) {
    options.environment = process_environment();
  }
  if (!options.integrity_cache) {
    options.integrity_cache = standard_integrity_cache(options.environment);
  }
  return options;
}

std::string mode_key(ImportMode mode) {
  switch (mode) {
  case ImportMode::code:
    return "code ";
  case ImportMode::raw_text:
    return "text ";
  case ImportMode::raw_bytes:
    return "bytes ";
  case ImportMode::location:
    return "location ";
  }
  return "";
}

std::string hash_key(const Sha256& hash) {
  return "sha256:" + to_hex(hash);
}

// "file:line:column" of an import site, for the notes of the import chain.
std::string position_of(const Span& site, const std::string& fallback) {
  if (!site.known()) {
    return fallback;
  }
  auto position = line_column(*site.file, site.begin);
  return site.file->name + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column);
}

// A copy that keeps whether the failure is an absent import.
std::shared_ptr<const Error> copy_of(const Error& error) {
  if (const auto* absent = dynamic_cast<const AbsentImport*>(&error)) {
    return std::make_shared<AbsentImport>(*absent);
  }
  return std::make_shared<Error>(error);
}

// Throws a copy of `error` (keeping whether it is an absent import), with
// `note` added when there is one.
[[noreturn]] void throw_copy(const Error& error, std::optional<std::string> note = std::nullopt) {
  if (const auto* absent = dynamic_cast<const AbsentImport*>(&error)) {
    AbsentImport copy(*absent);
    if (note) {
      copy.add_note(std::move(*note));
    }
    throw copy;
  }
  Error copy(error);
  if (note) {
    copy.add_note(std::move(*note));
  }
  throw copy;
}

// What is left of a failure inside an expression read from an environment
// variable once everything that could echo the variable's value is gone:
// the kind, whether it is absent, and the variable's name.
std::shared_ptr<const Error> without_secrets(const Error& error, const std::string& variable,
                                             const Span& site) {
  std::string message = "the environment variable " + variable + " does not contain ";
  switch (error.kind()) {
  case ErrorKind::parse:
    message += "a valid Dhall expression";
    break;
  case ErrorKind::type:
    message += "a well-typed Dhall expression";
    break;
  default:
    message += "an expression whose imports can be resolved";
    break;
  }
  message += " (its value is not shown: it may be secret)";
  if (dynamic_cast<const AbsentImport*>(&error) != nullptr) {
    return std::make_shared<AbsentImport>(std::move(message), site);
  }
  return std::make_shared<Error>(error.kind(), std::move(message), site);
}

// Sets a flag for the lifetime of the guard.
class ScopedFlag {
public:
  explicit ScopedFlag(bool& flag) : flag_(flag) { flag_ = true; }
  ScopedFlag(const ScopedFlag&) = delete;
  ScopedFlag& operator=(const ScopedFlag&) = delete;
  ~ScopedFlag() { flag_ = false; }

private:
  bool& flag_;
};

} // namespace

// Pushes a frame on the import chain for the lifetime of the guard.
class ImportResolver::ChainGuard {
public:
  ChainGuard(std::vector<const Frame*>& chain, const Frame& frame) : chain_(chain) {
    chain_.push_back(&frame);
  }
  ChainGuard(const ChainGuard&) = delete;
  ChainGuard& operator=(const ChainGuard&) = delete;
  ~ChainGuard() { chain_.pop_back(); }

private:
  std::vector<const Frame*>& chain_;
};

ImportResolver::ImportResolver(LoadOptions options)
    : options_(with_defaults(std::move(options))), reader_(options_) {
}

ExprPtr ImportResolver::resolve(const ExprPtr& expr, const ImportTarget& here,
                                const std::string& identity) {
  ImportTarget canonical = canonicalize(here);
  Frame root{canonical, location_text(canonical), identity};
  ChainGuard guard(chain_, root);
  return resolve_expr(expr, root);
}

ExprPtr ImportResolver::resolve_expr(const ExprPtr& expr, const Frame& here) {
  if (const auto* import = expr->as<Import>()) {
    return resolve_import(*import, expr->span(), here);
  }
  if (const auto* op = expr->as<BinOp>(); op != nullptr && op->op == Op::import_alt) {
    return resolve_alternative(*op, here);
  }
  return map_subexpressions(expr, [&](const ExprPtr& child) { return resolve_expr(child, here); });
}

ExprPtr ImportResolver::resolve_alternative(const BinOp& alternative, const Frame& here) {
  try {
    return resolve_expr(alternative.lhs, here);
  } catch (const AbsentImport& absent) {
    try {
      return resolve_expr(alternative.rhs, here);
    } catch (Error& error) {
      error.add_note("the left side of `?` failed first: " + absent.message());
      throw;
    }
  }
}

ExprPtr ImportResolver::resolve_import(const Import& import, const Span& site,
                                       const Frame& parent) {
  ImportTarget target = canonicalize(chain(parent.target, import.target));
  if (import.mode == ImportMode::location) {
    return location_value(target, site);
  }
  if (!referentially_sane(parent.target, target)) {
    throw Error(ErrorKind::import,
                "the remote import " + parent.key + " cannot import " + location_text(target) +
                    ": remote imports may only import other remote imports or `missing`",
                site);
  }
  if (!import.hash) {
    return resolve_target(std::move(target), import.mode, site, parent);
  }
  if (auto cached = from_integrity_cache(*import.hash)) {
    return cached;
  }
  ExprPtr value = resolve_target(target, import.mode, site, parent);
  return check_integrity(value, *import.hash, target, site);
}

ExprPtr ImportResolver::resolve_target(ImportTarget target, ImportMode mode, const Span& site,
                                       const Frame& parent) {
  std::string key = mode_key(mode) + location_text(target);
  if (auto found = outcomes_.find(key); found != outcomes_.end()) {
    if (found->second.value) {
      return found->second.value;
    }
    throw_copy(*found->second.failure, "imported from " + position_of(site, parent.key));
  }
  auto headers = headers_of(target, parent, site);
  Resource resource = reader_.read(target, parent.target, site, headers);
  if (resource.file) {
    record_dependency(*resource.file);
  }
  ExprPtr value;
  if (mode == ImportMode::raw_text) {
    auto text = text_literal(std::move(resource.contents), site);
    if (!text) {
      throw Error(ErrorKind::import,
                  location_text(target) + " is not UTF-8 text, so it cannot be imported as Text",
                  site);
    }
    value = *text;
  } else if (mode == ImportMode::raw_bytes) {
    value = bytes_literal(resource.contents, site);
  } else {
    value = resolve_code(std::move(resource), std::move(target), site, parent, key);
  }
  outcomes_[key] = Outcome{value, nullptr};
  return value;
}

ExprPtr ImportResolver::resolve_code(Resource resource, ImportTarget target, const Span& site,
                                     const Frame& parent, const std::string& key) {
  std::string location = location_text(target);
  Frame frame{std::move(target), location, resource.identity};
  check_chain_allows(frame, site);
  bool secret = resource.secret;
  try {
    return parse_resolve_check(std::move(resource), frame);
  } catch (const Error& error) {
    if (secret) {
      auto failure = without_secrets(error, std::get<EnvImport>(frame.target).name, site);
      outcomes_[key] = Outcome{nullptr, failure};
      throw_copy(*failure); // points at the import site already
    }
    outcomes_[key] = Outcome{nullptr, copy_of(error)};
    throw_copy(error, "imported from " + position_of(site, parent.key));
  }
}

ExprPtr ImportResolver::parse_resolve_check(Resource resource, const Frame& frame) {
  auto source = std::make_shared<const SourceFile>(
      SourceFile{std::move(resource.source_name), std::move(resource.contents)});
  ExprPtr parsed = parse(source);
  ChainGuard guard(chain_, frame);
  ExprPtr resolved = resolve_expr(parsed, frame);
  ValuePtr type = infer_type(resolved, &known_types_);
  ExprPtr value = normalize(resolved);
  known_types_.add(value, type);
  return value;
}

std::vector<HttpHeader> ImportResolver::headers_of(ImportTarget& target, const Frame& parent,
                                                   const Span& site) {
  auto* remote = std::get_if<RemoteImport>(&target);
  if (remote == nullptr) {
    return {};
  }
  std::vector<HttpHeader> inline_headers;
  if (remote->headers != nullptr) {
    ExprPtr resolved = resolve_expr(remote->headers, parent);
    ExprPtr type = quote(infer_type(resolved, &known_types_));
    // Relative imports of the fetched file inherit the headers: keep them
    // resolved, so they are not resolved again against another parent.
    remote->headers = normalize(resolved);
    inline_headers = request_headers(*remote->headers, *type, site);
  }
  return merge_headers(user_headers_for(origin_of(*remote), site), inline_headers);
}

std::vector<HttpHeader> ImportResolver::user_headers_for(const std::string& origin,
                                                         const Span& site) {
  if (!user_headers_) {
    if (loading_user_headers_) {
      throw Error(ErrorKind::import,
                  "cyclic import: the header configuration (env:DHALL_HEADERS or "
                  "headers.dhall) imports a remote file, whose request needs that configuration",
                  site);
    }
    ScopedFlag loading(loading_user_headers_);
    // A local, nameless parent: the configuration may read variables and
    // files whatever import needed it.
    Frame frame{LocalImport{FilePrefix::here, {}, ""}, "the header configuration", ""};
    ChainGuard guard(chain_, frame);
    ExprPtr resolved = resolve_expr(user_headers_expression(options_.environment), frame);
    ExprPtr type = quote(infer_type(resolved, &known_types_));
    user_headers_ = UserHeaders{normalize(resolved), type};
  }
  return headers_for_origin(*user_headers_->configuration, *user_headers_->type, origin, site);
}

ExprPtr ImportResolver::from_integrity_cache(const Sha256& hash) {
  std::string key = hash_key(hash);
  if (auto found = outcomes_.find(key); found != outcomes_.end()) {
    return found->second.value;
  }
  auto bytes = options_.integrity_cache->load(hash);
  if (!bytes) {
    return nullptr;
  }
  std::string entry = "the integrity cache entry " + cache_file_name(hash);
  if (sha256(*bytes) != hash) {
    warn("ignoring " + entry + ": its contents do not match its name");
    return nullptr;
  }
  ExprPtr value;
  try {
    value = decode(*bytes);
    known_types_.add(value, infer_type(value, &known_types_));
  } catch (const Error& error) {
    warn("ignoring " + entry + ": " + error.message());
    return nullptr;
  }
  outcomes_[key] = Outcome{value, nullptr};
  return value;
}

ExprPtr ImportResolver::check_integrity(const ExprPtr& value, const Sha256& hash,
                                        const ImportTarget& target, const Span& site) {
  ExprPtr normal_form = alpha_normalize(value);
  auto bytes = encode(*normal_form);
  Sha256 actual = sha256(bytes);
  if (actual != hash) {
    // The hash of a secret's normal form would help guess the secret.
    bool secret = std::holds_alternative<EnvImport>(target);
    throw Error(ErrorKind::import,
                "the integrity check of " + location_text(target) + " failed: expected " +
                    hash_key(hash) +
                    (secret ? "" : ", but its normal form hashes to " + hash_key(actual)),
                site);
  }
  try {
    options_.integrity_cache->store(hash, bytes);
  } catch (const Error& error) {
    warn(error.message());
  }
  if (ValuePtr type = known_types_.find(*value)) {
    known_types_.add(normal_form, type);
  }
  outcomes_[hash_key(hash)] = Outcome{normal_form, nullptr};
  return normal_form;
}

void ImportResolver::check_chain_allows(const Frame& child, const Span& site) const {
  if (chain_.size() >= options_.max_import_depth) {
    throw Error(ErrorKind::import,
                "imports nest more than " + std::to_string(options_.max_import_depth) +
                    " deep; the last one is " + child.key,
                site);
  }
  for (std::size_t at = 0; at < chain_.size(); ++at) {
    const Frame& ancestor = *chain_[at];
    bool same_file = !child.identity.empty() && ancestor.identity == child.identity;
    if (ancestor.key != child.key && !same_file) {
      continue;
    }
    std::string cycle;
    for (std::size_t member = at; member < chain_.size(); ++member) {
      cycle += chain_[member]->key + " imports ";
    }
    throw Error(ErrorKind::import, "cyclic import: " + cycle + child.key, site);
  }
}

void ImportResolver::record_dependency(const fs::path& file) {
  fs::path absolute = fs::absolute(file).lexically_normal();
  if (dependency_set_.insert(absolute.string()).second) {
    dependencies_.push_back(std::move(absolute));
  }
}

void ImportResolver::warn(const std::string& warning) const {
  if (options_.on_warning) {
    options_.on_warning(warning);
  }
}

} // namespace polar::dhall
