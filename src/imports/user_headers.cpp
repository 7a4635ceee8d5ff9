#include "imports/detail/user_headers.h"

#include <algorithm>
#include <cctype>

#include "binary/encode.h"
#include "imports/detail/location.h"
#include "imports/detail/request_headers.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

ExprPtr import_of(ImportTarget target) {
  return make_expr(Import{std::move(target), ImportMode::code, std::nullopt});
}

ExprPtr text_type() {
  return make_expr(BuiltinRef{Builtin::text});
}

ExprPtr list_of_maps(ExprPtr value_type) {
  return make_expr(App{make_expr(BuiltinRef{Builtin::list}),
                       make_expr(RecordType{{{Label("mapKey"), text_type()},
                                             {Label("mapValue"), std::move(value_type)}}})});
}

bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

const TextLit* plain_text(const ExprPtr& expr) {
  const auto* text = expr ? expr->as<TextLit>() : nullptr;
  return text != nullptr && text->chunks.empty() ? text : nullptr;
}

} // namespace

ExprPtr user_headers_expression(const EnvironmentLookup& environment) {
  ExprPtr configuration = make_expr(ListLit{list_of_maps(list_of_maps(text_type())), {}});
  auto prepend = [&](ImportTarget alternative) {
    configuration =
        make_expr(BinOp{Op::import_alt, import_of(std::move(alternative)), configuration});
  };
  prepend(LocalImport{FilePrefix::home, {".config", "dhall"}, "headers.dhall"});
  if (auto xdg = environment("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
    prepend(local_import_in_directory(std::filesystem::path(*xdg) / "dhall", "headers.dhall"));
  }
  prepend(EnvImport{"DHALL_HEADERS"});
  return configuration;
}

std::string origin_of(const RemoteImport& remote) {
  std::string authority = remote.authority;
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    authority.erase(0, at + 1);
  }
  auto colon = authority.rfind(':');
  auto bracket = authority.rfind(']'); // an IPv6 literal has colons of its own
  bool has_port = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  if (!has_port) {
    authority += remote.scheme == Scheme::https ? ":443" : ":80";
  }
  return authority;
}

std::vector<HttpHeader> headers_for_origin(const Expr& configuration, const Expr& type,
                                           const std::string& origin, const Span& site) {
  auto per_origin_type = list_of_maps(text_type());
  const auto* entries = configuration.as<ListLit>();
  if (entries == nullptr || encode(type) != encode(*list_of_maps(per_origin_type))) {
    throw Error(ErrorKind::type,
                "the header configuration must have type List { mapKey : Text, mapValue : "
                "List { mapKey : Text, mapValue : Text } }",
                site);
  }
  for (const auto& entry : entries->items) {
    const auto* fields = entry->as<RecordLit>();
    const auto* key = fields ? plain_text(fields->fields.at(Label("mapKey"))) : nullptr;
    if (key != nullptr && key->tail == origin) {
      return request_headers(*fields->fields.at(Label("mapValue")), *per_origin_type, site);
    }
  }
  return {};
}

std::vector<HttpHeader> merge_headers(std::vector<HttpHeader> user,
                                      const std::vector<HttpHeader>& inline_headers) {
  std::size_t configured = user.size();
  for (const auto& header : inline_headers) {
    bool overridden =
        std::any_of(user.begin(), user.begin() + static_cast<std::ptrdiff_t>(configured),
                    [&](const HttpHeader& mine) { return same_name(mine.first, header.first); });
    if (!overridden) {
      user.push_back(header);
    }
  }
  return user;
}

} // namespace polar::dhall
