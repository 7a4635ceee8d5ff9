#include "imports/import_sites.h"

#include <algorithm>
#include <unordered_set>

#include "imports/subexpressions.h"

namespace polar::dhall {
namespace {

// Children of these are whole expressions in the grammar: `missing ... ? x`
// parses there as written.
bool holds_whole_expressions(const Expr& parent) {
  return parent.as<Let>() != nullptr || parent.as<RecordLit>() != nullptr ||
         parent.as<ListLit>() != nullptr || parent.as<Annot>() != nullptr ||
         parent.as<If>() != nullptr || parent.as<Lambda>() != nullptr ||
         parent.as<Pi>() != nullptr || parent.as<TextLit>() != nullptr ||
         parent.as<Assert>() != nullptr;
}

bool is_missing(const ExprPtr& expr) {
  const auto* import = expr->as<Import>();
  return import != nullptr && import->hash && std::holds_alternative<MissingImport>(import->target);
}

class SiteWalk {
public:
  std::vector<ImportSite> sites;

  void visit(const ExprPtr& expr, const ImportSite& context) {
    if (const auto* import = expr->as<Import>()) {
      add(expr, *import, context);
      return;
    }
    const auto* op = expr->as<BinOp>();
    if (op != nullptr && op->op == Op::import_alt) {
      ImportSite left = context;
      left.under_fallback = true;
      left.stands_alone = true;
      left.cache_pair = nullptr;
      visit(op->lhs, left);
      ImportSite right = context;
      right.stands_alone = false;
      right.in_alternative = true;
      right.cache_pair = is_missing(op->lhs) && op->rhs->as<Import>() != nullptr ? expr : nullptr;
      visit(op->rhs, right);
      return;
    }
    // Flat chains in a loop: a file of 100,000 lets must not overflow the stack.
    for_each_off_chain(expr, [&](const ExprPtr& child, const Expr& parent) {
      ImportSite child_context = context;
      child_context.cache_pair = nullptr;
      child_context.stands_alone = holds_whole_expressions(parent);
      visit(child, child_context);
    });
  }

private:
  void add(const ExprPtr& expr, const Import& import, const ImportSite& context) {
    // A desugared tree may hold one written import twice.
    if (expr->span().known() && !seen_.insert(expr->span().begin).second) {
      return;
    }
    ImportSite site = context;
    site.node = expr;
    sites.push_back(site);
    if (const auto* remote = std::get_if<RemoteImport>(&import.target);
        remote != nullptr && remote->headers) {
      ImportSite headers = context;
      headers.in_headers = true;
      headers.stands_alone = false;
      headers.cache_pair = nullptr;
      visit(remote->headers, headers);
    }
  }

  std::unordered_set<std::uint32_t> seen_;
};

} // namespace

std::vector<ImportSite> import_sites(const ExprPtr& file) {
  SiteWalk walk;
  ImportSite root;
  root.stands_alone = true;
  walk.visit(file, root);
  std::ranges::stable_sort(walk.sites, [](const ImportSite& a, const ImportSite& b) {
    return a.node->span().begin < b.node->span().begin;
  });
  return std::move(walk.sites);
}

} // namespace polar::dhall
