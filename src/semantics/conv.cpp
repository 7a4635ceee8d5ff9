// Judgmental equality on values (standard/equivalence.md): two values are
// equal when their normal forms are α-equivalent, i.e. encode identically
// after α-normalization. Comparing values directly (rather than quoting)
// lets shared sub-values short-circuit on pointer equality.
#include <algorithm>
#include <bit>
#include <cmath>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

// The level of the next fresh variable conv introduces. Values only ever
// hold variables below this, so fresh variables never collide; the value is
// restored when a comparison ends, as its fresh variables cannot escape.
thread_local std::int64_t next_fresh_level = 0;

class FreshScope {
public:
  explicit FreshScope(std::int64_t at_least) : saved_(next_fresh_level), min_(at_least) {
    next_fresh_level = std::max(next_fresh_level, min_);
  }
  ~FreshScope() { next_fresh_level = saved_; }
  FreshScope(const FreshScope&) = delete;
  FreshScope& operator=(const FreshScope&) = delete;

private:
  std::int64_t saved_;
  std::int64_t min_;
};

bool equal(const ValuePtr& a, const ValuePtr& b);

bool equal_optional(const ValuePtr& a, const ValuePtr& b) {
  if (!a || !b) {
    return !a && !b;
  }
  return equal(a, b);
}

bool equal_closures(const Closure& a, const Closure& b) {
  auto fresh = make_var(a.param(), next_fresh_level++);
  return equal(a.apply(fresh), b.apply(fresh));
}

bool equal_fields(const ValueFieldMap& a, const ValueFieldMap& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& left, const auto& right) {
           return left.first == right.first && equal_optional(left.second, right.second);
         });
}

// Forces the fields pairwise, up to the first that differs, except pairs
// whose suspensions are equal unforced (decoded types from one package).
bool equal_fields(const LazyFieldMap& a, const LazyFieldMap& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& left, const auto& right) {
           return left.first == right.first && (left.second.has_same_suspension(right.second) ||
                                                equal(left.second.force(), right.second.force()));
         });
}

bool equal_lists(const std::vector<ValuePtr>& a, const std::vector<ValuePtr>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), equal);
}

// Doubles are equal when they encode identically: every NaN is the same
// NaN, and 0.0 differs from -0.0.
bool equal_doubles(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::isnan(a) && std::isnan(b);
  }
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool equal_paths(const std::vector<WithStep>& a, const std::vector<WithStep>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.descend_optional == y.descend_optional && (x.descend_optional || x.field == y.field);
  });
}

