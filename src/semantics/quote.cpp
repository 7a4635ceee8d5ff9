// Read-back: Value → β-normal Expr, turning de Bruijn levels into `x@n`.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <unordered_map>
#include <utility>

#include "semantics/detail/eval_internal.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "semantics/normal_form_pieces.h"

namespace polar::dhall {
namespace {

// Thrown by a Quoter past its budget of nodes, caught where it was given.
struct OverBudget {};

class Quoter {
public:
  explicit Quoter(std::vector<Label> names, const Value* reading_back = nullptr,
                  bool keep_embeddings = false,
                  std::size_t max_nodes = std::numeric_limits<std::size_t>::max())
      : names_(std::move(names)), outermost_(names_.size()), reading_back_(reading_back),
        keep_embeddings_(keep_embeddings), nodes_left_(max_nodes) {}

  ExprPtr quote(const ValuePtr& value) {
    // The value of a resolved import is closed, so it reads back the same
    // under any binders: its embedding reads it back once for every
    // importer, and the trees share that syntax (docs/evaluation.md,
    // "Resolved imports").
    if (value.use_count() > 1 && value.get() != reading_back_) {
      if (const auto* embedding = detail::embedding_of(value.get())) {
        took_embedded_ = true;
        return keep_embeddings_ ? embedding->node() : embedding->syntax();
      }
    }
    // Outside every binder of the value, a value quotes to the same
    // expression wherever it occurs. Types share their parts (every schema
    // of a package has the same ObjectMeta type), so each shared part is
    // quoted once, and the result shares it too, which encoding exploits.
    // Under binders, so does a value in which no variable refers outside
    // it: a service's types under `λ(config : …)` (docs/evaluation.md,
    // "Hashing a shared graph").
    if (value.use_count() < 2) {
      return read_back(value);
    }
    bool outermost = names_.size() == outermost_;
    auto found = quoted_.find(value.get());
    if (found != quoted_.end() && found->second.closed) {
      return found->second.expr;
    }
    if (found != quoted_.end() && outermost) {
      // What holds it refers outside itself as this value does.
      lowest_level_ = std::min(lowest_level_, found->second.lowest_level);
      return found->second.expr;
    }
    detail::ClosedPart part(lowest_level_, static_cast<std::int64_t>(names_.size()));
    ExprPtr result = read_back(value);
    if (outermost || part.closed()) {
      quoted_.emplace(value.get(), Quoted{value, result, part.closed(), part.lowest()});
    }
    return result;
  }

  // Whether a result so far holds the syntax of an embedding.
  bool took_embedded() const { return took_embedded_; }

