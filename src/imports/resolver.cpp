#include "imports/detail/resolver.h"

#include <optional>
#include <utility>

#include "imports/detail/build_cache_collection.h"
#include "imports/detail/location_value.h"
#include "imports/detail/raw_import.h"
#include "imports/detail/request_headers.h"
#include "imports/detail/user_headers.h"
#include "imports/subexpressions.h"
#include "semantics/embedded.h"
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
  if (!options.is_secret_file) {
    options.is_secret_file = has_secret_file_name;
  }
  return options;
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

// Throws a copy of `error` with `note` added.
[[noreturn]] void throw_with_note(const Error& error, std::string note) {
  Error copy = error;
  copy.add_note(std::move(note));
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
  // Not error.with_message(): its notes may quote the value.
  if (error.is_absent_import()) {
    return std::make_shared<Error>(Error::absent_import(std::move(message), site));
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

std::string ImportResolver::memo_key(ImportMode mode, const std::string& location) {
  switch (mode) {
  case ImportMode::code:
    return "code " + location;
  case ImportMode::raw_text:
    return "text " + location;
  case ImportMode::raw_bytes:
    return "bytes " + location;
  case ImportMode::location:
    return "location " + location;
  }
  return location;
}

ImportResolver::ImportResolver(LoadOptions options)
    : options_(with_defaults(std::move(options))), reader_(options_),
      cache_writer_(options_.integrity_cache) {
  if (!options_.build_cache_directory.empty()) {
    build_cache_.emplace(options_.build_cache_directory, options_.on_warning);
    verified_pins_.emplace(options_.build_cache_directory, options_.on_warning);
  }
  referenced_ = std::make_shared<ReferencedImports>(build_cache_, options_.integrity_cache,
                                                    options_.on_warning);
}

LoadStatistics& ImportResolver::statistics() {
  statistics_.build_cache_results_read = referenced_->results_read();
  statistics_.build_cache_results_read_from_bundles = referenced_->results_read_from_bundles();
  return statistics_;
}

ImportResolver::~ImportResolver() {
  for (const std::string& failure : cache_writer_.finish()) {
    try {
      warn(failure);
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }
  if (build_cache_ && statistics_.build_cache_stores > 0 && options_.build_cache_max_bytes > 0) {
    try {
      collect_build_cache_now_and_then(options_.build_cache_directory,
                                       options_.build_cache_max_bytes, std::chrono::hours(1),
                                       options_.on_warning);
    } catch (...) { // NOLINT(bugprone-empty-catch): collecting is best effort
    }
  }
}

ExprPtr ImportResolver::resolve(const ExprPtr& expr, const ImportTarget& here,
                                const std::string& identity) {
  ImportTarget canonical = canonicalize(here);
  Frame root{canonical, location_text(canonical), identity};
  ChainGuard guard(chain_, root);
  root_record_ = {}; // cached by store_root only
  RecordingScope recording(*this, root_record_);
  return resolve_expr(expr, root);
}

ExprPtr ImportResolver::resolve_expr(const ExprPtr& expr, const Frame& here) {
  if (const auto* import = expr->as<Import>()) {
    ExprPtr value = resolve_import(*import, expr->span(), here);
    imported_.add(value);
    return value;
  }
  if (const auto* op = expr->as<BinOp>(); op != nullptr && op->op == Op::import_alt) {
    return resolve_alternative(*op, here);
  }
  return map_chain(expr, [&](const ExprPtr& child) { return resolve_expr(child, here); });
}

ExprPtr ImportResolver::resolve_alternative(const BinOp& alternative, const Frame& here) {
  try {
    return resolve_expr(alternative.lhs, here);
  } catch (const Error& absent) {
    if (!absent.is_absent_import()) {
      throw;
    }
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
  return resolve_protected(std::move(target), import.mode, *import.hash, site, parent);
}

ExprPtr ImportResolver::resolve_target(ImportTarget target, ImportMode mode, const Span& site,
                                       const Frame& parent) {
  std::string key = memo_key(mode, location_text(target));
  if (auto found = outcomes_.find(key); found != outcomes_.end()) {
    if (found->second.value) {
      recording_->add(found->second.contribution);
      return found->second.value;
    }
    // Whether `?` may fall back from a failure inside an import depends on
    // more than the importer's files.
    recording_->is_volatile = true;
    throw_with_note(*found->second.failure, "imported from " + position_of(site, parent.key));
  }
  Resource resource;
  try {
    auto headers = headers_of(target, parent, site);
    resource = reader_.read(target, parent.target, site, headers);
  } catch (const Error& error) {
    if (error.is_absent_import()) {
      note_absent(target, mode);
    }
    throw;
  }
  if (resource.file) {
    record_dependency(*resource.file);
  }
  Provenance contribution;
  if (mode != ImportMode::code) {
    contribution = raw_contribution(target, mode, resource);
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
    value = resolve_code(std::move(resource), std::move(target), site, parent, key, contribution);
  }
  outcomes_[key] = Outcome{value, nullptr, contribution};
  recording_->add(contribution);
  return value;
}

ExprPtr ImportResolver::resolve_code(Resource resource, ImportTarget target, const Span& site,
                                     const Frame& parent, const std::string& key,
                                     Provenance& contribution) {
  std::string location = location_text(target);
  Frame frame{std::move(target), location, resource.identity};
  check_chain_allows(frame, site);
  bool secret = resource.secret;
  try {
    return load_code(std::move(resource), frame, contribution);
  } catch (const Error& error) {
    recording_->is_volatile = true; // as for a memoized failure
    if (secret) {
      auto failure = without_secrets(error, std::get<EnvImport>(frame.target).name, site);
      outcomes_[key] = Outcome{nullptr, failure, {}};
      throw Error(*failure); // points at the import site already
    }
    outcomes_[key] = Outcome{nullptr, std::make_shared<Error>(error), {}};
    throw_with_note(error, "imported from " + position_of(site, parent.key));
  }
}

ExprPtr ImportResolver::parse_resolve_check(Resource resource, const Frame& frame,
                                            Provenance& record) {
  bool secret = resource.secret || (resource.file && options_.is_secret_file(*resource.file));
  auto source = std::make_shared<const SourceFile>(
      SourceFile{std::move(resource.source_name), std::move(resource.contents)});
  ExprPtr parsed = parse(source);
  ++statistics_.files_parsed;
  ChainGuard guard(chain_, frame);
  RecordingScope recording(*this, record);
  ExprPtr resolved = resolve_expr(parsed, frame);
  ValuePtr type = infer_type(resolved);
  ++statistics_.expressions_type_checked;
  // Kept as a value, read back as syntax only when bytes are needed
  // (docs/evaluation.md, "Resolved imports"). A value holds the syntax of
  // its closures, spans and all; a secret's must not reach anything that
  // might print a source line, so it is evaluated from its normal form.
  ValuePtr value = eval(Env{}, secret ? normalize(resolved) : resolved);
  return embed(std::move(value), std::move(type));
}

std::vector<HttpHeader> ImportResolver::headers_of(ImportTarget& target, const Frame& parent,
                                                   const Span& site) {
  auto* remote = std::get_if<RemoteImport>(&target);
  if (remote == nullptr) {
    return {};
  }
  std::vector<HttpHeader> inline_headers;
  if (remote->headers != nullptr) {
    // Headers never reach the result: a remote import without a hash is
    // volatile anyway and one with a hash is pinned by it.
    Provenance headers_record;
    RecordingScope recording(*this, headers_record);
    ExprPtr resolved = resolve_expr(remote->headers, parent);
    ExprPtr type = quote(infer_type(resolved));
    ++statistics_.expressions_type_checked;
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
    Provenance headers_record; // never reaches a result, as in headers_of
    RecordingScope recording(*this, headers_record);
    // A local, nameless parent: the configuration may read variables and
    // files whatever import needed it.
    Frame frame{LocalImport{FilePrefix::here, {}, ""}, "the header configuration", ""};
    ChainGuard guard(chain_, frame);
    ExprPtr resolved = resolve_expr(user_headers_expression(options_.environment), frame);
    ExprPtr type = quote(infer_type(resolved));
    ++statistics_.expressions_type_checked;
    user_headers_ = UserHeaders{normalize(resolved), type};
  }
  return headers_for_origin(*user_headers_->configuration, *user_headers_->type, origin, site);
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
