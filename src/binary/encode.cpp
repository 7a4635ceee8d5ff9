#include "binary/encode.h"

#include <algorithm>
#include <string>
#include <utility>

#include "binary/cbor.h"
#include "binary/detail/labels.h"
#include "syntax/literals.h"
#include "syntax/node_table.h"

namespace polar::dhall {
namespace {

using binary_label::Expression;
using binary_label::ImportKind;

const Label underscore{"_"};

// `[] : List T` has its own compact form; this finds the T.
const ExprPtr* list_element_type(const Expr& type) {
  const auto* app = type.as<App>();
  if (app == nullptr) {
    return nullptr;
  }
  const auto* fn = app->fn->as<BuiltinRef>();
  return fn != nullptr && fn->builtin == Builtin::list ? &app->arg : nullptr;
}

// Nodes without sub-expressions: copying a known encoding saves nothing.
bool is_leaf(const Expr& e) {
  return e.is<Var>() || e.is<BuiltinRef>() || e.is<ConstRef>() || e.is<BoolLit>() ||
         e.is<NaturalLit>() || e.is<IntegerLit>() || e.is<DoubleLit>() || e.is<BytesLit>() ||
         e.is<DateLit>() || e.is<TimeLit>() || e.is<TimeZoneLit>();
}

// Thrown by an Encoder that has written more than its limit.
struct OverLimit {};

// A root that streams hands its bytes on in pieces of about this size.
constexpr std::size_t stream_piece_size = std::size_t{64} << 10;

} // namespace

namespace detail {

class Encoder {
public:
  // With a sink, the expression's bytes stream into it as they are made,
  // and only the encodings of shared nodes are held; without, take()
  // returns them.
  Encoder(const KnownEncoding* known, ByteSink* sink,
          std::size_t limit = std::numeric_limits<std::size_t>::max())
      : known_(known), sink_(sink), limit_(limit) {
    open_.emplace_back();
    out_ = &open_.back().own;
  }

  // `shared`: the node, when other pointers hold it too, so that it may
  // occur again in this expression.
  void expr(const Expr& e, const ExprPtr* shared = nullptr) {
    if (limit_ != std::numeric_limits<std::size_t>::max() && written() > limit_) {
      throw OverLimit{};
    }
    if (sink_ != nullptr && open_.size() == 1 && out_->size() >= stream_piece_size) {
      flush();
    }
    if (is_leaf(e)) {
      std::visit([this, &e](const auto& node) { this->node(e, node); }, e.node());
      return;
    }
    if (known_ != nullptr) {
      if (EncodingPtr part = (*known_)(e)) {
        splice(std::move(part));
        return;
      }
    }
    if (shared == nullptr) {
      std::visit([this, &e](const auto& node) { this->node(e, node); }, e.node());
      return;
    }
    // A normal form shares the subtrees it was built from (a package's
    // schemas all hold the same ObjectMeta type): each is encoded once, as
    // an encoding of its own, and spliced in wherever it occurs. A node
    // still alive is the one its address named (PieceEncoder encodes
    // pieces that go away).
    if (const EncodingPtr* known_part = parts_.find(e)) {
      splice(*known_part);
      return;
    }
    open_.emplace_back();
    out_ = &open_.back().own;
    std::visit([this, &e](const auto& node) { this->node(e, node); }, e.node());
    EncodingPtr part = close();
    parts_.entry(*shared).first = part;
    splice(std::move(part));
  }
  void expr(const ExprPtr& e) { expr(*e, e.use_count() > 1 ? &e : nullptr); }

