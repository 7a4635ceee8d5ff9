#include "schema/kubernetes_import.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <cctype>
#include <map>

#include "syntax/printer.h"

namespace polar::schema {

using dhall::ExprPtr;
using dhall::Label;
using dhall::make_expr;

KubernetesPackage::Kind select_kind(const YamlStream& stream, std::size_t index,
                                    const KubernetesPackage& package) {
  std::optional<std::string> api_version = stream.top_level_string(index, "apiVersion");
  std::optional<std::string> kind = stream.top_level_string(index, "kind");
  if (!api_version || !kind) {
    throw dhall::Error(dhall::ErrorKind::type,
                       "a Kubernetes document needs a string `apiVersion` and `kind`",
                       stream.document_span(index));
  }
  if (auto selected = package.select(*api_version, *kind)) {
    return *selected;
  }
  std::vector<std::string> known = package.api_versions_of(*kind);
  throw dhall::Error(
      dhall::ErrorKind::type,
      known.empty()
          ? fmt::format("unknown kind `{}` (apiVersion `{}`): not in the Kubernetes package", *kind,
                        *api_version)
          : fmt::format("unknown apiVersion `{}` of kind `{}`: the Kubernetes package has {}",
                        *api_version, *kind, fmt::join(known, ", ")),
      stream.document_span(index));
}

namespace {

// "Deployment" -> "deployment", then "deployment2", ... for repeats.
std::string binding_name(const std::string& kind, std::map<std::string, int>& used) {
  std::string name = kind;
  name.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(name.front())));
  int count = ++used[name];
  return count == 1 ? name : name + std::to_string(count);
}

} // namespace

KubernetesImport import_kubernetes_yaml(const YamlStream& stream, const KubernetesPackage& package,
                                        const std::string& package_import, bool skip_unknown) {
  KubernetesImport result;
  struct Document {
    std::string name;
    std::string kind;
    ExprPtr value;
  };
  std::vector<Document> documents;
  std::map<std::string, int> used{{"kubernetes", 1}};
  for (std::size_t index = 0; index < stream.size(); ++index) {
    if (stream.is_empty(index)) {
      continue;
    }
    KubernetesPackage::Kind kind;
    try {
      kind = select_kind(stream, index, package);
    } catch (const dhall::Error&) {
      if (!skip_unknown) {
        throw;
      }
      result.skipped.push_back(
          fmt::format("{} {}", stream.top_level_string(index, "apiVersion").value_or("?"),
                      stream.top_level_string(index, "kind").value_or("?")));
      continue;
    }
    documents.push_back(Document{binding_name(kind.name, used), kind.name,
                                 stream.to_dhall(index, kind.type, package)});
  }
  if (documents.empty()) {
    throw dhall::Error(dhall::ErrorKind::type, "no document to import");
  }
  ExprPtr body;
  auto variable = [](const std::string& name) { return make_expr(dhall::Var{Label(name), 0}); };
  if (documents.size() == 1) {
    body = variable(documents.front().name);
  } else {
    std::vector<ExprPtr> items;
    for (const Document& document : documents) {
      ExprPtr alternative =
          make_expr(dhall::Field{package.member("Resource"), Label(document.kind)});
      items.push_back(make_expr(dhall::App{alternative, variable(document.name)}));
    }
    body = make_expr(dhall::ListLit{nullptr, std::move(items)});
  }
  for (auto document = documents.rbegin(); document != documents.rend(); ++document) {
    body = make_expr(dhall::Let{Label(document->name), nullptr, document->value, body});
  }
  result.source = fmt::format("let kubernetes = {}\n\n{}\n", package_import, dhall::print(*body));
  return result;
}

} // namespace polar::schema
