#include "binary/decode.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "binary/cbor.h"
#include "binary/detail/array_index.h"
#include "binary/detail/labels.h"
#include "syntax/literals.h"

namespace polar::dhall {
namespace {

using binary_label::Expression;
using binary_label::ImportKind;
using cbor::Major;

const Label underscore{"_"};

// Decoded `Time` literals may not claim more fractional digits than this.
// The standard asks for nanoseconds (9); the cap keeps a few bytes of CBOR
// from describing a literal that takes gigabytes to print.
constexpr std::uint64_t max_time_precision = 10000;

bool is_leap_year(std::uint64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

std::uint64_t days_in_month(std::uint64_t year, std::uint64_t month) {
  constexpr std::uint8_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// make_expr in a function of its own: the temporary Node, the largest
// object involved, then lives outside the frames of the recursive decoder.
template <typename T>
ExprPtr build(T node) {
  return make_expr(Node(std::move(node)));
}

// How deeply arrays and maps can nest in an expression that decodes: a level
// of syntax tree is one array, plus a map for record and union fields.
constexpr std::size_t max_cbor_nesting = 2 * max_decode_depth + 2;

std::shared_ptr<const cbor::ArrayIndex> index_of(std::span<const std::uint8_t> bytes) {
  auto index = cbor::ArrayIndex::of_item(bytes, max_cbor_nesting);
  return index ? std::make_shared<const cbor::ArrayIndex>(std::move(*index)) : nullptr;
}

class Decoder {
public:
  Decoder(std::span<const std::uint8_t> bytes, References references)
      : in_(bytes), arrays_(index_of(bytes)), references_(std::move(references)) {}

  // Decodes `owner`'s bytes deferring record types' fields. `arrays`, when
  // given, indexes an item that holds these bytes at offset `base` (deferred
  // fields share their parent's index rather than index their bytes again).
  Decoder(const SharedBytes& owner, std::shared_ptr<const cbor::ArrayIndex> arrays,
          std::size_t base, References references)
      : in_(owner.span()), arrays_(arrays ? std::move(arrays) : index_of(owner.span())),
        array_base_(arrays_ ? base : 0),
        array_cursor_(arrays_ ? arrays_->first_at_or_after(array_base_) : 0),
        references_(std::move(references)), owner_(&owner) {}

  ExprPtr document() {
    ExprPtr result = expr();
    if (!in_.at_end()) {
      in_.fail("unexpected bytes after the expression");
    }
    return result;
  }

private:
  // Counts the levels of syntax tree above the expression being decoded,
  // one per expression (flat chains of applications and lets are one CBOR
  // array and count one level: syntax/spine.h).
  class Nesting {
  public:
    explicit Nesting(Decoder& decoder, std::uint64_t levels = 1)
        : decoder_(decoder), levels_(levels) {
      decoder_.depth_ += levels_;
      if (decoder_.depth_ > max_decode_depth) {
        decoder_.too_deep();
      }
      decoder_.deepest_ = std::max(decoder_.deepest_, decoder_.depth_);
    }
    ~Nesting() { decoder_.depth_ -= levels_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

  private:
    Decoder& decoder_;
    std::uint64_t levels_;
  };

  [[noreturn]] void too_deep() {
    in_.fail("expressions nested more than " + std::to_string(max_decode_depth) + " deep");
  }

  // Identical bytes decode to identical trees, so each distinct item is
  // decoded once and shared (hash-consing): normal forms repeat their types
  // everywhere (dhall-kubernetes' 2.5 MB decode to a few percent of the
  // nodes a tree would need), and the evaluator and type checker visit
  // shared nodes once. Entries remember the height of their tree, so a
  // shared subtree still counts fully against max_decode_depth.
  struct ItemKey {
    std::string_view bytes; // a view into the input, which outlives the decoder
    std::size_t hash;
    bool operator==(const ItemKey& other) const { return bytes == other.bytes; }
  };
  struct ItemHash {
    std::size_t operator()(const ItemKey& key) const { return key.hash; }
  };
  // Weak: a deferred field's decoder holds the table, and the table would
  // otherwise hold the field (a cycle keeping unread or failed fields, the
  // table and the bytes alive for the whole process). What is shared lives
  // in the trees that hold it, which is as long as sharing it helps.
  struct Shared {
    std::weak_ptr<const Expr> expr;
    std::size_t height;
  };

  // Every nested expression passes through here, so the functions on this
  // recursive path keep their frames small: no string temporaries, and all
  // non-recursive work in separate functions.
  ExprPtr expr() {
    Nesting nesting(*this);
    auto key = shareable_item();
    // A deferred field's own item maps to the deferred node in the shared
    // table: decoding it must not find itself there.
    if (!key || std::exchange(decoding_deferred_root_, false)) {
      return in_.peek().major == Major::array ? array() : atom();
    }
    if (ExprPtr shared = find_shared(*key)) {
      in_.skip(as_bytes(key->bytes));
      return shared;
    }
    std::size_t outer_deepest = deepest_;
    deepest_ = depth_;
    ExprPtr result = in_.peek().major == Major::array ? array() : atom();
    remember(*key, result, deepest_ - depth_);
    deepest_ = std::max(outer_deepest, deepest_);
    return result;
  }

  // The bytes of the next item and their hash, or none when the input is
  // malformed there (or the index could not be built). Decoding then goes on
  // unshared, so that the error reported is the one decoding meets first (a
  // bad hash, say, rather than the truncation after it).
  std::optional<ItemKey> shareable_item() {
    if (!arrays_) {
      return std::nullopt;
    }
    try {
      if (in_.peek().major == Major::array) {
        // Arrays come from the index: re-reading them here would cost their
        // size at every level of nesting.
        const auto* array = arrays_->find(array_base_ + in_.position(), array_cursor_);
        if (array == nullptr) {
          return std::nullopt;
        }
        return ItemKey{as_text(in_.next_bytes(array->size)), array->hash};
      }
      // Anything else is a short atom (or malformed, and fails soon).
      auto bytes = as_text(in_.next_item());
      return ItemKey{bytes, std::hash<std::string_view>{}(bytes)};
    } catch (const Error&) {
      arrays_.reset();
      return std::nullopt;
    }
  }

  static std::string_view as_text(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
  static std::span<const std::uint8_t> as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
  }

  // The live expression decoded from the same bytes, or null.
  ExprPtr find_shared(const ItemKey& key) {
    auto found = shared_->find(key);
    if (found == shared_->end()) {
      return nullptr;
    }
    ExprPtr expr = found->second.expr.lock();
    if (!expr) {
      return nullptr;
    }
    if (depth_ + found->second.height > max_decode_depth) {
      too_deep();
    }
    deepest_ = std::max(deepest_, depth_ + found->second.height);
    return expr;
  }

  // Replaces an entry whose expression is gone.
  void remember(const ItemKey& key, const ExprPtr& expr, std::size_t height) {
    shared_->insert_or_assign(key, Shared{expr, height});
  }

  // Expressions that are not arrays: `_` variables, built-ins, literals.
  ExprPtr atom() {
    cbor::Head head = in_.peek();
    switch (head.major) {
    case Major::unsigned_integer:
      return build(Var{underscore, in_.natural("a variable index")});
    case Major::tag:
      if (head.argument == cbor::tag_positive_bignum) {
        return build(Var{underscore, in_.natural("a variable index")});
      }
      in_.fail("unexpected tag " + std::to_string(head.argument));
    case Major::text_string:
      return builtin();
    case Major::simple:
      return simple(head);
    case Major::array:
    case Major::negative_integer:
    case Major::byte_string:
    case Major::map:
      break;
    }
    in_.fail("this kind of CBOR item is not an expression");
  }

  ExprPtr optional_expr() { return take_null() ? nullptr : expr(); }

  bool take_null() {
    cbor::Head head = in_.peek();
    if (head.major == Major::simple && head.info == cbor::simple_null) {
      in_.skip_simple();
      return true;
    }
    return false;
  }

  bool boolean(std::string_view what) {
    cbor::Head head = in_.peek();
    if (head.major != Major::simple ||
        (head.info != cbor::simple_true && head.info != cbor::simple_false)) {
      in_.fail("expected a boolean for " + std::string(what));
    }
    in_.skip_simple();
    return head.info == cbor::simple_true;
  }

  Label label(std::string_view what) { return Label(in_.text_view(what)); }

  std::uint64_t small(std::string_view what, std::uint64_t max) {
    std::uint64_t value = in_.expect(Major::unsigned_integer, what);
    if (value > max) {
      in_.fail(std::string(what) + " " + std::to_string(value) + " is out of range");
    }
    return value;
  }

  void arity(bool ok, std::string_view what) {
    if (!ok) {
      in_.fail("wrong number of elements for " + std::string(what));
    }
  }

  ExprPtr builtin() {
    std::string_view name = in_.text_view("a built-in");
    if (auto builtin = builtin_from_name(name)) {
      return build(BuiltinRef{*builtin});
    }
    if (auto constant = const_from_name(name)) {
      return build(ConstRef{*constant});
    }
    in_.fail("unknown built-in \"" + std::string(name) + "\"");
  }

  ExprPtr simple(const cbor::Head& head) {
    in_.skip_simple();
    switch (head.info) {
    case cbor::simple_false:
      return build(BoolLit{false});
    case cbor::simple_true:
      return build(BoolLit{true});
    case cbor::float_half:
      return build(DoubleLit{cbor::half_to_double(static_cast<std::uint16_t>(head.argument))});
    case cbor::float_single:
      return build(DoubleLit{std::bit_cast<float>(static_cast<std::uint32_t>(head.argument))});
    case cbor::float_double:
      return build(DoubleLit{std::bit_cast<double>(head.argument)});
    default:
      in_.fail("simple value " + std::to_string(head.argument) + " is not an expression");
    }
  }

  // An array is a named variable ["x", n] or starts with a label.
  ExprPtr array() {
    std::uint64_t length = in_.array("an expression");
    if (length == 0) {
      in_.fail("an empty array is not an expression");
    }
    if (in_.peek().major == Major::text_string) {
      return named_variable(length);
    }
    auto kind = small("an expression label", 255);
    if (kind == reference_label && references_) {
      return reference(length - 1);
    }
    return labelled(static_cast<Expression>(kind), length - 1);
  }

  // [reference_label, kind, key]: the expression the lookup gives.
  ExprPtr reference(std::uint64_t count) {
    arity(count == 2, "a reference");
    auto kind = in_.expect(Major::unsigned_integer, "a reference kind");
    auto key = in_.bytes("a reference key");
    ExprPtr referred = (*references_)(kind, key);
    if (!referred) {
      in_.fail("a reference to an unknown expression");
    }
    return referred;
  }

  ExprPtr named_variable(std::uint64_t length) {
    arity(length == 2, "a variable");
    Label name = label("a variable name");
    if (name == underscore) {
      in_.fail("the variable _ must be encoded as a bare index");
    }
    return build(Var{name, in_.natural("a variable index")});
  }

  // `count` elements follow the label. Each case only calls a function, which
  // keeps this frame small.
  ExprPtr labelled(Expression kind, std::uint64_t count) {
    switch (kind) {
    case Expression::application:
      return application(count);
    case Expression::lambda:
    case Expression::pi:
      return binder(kind, count);
    case Expression::operator_:
      return operator_(count);
    case Expression::list:
      return list(count);
    case Expression::empty_list:
      return empty_list(count);
    case Expression::some:
      return some(count);
    case Expression::merge:
      return merge(count);
    case Expression::record_type:
      return record_type(count);
    case Expression::record_literal:
      return record_literal(count);
    case Expression::field:
      return field(count);
    case Expression::projection:
      return projection(count);
    case Expression::union_type:
      return union_type(count);
    case Expression::if_:
      return if_(count);
    case Expression::natural:
      return natural(count);
    case Expression::integer:
      return integer(count);
    case Expression::text:
      return text(count);
    case Expression::assert_:
      return assert_(count);
    case Expression::import:
      return import(count);
    case Expression::let:
      return let(count);
    case Expression::annotation:
      return annotation(count);
    case Expression::to_map:
      return to_map(count);
    case Expression::with:
      return with(count);
    case Expression::date:
      return date(count);
    case Expression::time:
      return time(count);
    case Expression::time_zone:
      return time_zone(count);
    case Expression::bytes:
      return bytes(count);
    case Expression::show_constructor:
      return show_constructor(count);
    }
    unknown_label(kind);
  }

  [[noreturn]] void unknown_label(Expression kind) {
    in_.fail("unknown expression label " + std::to_string(static_cast<int>(kind)));
  }

  ExprPtr empty_list(std::uint64_t count) {
    arity(count == 1, "an empty list");
    return build(ListLit{expr(), {}});
  }

  ExprPtr some(std::uint64_t count) {
    arity(count == 2, "Some");
    if (!take_null()) {
      in_.fail("the type of Some must be null");
    }
    return build(Some{expr()});
  }

  ExprPtr record_type(std::uint64_t count) {
    arity(count == 1, "a record type");
    return build(RecordType{fields("a record type", false, owner_ != nullptr)});
  }

  ExprPtr record_literal(std::uint64_t count) {
    arity(count == 1, "a record literal");
    return build(RecordLit{fields("a record literal", false)});
  }

  ExprPtr union_type(std::uint64_t count) {
    arity(count == 1, "a union type");
    return build(UnionType{fields("a union type", true)});
  }

  ExprPtr natural(std::uint64_t count) {
    arity(count == 1, "a Natural literal");
    return build(NaturalLit{in_.natural("a Natural literal")});
  }

  ExprPtr integer(std::uint64_t count) {
    arity(count == 1, "an Integer literal");
    return build(IntegerLit{in_.integer("an Integer literal")});
  }

  ExprPtr assert_(std::uint64_t count) {
    arity(count == 1, "assert");
    return build(Assert{expr()});
  }

  ExprPtr bytes(std::uint64_t count) {
    arity(count == 1, "a Bytes literal");
    return build(BytesLit{in_.bytes("a Bytes literal")});
  }

  ExprPtr show_constructor(std::uint64_t count) {
    arity(count == 1, "showConstructor");
    return build(ShowConstructor{expr()});
  }

  ExprPtr application(std::uint64_t count) {
    arity(count >= 2, "a function application");
    // The applications below the outermost one are links of a flat chain
    // (syntax/spine.h), which every consumer follows in a loop: they do not
    // count against max_decode_depth.
    ExprPtr result = expr();
    for (std::uint64_t i = 1; i < count; ++i) {
      ExprPtr arg = expr();
      result = build(App{std::move(result), std::move(arg)});
    }
    return result;
  }

  // [1|2, A, b] binds `_`; [1|2, "x", A, b] binds any other name.
  ExprPtr binder(Expression kind, std::uint64_t count) {
    arity(count == 2 || count == 3, "a function or function type");
    Label name = underscore;
    if (count == 3) {
      name = label("a bound variable");
      if (name == underscore) {
        in_.fail("a binder named _ must use the short form");
      }
    }
    ExprPtr type = expr();
    ExprPtr body = expr();
    if (kind == Expression::lambda) {
      return build(Lambda{name, std::move(type), std::move(body)});
    }
    return build(Pi{name, std::move(type), std::move(body)});
  }

  ExprPtr operator_(std::uint64_t count) {
    arity(count == 3, "an operator");
    auto op = static_cast<Op>(
        small("an operator code", static_cast<std::uint64_t>(Op::record_completion)));
    ExprPtr lhs = expr();
    ExprPtr rhs = expr();
    return build(BinOp{op, std::move(lhs), std::move(rhs)});
  }

  // [4, T] is `[] : List T`; [4, null, a, b, …] is a non-empty list.
  ExprPtr list(std::uint64_t count) {
    arity(count >= 1, "a list");
    if (!take_null()) {
      arity(count == 1, "an empty list (a non-empty list has no type)");
      return empty_list_of(expr());
    }
    arity(count >= 2, "a list (an empty list needs a type)");
    std::vector<ExprPtr> items;
    items.reserve(static_cast<std::size_t>(count - 1));
    for (std::uint64_t i = 1; i < count; ++i) {
      items.push_back(expr());
    }
    return build(ListLit{nullptr, std::move(items)});
  }

  static ExprPtr empty_list_of(ExprPtr element_type) {
    ExprPtr list_type = build(App{build(BuiltinRef{Builtin::list}), std::move(element_type)});
    return build(ListLit{std::move(list_type), {}});
  }

  ExprPtr merge(std::uint64_t count) {
    arity(count == 2 || count == 3, "merge");
    ExprPtr handlers = expr();
    ExprPtr union_value = expr();
    ExprPtr type = count == 3 ? expr() : nullptr;
    return build(Merge{std::move(handlers), std::move(union_value), std::move(type)});
  }

  // A map from labels to expressions; union alternatives may map to null.
  FieldMap fields(std::string_view what, bool allow_null, bool defer = false) {
    std::uint64_t size = in_.map(what);
    FieldMap result;
    for (std::uint64_t i = 0; i < size; ++i) {
      Label name = label("a field name");
      ExprPtr value = allow_null ? optional_expr() : defer ? deferred_expr() : expr();
      // Canonical CBOR lists fields in order: append at the end then.
      if (result.empty() || result.rbegin()->first < name) {
        result.emplace_hint(result.end(), name, std::move(value));
      } else if (!result.emplace(name, std::move(value)).second) {
        duplicate_field(name, what);
      }
    }
    return result;
  }

  // The next item as a Deferred node over its bytes, shared like any item;
  // atoms (and input the index does not cover) decode at once.
  ExprPtr deferred_expr() {
    auto key = shareable_item();
    if (!key || in_.peek().major != Major::array) {
      return expr();
    }
    auto item = as_bytes(key->bytes);
    in_.skip(item);
    if (ExprPtr shared = find_shared(*key)) {
      return shared;
    }
    auto offset = static_cast<std::size_t>(item.data() - owner_->span().data());
    SharedBytes field = owner_->subrange(offset, item.size());
    ExprPtr deferred = make_deferred_expr(
        [field, arrays = arrays_, base = array_base_ + offset, items = shared_, depth = depth_,
         references = references_] {
          Decoder decoder(field, arrays, base, references);
          decoder.shared_ = items;
          decoder.decoding_deferred_root_ = true;
          decoder.depth_ = depth; // nesting counts from the entry's top
          return decoder.document();
        },
        field.owner(), field.span());
    // Its height is unknown until it is decoded. Decoded, it counts its
    // nesting from where it was made; where it is shared deeper, the tree
    // can nest deeper than max_decode_depth, by at most what the entry's
    // size allows (a chain of n levels each spelled out in full is n²/2
    // bytes: thousands of levels for megabytes).
    remember(*key, deferred, 1);
    return deferred;
  }

  // The syntax tree cannot hold both; the type checker would reject them.
  [[noreturn]] void duplicate_field(Label name, std::string_view what) {
    in_.fail("duplicate field \"" + name.str() + "\" in " + std::string(what));
  }

  ExprPtr field(std::uint64_t count) {
    arity(count == 2, "a field access");
    ExprPtr record = expr();
    return build(Field{std::move(record), label("a field name")});
  }

  // [10, r, "x", "y", …] selects labels, [10, r, [T]] selects by type.
  ExprPtr projection(std::uint64_t count) {
    arity(count >= 1, "a projection");
    ExprPtr record = expr();
    if (count == 2 && in_.peek().major == Major::array) {
      arity(in_.array("a projection by type") == 1, "a projection by type");
      return build(ProjectByType{std::move(record), expr()});
    }
    std::vector<Label> labels;
    labels.reserve(static_cast<std::size_t>(count - 1));
    for (std::uint64_t i = 1; i < count; ++i) {
      labels.push_back(label("a projected field"));
    }
    return build(Project{std::move(record), std::move(labels)});
  }

  ExprPtr if_(std::uint64_t count) {
    arity(count == 3, "if");
    ExprPtr condition = expr();
    ExprPtr then_branch = expr();
    ExprPtr else_branch = expr();
    return build(If{std::move(condition), std::move(then_branch), std::move(else_branch)});
  }

  // [18, "a", b, "c", …, "z"]: text alternating with interpolations.
  ExprPtr text(std::uint64_t count) {
    arity(count % 2 == 1, "a Text literal");
    TextLit result;
    result.chunks.reserve(static_cast<std::size_t>(count / 2));
    for (std::uint64_t i = 0; i < count / 2; ++i) {
      std::string prefix = in_.text("a Text literal");
      result.chunks.push_back(TextChunk{std::move(prefix), expr()});
    }
    result.tail = in_.text("a Text literal");
    return build(std::move(result));
  }

  // [25, x, A, a, y, B, b, …, body], where A, B, … may be null.
  ExprPtr let(std::uint64_t count) {
    arity(count >= 4 && (count - 1) % 3 == 0, "let");
    struct Binding {
      Label name;
      ExprPtr annotation;
      ExprPtr value;
    };
    // The lets below the outermost one are a flat chain: no extra depth.
    std::vector<Binding> bindings;
    bindings.reserve(static_cast<std::size_t>((count - 1) / 3));
    for (std::uint64_t i = 0; i < (count - 1) / 3; ++i) {
      Label name = label("a let binding");
      ExprPtr annotation = optional_expr();
      bindings.push_back(Binding{name, std::move(annotation), expr()});
    }
    ExprPtr result = expr();
    for (auto it = bindings.rbegin(); it != bindings.rend(); ++it) {
      result =
          build(Let{it->name, std::move(it->annotation), std::move(it->value), std::move(result)});
    }
    return result;
  }

  ExprPtr annotation(std::uint64_t count) {
    arity(count == 2, "a type annotation");
    ExprPtr value = expr();
    ExprPtr type = expr();
    return build(Annot{std::move(value), std::move(type)});
  }

  ExprPtr to_map(std::uint64_t count) {
    arity(count == 1 || count == 2, "toMap");
    ExprPtr record = expr();
    ExprPtr type = count == 2 ? expr() : nullptr;
    return build(ToMap{std::move(record), std::move(type)});
  }

  // [29, e, [k, …], v] where each k is a field name or 0 for `?`.
  ExprPtr with(std::uint64_t count) {
    arity(count == 3, "with");
    ExprPtr record = expr();
    std::uint64_t length = in_.array("a with path");
    arity(length > 0, "a with path");
    std::vector<WithStep> path;
    path.reserve(static_cast<std::size_t>(length));
    for (std::uint64_t i = 0; i < length; ++i) {
      if (in_.peek().major == Major::text_string) {
        path.push_back(WithStep{false, label("a with path")});
      } else {
        small("a with path component", binary_label::with_descend_optional);
        path.push_back(WithStep{true, Label()});
      }
    }
    return build(With{std::move(record), std::move(path), expr()});
  }

  ExprPtr date(std::uint64_t count) {
    arity(count == 3, "a Date literal");
    std::uint64_t year = small("a year", 9999);
    std::uint64_t month = small("a month", 12);
    std::uint64_t day = small("a day", 31);
    if (month == 0 || day == 0 || day > days_in_month(year, month)) {
      in_.fail("invalid date");
    }
    return build(DateLit{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month),
                         static_cast<std::uint8_t>(day)});
  }

  // [31, hh, mm, 4([-precision, fraction])], with seconds below 60.
  ExprPtr time(std::uint64_t count) {
    arity(count == 3, "a Time literal");
    auto hour = static_cast<std::uint8_t>(small("an hour", 23));
    auto minute = static_cast<std::uint8_t>(small("a minute", 59));
    if (in_.expect(Major::tag, "seconds") != cbor::tag_decimal_fraction) {
      in_.fail("seconds must be a decimal fraction (tag 4)");
    }
    arity(in_.array("seconds") == 2, "seconds");
    Integer exponent = in_.integer("the seconds' exponent");
    Natural fraction = in_.natural("the seconds' mantissa");
    if (!exponent.magnitude().fits_uint64() ||
        exponent.magnitude().as_uint64() > max_time_precision ||
        (!exponent.negative() && !exponent.magnitude().is_zero())) {
      in_.fail("unsupported precision of seconds");
    }
    std::uint64_t precision = exponent.magnitude().as_uint64();
    Natural limit(60);
    for (std::uint64_t i = 0; i < precision; ++i) {
      limit = limit * Natural(10);
    }
    if (fraction >= limit) {
      in_.fail("seconds must be below 60");
    }
    return build(TimeLit{hour, minute, std::move(fraction), static_cast<std::uint32_t>(precision)});
  }

  ExprPtr time_zone(std::uint64_t count) {
    arity(count == 3, "a TimeZone literal");
    bool positive = boolean("a time zone's sign");
    auto hours = static_cast<int>(small("a time zone's hours", 23));
    auto minutes = static_cast<int>(small("a time zone's minutes", 59));
    int offset = hours * 60 + minutes;
    return build(TimeZoneLit{static_cast<std::int16_t>(positive ? offset : -offset)});
  }

  ExprPtr import(std::uint64_t count) {
    arity(count >= 3, "an import");
    Import result;
    if (!take_null()) {
      result.hash = integrity_check();
    }
    result.mode = static_cast<ImportMode>(
        small("an import mode", static_cast<std::uint64_t>(ImportMode::raw_bytes)));
    auto kind = static_cast<ImportKind>(
        small("an import type", static_cast<std::uint64_t>(ImportKind::missing)));
    count -= 3; // elements after the kind
    switch (kind) {
    case ImportKind::http:
    case ImportKind::https:
      result.target = remote(kind, count);
      break;
    case ImportKind::absolute:
    case ImportKind::here:
    case ImportKind::parent:
    case ImportKind::home:
      result.target = local(kind, count);
      break;
    case ImportKind::env:
      arity(count == 1, "an environment variable import");
      result.target = EnvImport{in_.text("an environment variable")};
      break;
    case ImportKind::missing:
      arity(count == 0, "missing");
      result.target = MissingImport{};
      break;
    }
    return build(std::move(result));
  }

  Sha256 integrity_check() {
    std::vector<std::uint8_t> multihash = in_.bytes("an integrity check");
    if (multihash.size() != 2 + std::tuple_size_v<Sha256> ||
        multihash[0] != binary_label::multihash_sha256 ||
        multihash[1] != binary_label::multihash_length) {
      in_.fail("an integrity check must be a SHA-256 multihash");
    }
    Sha256 digest;
    std::copy(multihash.begin() + 2, multihash.end(), digest.begin());
    return digest;
  }

  // `count` path elements: the directories, then the file.
  void path(std::uint64_t count, std::vector<std::string>& directory, std::string& file) {
    directory.reserve(static_cast<std::size_t>(count - 1));
    for (std::uint64_t i = 1; i < count; ++i) {
      directory.push_back(in_.text("a path component"));
    }
    file = in_.text("a path component");
  }

  LocalImport local(ImportKind kind, std::uint64_t count) {
    arity(count >= 1, "a path import");
    LocalImport result;
    switch (kind) {
    case ImportKind::absolute:
      result.prefix = FilePrefix::absolute;
      break;
    case ImportKind::parent:
      result.prefix = FilePrefix::parent;
      break;
    case ImportKind::home:
      result.prefix = FilePrefix::home;
      break;
    default:
      result.prefix = FilePrefix::here;
      break;
    }
    path(count, result.directory, result.file);
    return result;
  }

  // headers, authority, directories…, file, query
  RemoteImport remote(ImportKind kind, std::uint64_t count) {
    arity(count >= 4, "a URL import");
    RemoteImport result;
    result.scheme = kind == ImportKind::http ? Scheme::http : Scheme::https;
    result.headers = optional_expr();
    result.authority = in_.text("a URL authority");
    path(count - 3, result.directory, result.file);
    if (!take_null()) {
      result.query = in_.text("a URL query");
    }
    return result;
  }

  cbor::Reader in_;
  std::size_t depth_ = 0;
  std::size_t deepest_ = 0; // the deepest depth_ reached below the current item
  std::shared_ptr<const cbor::ArrayIndex> arrays_; // none: no sharing
  std::size_t array_base_ = 0;                     // the offset of in_ in the indexed item
  std::size_t array_cursor_ = 0;
  using SharedItems = std::unordered_map<ItemKey, Shared, ItemHash>;
  // Deferred fields decode into their parent's table: an item shared across
  // fields is decoded once wherever it is read first.
  std::shared_ptr<SharedItems> shared_ = std::make_shared<SharedItems>();
  References references_; // none: references are unknown labels
  bool decoding_deferred_root_ = false;
  const SharedBytes* owner_ = nullptr; // when record types' fields are deferred
};

} // namespace

ExprPtr decode(std::span<const std::uint8_t> bytes, References references) {
  return Decoder(bytes, std::move(references)).document();
}

ExprPtr decode_deferring_record_types(const SharedBytes& bytes, References references) {
  return Decoder(bytes, nullptr, 0, std::move(references)).document();
}

} // namespace polar::dhall