  Node operator()(const VConst& node) { return ConstRef{node.value}; }
  Node operator()(const VVar& node) { return variable(node); }
  Node operator()(const VLambda& node) {
    auto domain = quote(node.domain);
    return Lambda{node.body.param(), std::move(domain), under_binder(node.body)};
  }
  Node operator()(const VPi& node) {
    auto domain = quote(node.domain);
    return Pi{node.codomain.param(), std::move(domain), under_binder(node.codomain)};
  }
  Node operator()(const VApp& node) { return App{quote(node.fn), quote(node.arg)}; }
  Node operator()(const VBuiltin& node) {
    if (node.args.empty()) {
      return BuiltinRef{node.builtin};
    }
    auto fn = make_expr(BuiltinRef{node.builtin});
    for (std::size_t i = 0; i + 1 < node.args.size(); ++i) {
      fn = make_expr(App{std::move(fn), quote(node.args[i])});
    }
    return App{std::move(fn), quote(node.args.back())};
  }
  Node operator()(const VBool& node) { return BoolLit{node.value}; }
  Node operator()(const VNatural& node) { return NaturalLit{node.value}; }
  Node operator()(const VInteger& node) { return IntegerLit{node.value}; }
  Node operator()(const VDouble& node) { return DoubleLit{node.value}; }
  Node operator()(const VText& node) {
    TextLit text;
    text.chunks.reserve(node.chunks.size());
    for (const auto& chunk : node.chunks) {
      text.chunks.push_back(TextChunk{chunk.prefix, quote(chunk.value)});
    }
    text.tail = node.tail;
    return text;
  }
  Node operator()(const VBytes& node) { return BytesLit{node.bytes}; }
  Node operator()(const VDate& node) { return DateLit{node.year, node.month, node.day}; }
  Node operator()(const VTime& node) {
    return TimeLit{node.hour, node.minute, node.second_fraction, node.precision};
  }
  Node operator()(const VTimeZone& node) { return TimeZoneLit{node.minutes}; }
  Node operator()(const VList& node) {
    ListLit list;
    if (node.items.empty()) {
      list.type = quote(node.type);
    }
    list.items.reserve(node.items.size());
    for (const auto& item : node.items) {
      list.items.push_back(quote(item));
    }
    return list;
  }
  Node operator()(const VSome& node) { return Some{quote(node.value)}; }
  Node operator()(const VRecordType& node) { return RecordType{fields(node.fields)}; }
  Node operator()(const VRecordLit& node) { return RecordLit{fields(node.fields)}; }
  Node operator()(const VUnionType& node) { return UnionType{fields(node.alternatives)}; }
  Node operator()(const VInject& node) {
    auto constructor = Field{quote(node.union_type), node.tag};
    if (!node.payload) {
      return constructor;
    }
    return App{make_expr(std::move(constructor)), quote(node.payload)};
  }
  Node operator()(const VIf& node) {
    return If{quote(node.condition), quote(node.then_branch), quote(node.else_branch)};
  }
  Node operator()(const VOp& node) { return BinOp{node.op, quote(node.lhs), quote(node.rhs)}; }
  Node operator()(const VField& node) { return Field{quote(node.record), node.name}; }
  Node operator()(const VProject& node) { return Project{quote(node.record), node.labels}; }
  Node operator()(const VMerge& node) {
    return Merge{quote(node.handlers), quote(node.union_value), optional(node.type)};
  }
  Node operator()(const VToMap& node) { return ToMap{quote(node.record), optional(node.type)}; }
  Node operator()(const VShowConstructor& node) { return ShowConstructor{quote(node.value)}; }
  Node operator()(const VAssert& node) { return Assert{quote(node.type)}; }
  Node operator()(const VWith& node) {
    return With{quote(node.record), node.path, quote(node.value)};
  }

private:
  struct Quoted {
    ValuePtr value; // keeps the address, the key, from being reused
    ExprPtr expr;
    bool closed; // no variable refers outside it: the same at any depth
    // The lowest level of its variables (levels are absolute: for an open
    // value met again at the same depth, outside every binder).
    std::int64_t lowest_level;
  };

  ExprPtr read_back(const ValuePtr& value) {
    detail::DepthGuard guard;
    if (nodes_left_-- == 0) {
      throw OverBudget{};
    }
    if (value->is<VApp>() || value->is<VOp>()) {
      return read_back_chain(value);
    }
    return make_expr(std::visit(*this, value->node()));
  }

  // A neutral application spine `f a b c` or operator chain `x + y + z` in
  // a loop, innermost link first (syntax/spine.h).
  ExprPtr read_back_chain(const ValuePtr& top) {
    std::vector<const Value*> links;
    const ValuePtr* bottom = &top;
    for (;;) {
      if (const auto* app = (*bottom)->as<VApp>()) {
        links.push_back(bottom->get());
        bottom = &app->fn;
      } else if (const auto* op = (*bottom)->as<VOp>()) {
        links.push_back(bottom->get());
        bottom = &op->lhs;
      } else {
        break;
      }
    }
    ExprPtr expr = quote(*bottom);
    for (auto link = links.rbegin(); link != links.rend(); ++link) {
      if (const auto* app = (*link)->as<VApp>()) {
        expr = make_expr(App{std::move(expr), quote(app->arg)});
      } else {
        const auto* op = (*link)->as<VOp>();
        expr = make_expr(BinOp{op->op, std::move(expr), quote(op->rhs)});
      }
    }
    return expr;
  }
  ExprPtr optional(const ValuePtr& value) { return value ? quote(value) : nullptr; }

  FieldMap fields(const ValueFieldMap& values) {
    FieldMap result;
    for (const auto& [label, value] : values) {
      result.emplace_hint(result.end(), label, optional(value));
    }
    return result;
  }
  FieldMap fields(const LazyFieldMap& values) {
    FieldMap result;
    for (const auto& [label, value] : values) {
      result.emplace_hint(result.end(), label, quote(value.force()));
    }
    return result;
  }

  // Instantiates the closure with a fresh variable at the next level and
  // quotes its body with that name in scope.
  ExprPtr under_binder(const Closure& closure) {
    auto level = static_cast<std::int64_t>(names_.size());
    auto body = closure.apply(make_var(closure.param(), level));
    names_.push_back(closure.param());
    struct Pop {
      std::vector<Label>& names;
      ~Pop() { names.pop_back(); }
    } pop{names_};
    return quote(body);
  }