// Both nodes hold the same alternative T; compares their contents.
struct SameKind {
  bool operator()(const VConst& a, const VConst& b) const { return a.value == b.value; }
  bool operator()(const VVar& a, const VVar& b) const {
    return a.level == b.level && a.name == b.name;
  }
  bool operator()(const VLambda& a, const VLambda& b) const {
    return equal(a.domain, b.domain) && equal_closures(a.body, b.body);
  }
  bool operator()(const VPi& a, const VPi& b) const {
    return equal(a.domain, b.domain) && equal_closures(a.codomain, b.codomain);
  }
  bool operator()(const VApp& a, const VApp& b) const {
    return equal(a.fn, b.fn) && equal(a.arg, b.arg);
  }
  bool operator()(const VBuiltin& a, const VBuiltin& b) const {
    return a.builtin == b.builtin && equal_lists(a.args, b.args);
  }
  bool operator()(const VBool& a, const VBool& b) const { return a.value == b.value; }
  bool operator()(const VNatural& a, const VNatural& b) const { return a.value == b.value; }
  bool operator()(const VInteger& a, const VInteger& b) const { return a.value == b.value; }
  bool operator()(const VDouble& a, const VDouble& b) const {
    return equal_doubles(a.value, b.value);
  }
  bool operator()(const VText& a, const VText& b) const {
    return a.tail == b.tail &&
           std::equal(a.chunks.begin(), a.chunks.end(), b.chunks.begin(), b.chunks.end(),
                      [](const VTextChunk& x, const VTextChunk& y) {
                        return x.prefix == y.prefix && equal(x.value, y.value);
                      });
  }
  bool operator()(const VBytes& a, const VBytes& b) const { return a.bytes == b.bytes; }
  bool operator()(const VDate& a, const VDate& b) const {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  bool operator()(const VTime& a, const VTime& b) const {
    return a.hour == b.hour && a.minute == b.minute && a.second_fraction == b.second_fraction &&
           a.precision == b.precision;
  }
  bool operator()(const VTimeZone& a, const VTimeZone& b) const { return a.minutes == b.minutes; }
  bool operator()(const VList& a, const VList& b) const {
    if (!equal_optional(a.type, b.type) || a.items.size() != b.items.size()) {
      return false;
    }
    for (std::size_t index = 0; index < a.items.size(); ++index) {
      if (!equal(a.items[index], b.items[index])) {
        return false;
      }
    }
    return true;
  }
  bool operator()(const VSome& a, const VSome& b) const { return equal(a.value, b.value); }
  bool operator()(const VRecordType& a, const VRecordType& b) const {
    return equal_fields(a.fields, b.fields);
  }
  bool operator()(const VRecordLit& a, const VRecordLit& b) const {
    return equal_fields(a.fields, b.fields);
  }
  bool operator()(const VUnionType& a, const VUnionType& b) const {
    return equal_fields(a.alternatives, b.alternatives);
  }
  bool operator()(const VInject& a, const VInject& b) const {
    return a.tag == b.tag && equal(a.union_type, b.union_type) &&
           equal_optional(a.payload, b.payload);
  }
  bool operator()(const VIf& a, const VIf& b) const {
    return equal(a.condition, b.condition) && equal(a.then_branch, b.then_branch) &&
           equal(a.else_branch, b.else_branch);
  }
  bool operator()(const VOp& a, const VOp& b) const {
    return a.op == b.op && equal(a.lhs, b.lhs) && equal(a.rhs, b.rhs);
  }
  bool operator()(const VField& a, const VField& b) const {
    return a.name == b.name && equal(a.record, b.record);
  }
  bool operator()(const VProject& a, const VProject& b) const {
    return a.labels == b.labels && equal(a.record, b.record);
  }
  bool operator()(const VMerge& a, const VMerge& b) const {
    return equal(a.handlers, b.handlers) && equal(a.union_value, b.union_value) &&
           equal_optional(a.type, b.type);
  }
  bool operator()(const VToMap& a, const VToMap& b) const {
    return equal(a.record, b.record) && equal_optional(a.type, b.type);
  }
  bool operator()(const VShowConstructor& a, const VShowConstructor& b) const {
    return equal(a.value, b.value);
  }
  bool operator()(const VAssert& a, const VAssert& b) const { return equal(a.type, b.type); }
  bool operator()(const VWith& a, const VWith& b) const {
    return equal_paths(a.path, b.path) && equal(a.record, b.record) && equal(a.value, b.value);
  }
  // Different alternatives are never equal.
  template <typename A, typename B>
  bool operator()(const A&, const B&) const {
    return false;
  }
};

bool equal(const ValuePtr& a, const ValuePtr& b) {
  detail::DepthGuard guard;
  // Neutral application spines and operator chains are compared link by
  // link in a loop (syntax/spine.h), arguments and right operands first.
  const ValuePtr* left = &a;
  const ValuePtr* right = &b;
  for (;;) {
    if (*left == *right) {
      return true;
    }
    if (const auto* app = (*left)->as<VApp>()) {
      const auto* other = (*right)->as<VApp>();
      if (other == nullptr || !equal(app->arg, other->arg)) {
        return false;
      }
      left = &app->fn;
      right = &other->fn;
    } else if (const auto* op = (*left)->as<VOp>()) {
      const auto* other = (*right)->as<VOp>();
      if (other == nullptr || op->op != other->op || !equal(op->rhs, other->rhs)) {
        return false;
      }
      left = &op->lhs;
      right = &other->lhs;
    } else {
      break;
    }
  }
  if ((*left)->node().index() != (*right)->node().index()) {
    return false;
  }
  return std::visit(SameKind{}, (*left)->node(), (*right)->node());
}

// Levels callers assign stay far below this.
constexpr std::int64_t eval_fresh_base = std::int64_t{1} << 40;

} // namespace

bool conv(const ValuePtr& a, const ValuePtr& b, std::int64_t level) {
  FreshScope scope(level);
  detail::EagerRecordTypes eager;
  return equal(a, b);
}

bool detail::conv_during_eval(const ValuePtr& a, const ValuePtr& b) {
  FreshScope scope(eval_fresh_base);
  EagerRecordTypes eager;
  return equal(a, b);
}

bool equivalent(const ExprPtr& a, const ExprPtr& b) {
  return conv(eval(Env{}, a), eval(Env{}, b));
}

} // namespace polar::dhall