  // The heads of literals whose parts follow (PieceEncoder), for the node
  // overloads below too: one place for each rule.
  void record_literal_head(std::size_t size) {
    open(Expression::record_literal, 2);
    out_->map(size);
  }
  void field_name(Label name) { out_->text_string(name.view()); }
  void list_head(std::size_t size) {
    open(Expression::list, size + 2);
    out_->null();
  }
  void some_head() {
    open(Expression::some, 3);
    out_->null();
  }
  // `T.tag` applied to the one argument that follows: [0, [9, T, "tag"], …].
  void injection_head(const ExprPtr& union_type, Label tag) {
    application_head(1);
    field_access(union_type, tag);
  }
  // Forgets the shared nodes that are gone: their encodings are not needed
  // again, and their addresses may name other nodes. Whenever the table has
  // doubled, so that a walk of millions of pieces costs no more than one
  // pass over each entry, amortized.
  void forget_gone_parts() {
    if (parts_.size() < 2 * std::max<std::size_t>(parts_after_forgetting_, 64)) {
      return;
    }
    parts_.erase_gone();
    parts_after_forgetting_ = parts_.size();
  }

  // What a sink has not been given yet.
  void finish() {
    if (sink_ != nullptr) {
      flush();
    }
  }
  // The whole encoding, when there is no sink.
  EncodingPtr take() && { return close(); }
  // The same laid out whole, without a copy when nothing is shared.
  std::vector<std::uint8_t> take_bytes() && {
    Recording& root = open_.back();
    if (root.parts.empty()) {
      return std::move(root.own).take();
    }
    return close()->bytes();
  }

private:
  // The encoding of a shared node being written: its own bytes, and where
  // the encodings of shared nodes inside it occur.
  struct Recording {
    cbor::Writer own;
    std::vector<Encoding::Part> parts;
    std::size_t parts_size = 0; // the bytes the parts stand for
  };

  EncodingPtr close() {
    Recording done = std::move(open_.back());
    open_.pop_back();
    out_ = open_.empty() ? nullptr : &open_.back().own;
    return std::make_shared<const Encoding>(std::move(done.own).take(), std::move(done.parts));
  }

  // `part` occurs here.
  void splice(EncodingPtr part) {
    if (sink_ != nullptr && open_.size() == 1) {
      flush();
      part->write_to(*sink_);
      streamed_ += part->size();
      return;
    }
    Recording& recording = open_.back();
    recording.parts_size += part->size();
    recording.parts.push_back({recording.own.size(), std::move(part)});
  }

  void flush() {
    sink_->write(out_->bytes());
    streamed_ += out_->size();
    out_->clear();
  }

  // How many bytes the expression takes so far.
  std::size_t written() const {
    std::size_t total = streamed_;
    for (const Recording& recording : open_) {
      total += recording.own.size() + recording.parts_size;
    }
    return total;
  }

  void label(Expression value) { out_->unsigned_integer(static_cast<std::uint8_t>(value)); }
  void open(Expression value, std::uint64_t length) {
    out_->array(length);
    label(value);
  }
  void optional_expr(const ExprPtr& e) {
    if (e) {
      expr(e);
    } else {
      out_->null();
    }
  }
  void field_map(const FieldMap& fields) {
    out_->map(fields.size());
    fields_of(fields);
  }
  void fields_of(const FieldMap& fields) {
    // std::map iterates in code point order, the order binary.md requires.
    for (const auto& [name, value] : fields) {
      field_name(name);
      optional_expr(value);
    }
  }

  void node(const Expr&, const Var& var) {
    if (var.name == underscore) {
      out_->natural(var.index);
      return;
    }
    out_->array(2);
    out_->text_string(var.name.view());
    out_->natural(var.index);
  }

  // Binders named `_` leave the name out.
  void binder(Expression kind, Label param, const ExprPtr& type, const ExprPtr& body) {
    bool named = param != underscore;
    open(kind, named ? 4 : 3);
    if (named) {
      out_->text_string(param.view());
    }
    expr(type);
    expr(body);
  }
  void node(const Expr&, const Lambda& lambda) {
    binder(Expression::lambda, lambda.param, lambda.type, lambda.body);
  }
  void node(const Expr&, const Pi& pi) { binder(Expression::pi, pi.param, pi.domain, pi.codomain); }