  Node variable(const VVar& var) {
    lowest_level_ = std::min(lowest_level_, var.level);
    // The index counts the binders of the same name between the variable's
    // binder and the point of use.
    std::uint64_t index = 0;
    std::size_t first_inner = 0;
    if (var.level >= 0) {
      if (static_cast<std::size_t>(var.level) >= names_.size()) {
        throw Error(ErrorKind::type, "variable `" + var.name.str() + "` escapes its scope");
      }
      first_inner = static_cast<std::size_t>(var.level) + 1;
    } else {
      index = static_cast<std::uint64_t>(-(var.level + 1));
    }
    for (auto position = first_inner; position < names_.size(); ++position) {
      if (names_[position] == var.name) {
        ++index;
      }
    }
    return Var{var.name, Natural(index)};
  }

  std::vector<Label> names_;
  // The size of names_ outside every binder of the value quoted.
  std::size_t outermost_;
  // The embedded value being read back by its embedding, or null.
  const Value* reading_back_;
  // Whether embedded values read back as their Embedded nodes (for syntax
  // that is evaluated again) rather than as their syntax.
  bool keep_embeddings_;
  // Each read_back makes at least one node of its own.
  std::size_t nodes_left_;
  bool took_embedded_ = false;
  // The lowest level a variable of the value being read back has (negative
  // for a free one), to tell which values are closed.
  std::int64_t lowest_level_ = 0;
  // Shared values quoted outside every binder, and closed ones under
  // binders, by address.
  std::unordered_map<const Value*, Quoted> quoted_;
};

} // namespace

ExprPtr quote(const ValuePtr& value, const std::vector<Label>& names) {
  detail::EagerRecordTypes eager;
  return Quoter(names).quote(value);
}

ExprPtr detail::quote_keeping_embeddings(const ValuePtr& value, const std::vector<Label>& names) {
  detail::EagerRecordTypes eager;
  return Quoter(names, nullptr, true).quote(value);
}

ExprPtr quote_referring_to_embeddings(const ValuePtr& value, const Value* self,
                                      std::size_t max_nodes) {
  detail::EagerRecordTypes eager;
  try {
    return Quoter({}, self, true, max_nodes).quote(value);
  } catch (const OverBudget&) {
    return nullptr;
  }
}

ExprPtr detail::quote_embedded(const ValuePtr& value, bool& holds_embedded) {
  detail::EagerRecordTypes eager;
  Quoter quoter({}, value.get());
  ExprPtr result = quoter.quote(value);
  holds_embedded = quoter.took_embedded();
  return result;
}

void read_back_in_pieces(const ValuePtr& value, NormalFormPieces& pieces) {
  detail::EagerRecordTypes eager;
  // One quoter for all pieces: a value they share reads back once, and its
  // α-normal form is made once (a render's union type, at every resource).
  // No binder is crossed above a piece, so each piece's α-normal form is
  // the one it has inside the whole.
  Quoter quoter({});
  std::unordered_map<const Expr*, std::pair<ExprPtr, ExprPtr>> shared_normal_forms;
  auto normal_form = [&](const ValuePtr& part) {
    ExprPtr quoted = quoter.quote(part);
    if (quoted.use_count() < 2) {
      return alpha_normalize(quoted); // read back for this place alone
    }
    auto [found, inserted] = shared_normal_forms.try_emplace(quoted.get());
    if (inserted) {
      found->second = {quoted, alpha_normalize(quoted)};
    }
    return found->second.second;
  };
  std::function<void(const ValuePtr&)> walk = [&](const ValuePtr& part) {
    detail::DepthGuard guard;
    if (const auto* record = part->as<VRecordLit>()) {
      pieces.record_literal(record->fields.size());
      for (const auto& [label, field] : record->fields) {
        pieces.field(label);
        walk(field.force());
      }
    } else if (const auto* list = part->as<VList>(); list != nullptr && !list->items.empty()) {
      pieces.list_literal(list->items.size());
      for (const auto& item : list->items) {
        walk(item);
      }
    } else if (const auto* some = part->as<VSome>()) {
      pieces.some();
      walk(some->value);
    } else if (const auto* inject = part->as<VInject>(); inject != nullptr && inject->payload) {
      pieces.injection(normal_form(inject->union_type), inject->tag);
      walk(inject->payload);
    } else {
      pieces.piece(normal_form(part));
    }
  };
  walk(value);
}

ExprPtr normalize(const ExprPtr& expr) {
  return quote(eval(Env{}, expr));
}

} // namespace polar::dhall
