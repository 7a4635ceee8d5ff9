#include "binary/lazy_decode.h"

#include <optional>
#include <utility>

#include "binary/cbor.h"
#include "binary/decode.h"
#include "binary/labels.h"

namespace polar::dhall {
namespace {

using binary_label::Expression;
using Bytes = std::shared_ptr<const std::vector<std::uint8_t>>;

ExprPtr deferred_decode(const Bytes& bytes, std::span<const std::uint8_t> item) {
  auto offset = static_cast<std::size_t>(item.data() - bytes->data());
  return make_deferred_expr([bytes, offset, size = item.size()] {
    return decode(std::span(*bytes).subspan(offset, size));
  });
}

// The fields of `[7, {…}]` or `[8, {…}]`, each deferred; nullopt when the
// bytes are anything else or repeat a field, which the eager decoder then
// reports.
std::optional<Node> deferred_record(const Bytes& bytes) {
  cbor::Reader in(*bytes);
  if (in.peek().major != cbor::Major::array || in.array("an expression") != 2 ||
      in.peek().major != cbor::Major::unsigned_integer) {
    return std::nullopt;
  }
  auto kind = static_cast<Expression>(in.expect(cbor::Major::unsigned_integer, "a label"));
  if (kind != Expression::record_type && kind != Expression::record_literal) {
    return std::nullopt;
  }
  std::uint64_t size = in.map("fields");
  FieldMap fields;
  for (std::uint64_t i = 0; i < size; ++i) {
    Label name(in.text_view("a field name"));
    auto item = in.next_item();
    in.skip(item);
    if (!fields.emplace(name, deferred_decode(bytes, item)).second) {
      return std::nullopt; // repeated
    }
  }
  if (!in.at_end()) {
    return std::nullopt;
  }
  if (kind == Expression::record_type) {
    return RecordType{std::move(fields)};
  }
  return RecordLit{std::move(fields)};
}

} // namespace

ExprPtr decode_lazily(std::shared_ptr<const std::vector<std::uint8_t>> bytes) {
  std::optional<Node> record;
  try {
    record = deferred_record(bytes);
  } catch (const Error&) {
    // Malformed: decoding it eagerly says where and how.
  }
  if (!record) {
    return decode(*bytes);
  }
  return make_expr(std::move(*record));
}

} // namespace polar::dhall