  // `f a b` is one array [0, f, a, b].
  void node(const Expr&, const App& outer) {
    std::vector<const ExprPtr*> spine{&outer.arg}; // arguments, last one first
    const ExprPtr* head = &outer.fn;
    while (const auto* app = (*head)->as<App>()) {
      spine.push_back(&app->arg);
      head = &app->fn;
    }
    application_head(spine.size());
    expr(*head);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      expr(**it);
    }
  }

  // Directly nested lets share one array [25, x, A, a, y, B, b, …, body].
  void node(const Expr&, const Let& outer) {
    std::vector<const Let*> bindings{&outer};
    const ExprPtr* body = &outer.body;
    while (const auto* let = (*body)->as<Let>()) {
      bindings.push_back(let);
      body = &let->body;
    }
    open(Expression::let, 3 * bindings.size() + 2);
    for (const Let* let : bindings) {
      out_->text_string(let->name.view());
      optional_expr(let->annotation);
      expr(let->value);
    }
    expr(*body);
  }

  void node(const Expr&, const Annot& annot) {
    open(Expression::annotation, 3);
    expr(annot.expr);
    expr(annot.type);
  }
  void node(const Expr&, const If& if_) {
    open(Expression::if_, 4);
    expr(if_.condition);
    expr(if_.then_branch);
    expr(if_.else_branch);
  }
  // `a + b + c` is [3, 4, [3, 4, a, b], c]: nested arrays, written in a
  // loop (the heads of the chain's links, its innermost left operand, then
  // the right operands outwards) so long chains do not recurse.
  void node(const Expr&, const BinOp& outer) {
    std::vector<const BinOp*> links{&outer};
    const ExprPtr* lhs = &outer.lhs;
    while (const auto* op = (*lhs)->as<BinOp>()) {
      links.push_back(op);
      lhs = &op->lhs;
    }
    for (const BinOp* op : links) {
      open(Expression::operator_, 4);
      out_->unsigned_integer(static_cast<std::uint8_t>(op->op));
    }
    expr(*lhs);
    for (auto op = links.rbegin(); op != links.rend(); ++op) {
      expr((*op)->rhs);
    }
  }
  void node(const Expr&, const BuiltinRef& ref) { out_->text_string(builtin_name(ref.builtin)); }
  void node(const Expr&, const ConstRef& ref) { out_->text_string(const_name(ref.value)); }
  void node(const Expr&, const BoolLit& lit) { out_->boolean(lit.value); }
  void node(const Expr&, const NaturalLit& lit) {
    open(Expression::natural, 2);
    out_->natural(lit.value);
  }
  void node(const Expr&, const IntegerLit& lit) {
    open(Expression::integer, 2);
    out_->integer(lit.value);
  }
  void node(const Expr&, const DoubleLit& lit) { out_->floating(lit.value); }
  void node(const Expr&, const TextLit& lit) {
    open(Expression::text, 2 * lit.chunks.size() + 2);
    for (const auto& chunk : lit.chunks) {
      out_->text_string(chunk.prefix);
      expr(chunk.expr);
    }
    out_->text_string(lit.tail);
  }
  void node(const Expr&, const BytesLit& lit) {
    open(Expression::bytes, 2);
    out_->byte_string(lit.bytes);
  }
  void node(const Expr&, const DateLit& lit) {
    open(Expression::date, 4);
    out_->unsigned_integer(lit.year);
    out_->unsigned_integer(lit.month);
    out_->unsigned_integer(lit.day);
  }
  // Seconds are the decimal fraction m * 10^-precision.
  void node(const Expr&, const TimeLit& lit) {
    open(Expression::time, 4);
    out_->unsigned_integer(lit.hour);
    out_->unsigned_integer(lit.minute);
    out_->tag(cbor::tag_decimal_fraction);
    out_->array(2);
    out_->integer(Integer(true, Natural(lit.precision)));
    out_->natural(lit.second_fraction);
  }
  void node(const Expr&, const TimeZoneLit& lit) {
    open(Expression::time_zone, 4);
    int minutes = lit.minutes;
    out_->boolean(minutes >= 0);
    int magnitude = minutes < 0 ? -minutes : minutes;
    out_->unsigned_integer(static_cast<std::uint64_t>(magnitude / 60));
    out_->unsigned_integer(static_cast<std::uint64_t>(magnitude % 60));
  }

  void node(const Expr&, const ListLit& list) {
    if (list.items.empty()) {
      if (const ExprPtr* element = list_element_type(*list.type)) {
        open(Expression::list, 2);
        expr(*element);
      } else {
        open(Expression::empty_list, 2);
        expr(list.type);
      }
      return;
    }
    list_head(list.items.size());
    for (const auto& item : list.items) {
      expr(item);
    }
  }
  void node(const Expr&, const Some& some) {
    some_head();
    expr(some.value);
  }
  void node(const Expr&, const RecordType& record) {
    open(Expression::record_type, 2);
    field_map(record.fields);
  }
  void node(const Expr&, const RecordLit& record) {
    record_literal_head(record.fields.size());
    fields_of(record.fields);
  }
  void node(const Expr&, const UnionType& union_) {
    open(Expression::union_type, 2);
    field_map(union_.alternatives);
  }
  void node(const Expr&, const Field& field) { field_access(field.record, field.name); }
  void field_access(const ExprPtr& record, Label name) {
    open(Expression::field, 3);
    expr(record);
    field_name(name);
  }
  void application_head(std::size_t arguments) { open(Expression::application, arguments + 2); }
  void node(const Expr&, const Project& project) {
    open(Expression::projection, project.labels.size() + 2);
    expr(project.record);
    for (Label name : project.labels) {
      out_->text_string(name.view());
    }
  }
  void node(const Expr&, const ProjectByType& project) {
    open(Expression::projection, 3);
    expr(project.record);
    out_->array(1);
    expr(project.type);
  }
  void node(const Expr&, const Merge& merge) {
    open(Expression::merge, merge.type ? 4 : 3);
    expr(merge.handlers);
    expr(merge.union_value);
    if (merge.type) {
      expr(merge.type);
    }
  }
  void node(const Expr&, const ToMap& to_map) {
    open(Expression::to_map, to_map.type ? 3 : 2);
    expr(to_map.record);
    if (to_map.type) {
      expr(to_map.type);
    }
  }
  void node(const Expr&, const ShowConstructor& show) {
    open(Expression::show_constructor, 2);
    expr(show.value);
  }
  void node(const Expr&, const Assert& assert_) {
    open(Expression::assert_, 2);
    expr(assert_.type);
  }
  void node(const Expr&, const With& with) {
    open(Expression::with, 4);
    expr(with.record);
    out_->array(with.path.size());
    for (const WithStep& step : with.path) {
      if (step.descend_optional) {
        out_->unsigned_integer(binary_label::with_descend_optional);
      } else {
        out_->text_string(step.field.view());
      }
    }
    expr(with.value);
  }

  // A resolved import encodes as its syntax (its β-normal form).
  void node(const Expr&, const Embedded& node) { expr(node.embedding->syntax()); }

  void node(const Expr&, const ImportRef& ref) {
    const Import& import = ref.get();
    std::visit([&](const auto& target) { this->import(import, target); }, import.target);
  }
  // [24, hash, mode, kind, …]; `tail_length` counts what follows the kind.
  void import_head(const Import& import, ImportKind kind, std::size_t tail_length) {
    open(Expression::import, 4 + tail_length);
    if (import.hash) {
      std::vector<std::uint8_t> multihash{binary_label::multihash_sha256,
                                          binary_label::multihash_length};
      multihash.insert(multihash.end(), import.hash->begin(), import.hash->end());
      out_->byte_string(multihash);
    } else {
      out_->null();
    }
    out_->unsigned_integer(static_cast<std::uint8_t>(import.mode));
    out_->unsigned_integer(static_cast<std::uint8_t>(kind));
  }
  void path(const std::vector<std::string>& directory, const std::string& file) {
    for (const auto& component : directory) {
      out_->text_string(component);
    }
    out_->text_string(file);
  }
  void import(const Import& import, const MissingImport&) {
    import_head(import, ImportKind::missing, 0);
  }
  void import(const Import& import, const EnvImport& env) {
    import_head(import, ImportKind::env, 1);
    out_->text_string(env.name);
  }
  void import(const Import& import, const LocalImport& local) {
    ImportKind kind = ImportKind::here;
    switch (local.prefix) {
    case FilePrefix::absolute:
      kind = ImportKind::absolute;
      break;
    case FilePrefix::here:
      kind = ImportKind::here;
      break;
    case FilePrefix::parent:
      kind = ImportKind::parent;
      break;
    case FilePrefix::home:
      kind = ImportKind::home;
      break;
    }
    import_head(import, kind, local.directory.size() + 1);
    path(local.directory, local.file);
  }
  // [24, hash, mode, scheme, headers, authority, directory…, file, query]
  void import(const Import& import, const RemoteImport& remote) {
    import_head(import, remote.scheme == Scheme::http ? ImportKind::http : ImportKind::https,
                remote.directory.size() + 4);
    optional_expr(remote.headers);
    out_->text_string(remote.authority);
    path(remote.directory, remote.file);
    if (remote.query) {
      out_->text_string(*remote.query);
    } else {
      out_->null();
    }
  }

  const KnownEncoding* known_;
  ByteSink* sink_;
  std::size_t limit_;
  // The root and the shared nodes being written inside it, innermost last.
  std::vector<Recording> open_;
  cbor::Writer* out_; // open_.back().own
  std::size_t streamed_ = 0;
  // The encodings of the shared nodes written so far.
  NodeTable<EncodingPtr> parts_;
  std::size_t parts_after_forgetting_ = 0;
};

} // namespace detail

using detail::Encoder;

std::vector<std::uint8_t> encode(const Expr& expr) {
  Encoder encoder(nullptr, nullptr);
  encoder.expr(expr);
  return std::move(encoder).take_bytes();
}

EncodingPtr encode_shared(const Expr& expr, const KnownEncoding* known) {
  Encoder encoder(known, nullptr);
  encoder.expr(expr);
  return std::move(encoder).take();
}

void encode_to(const Expr& expr, ByteSink& sink, const KnownEncoding* known) {
  Encoder encoder(known, &sink);
  encoder.expr(expr);
  encoder.finish();
}

PieceEncoder::PieceEncoder(ByteSink& sink) : encoder_(std::make_unique<Encoder>(nullptr, &sink)) {
}

PieceEncoder::~PieceEncoder() = default;

void PieceEncoder::record_literal(std::size_t size) {
  encoder_->record_literal_head(size);
}

void PieceEncoder::field(Label name) {
  encoder_->field_name(name);
}

void PieceEncoder::list_literal(std::size_t size) {
  encoder_->list_head(size);
}

void PieceEncoder::some() {
  encoder_->some_head();
}

void PieceEncoder::injection(const ExprPtr& union_type, Label tag) {
  encoder_->injection_head(union_type, tag);
}

void PieceEncoder::piece(const ExprPtr& expr) {
  encoder_->expr(expr);
  encoder_->forget_gone_parts();
}

void PieceEncoder::finish() {
  encoder_->finish();
}

std::optional<std::vector<std::uint8_t>> encode_within(const Expr& expr, std::size_t max_bytes,
                                                       const KnownEncoding* known) {
  Encoder encoder(known, nullptr, max_bytes);
  try {
    encoder.expr(expr);
  } catch (const OverLimit&) {
    return std::nullopt;
  }
  auto bytes = std::move(encoder).take_bytes();
  if (bytes.size() > max_bytes) {
    return std::nullopt;
  }
  return bytes;
}

} // namespace polar::dhall
