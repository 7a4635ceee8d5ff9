#include "imports/detail/build_cache_format.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "binary/cbor.h"
#include "binary/decode.h"
#include "binary/encode.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

void append_section(std::vector<std::uint8_t>& payload, std::span<const std::uint8_t> section) {
  append_number(payload, section.size());
  payload.insert(payload.end(), section.begin(), section.end());
}

} // namespace

std::vector<std::uint8_t> encode_dependencies(std::span<const BuildDependency> dependencies,
                                              bool result_too_large) {
  cbor::Writer writer;
  writer.array(2);
  writer.array(dependencies.size());
  for (const auto& dependency : dependencies) {
    writer.array(5);
    writer.unsigned_integer(static_cast<std::uint64_t>(dependency.mode));
    writer.unsigned_integer(static_cast<std::uint64_t>(dependency.target.prefix));
    writer.array(dependency.target.directory.size());
    for (const auto& component : dependency.target.directory) {
      writer.text_string(component);
    }
    writer.text_string(dependency.target.file);
    writer.byte_string(dependency.key);
  }
  writer.boolean(result_too_large);
  return std::move(writer).take();
}

std::vector<BuildDependency> decode_dependencies(std::span<const std::uint8_t> bytes,
                                                 bool* result_too_large) {
  cbor::Reader reader(bytes);
  if (reader.array("a source entry") != 2) {
    reader.fail("a source entry has 2 fields");
  }
  std::vector<BuildDependency> dependencies(reader.array("the dependency list"));
  for (auto& dependency : dependencies) {
    if (reader.array("a dependency") != 5) {
      reader.fail("a dependency has 5 fields");
    }
    auto mode = reader.expect(cbor::Major::unsigned_integer, "an import mode");
    auto prefix = reader.expect(cbor::Major::unsigned_integer, "a path prefix");
    if (mode > static_cast<std::uint64_t>(ImportMode::raw_bytes) ||
        prefix > static_cast<std::uint64_t>(FilePrefix::home)) {
      reader.fail("unknown import mode or path prefix");
    }
    dependency.mode = static_cast<ImportMode>(mode);
    dependency.target.prefix = static_cast<FilePrefix>(prefix);
    dependency.target.directory.resize(reader.array("a directory"));
    for (auto& component : dependency.target.directory) {
      component = reader.text("a path component");
    }
    dependency.target.file = reader.text("a file name");
    auto key = reader.bytes("a key");
    if (key.size() != dependency.key.size()) {
      reader.fail("a key has 32 bytes");
    }
    std::ranges::copy(key, dependency.key.begin());
  }
  cbor::Head flag = reader.peek();
  if (flag.major != cbor::Major::simple ||
      (flag.info != cbor::simple_true && flag.info != cbor::simple_false)) {
    reader.fail("expected whether the result was too large");
  }
  reader.skip_simple();
  bool too_large = flag.info == cbor::simple_true;
  if (!reader.at_end()) {
    reader.fail("trailing bytes after the dependency list");
  }
  if (result_too_large != nullptr) {
    *result_too_large = too_large;
  }
  return dependencies;
}

std::vector<std::uint8_t> encode_layout(const RecordLayout& layout) {
  cbor::Writer writer;
  writer.array(2);
  writer.unsigned_integer(layout.is_type ? 1 : 0);
  writer.array(layout.fields.size());
  for (const auto& field : layout.fields) {
    writer.array(3);
    writer.text_string(field.name.view());
    writer.unsigned_integer(field.offset);
    writer.unsigned_integer(field.size);
  }
  return std::move(writer).take();
}

RecordLayout decode_layout(std::span<const std::uint8_t> bytes) {
  cbor::Reader reader(bytes);
  if (reader.array("a record layout") != 2) {
    reader.fail("a record layout has 2 fields");
  }
  auto is_type = reader.expect(cbor::Major::unsigned_integer, "the kind of record");
  if (is_type > 1) {
    reader.fail("unknown kind of record");
  }
  RecordLayout layout;
  layout.is_type = is_type == 1;
  layout.fields.resize(reader.array("the fields"));
  for (auto& field : layout.fields) {
    if (reader.array("a field") != 3) {
      reader.fail("a field has a name, an offset and a size");
    }
    field.name = Label(reader.text_view("a field name"));
    field.offset = reader.expect(cbor::Major::unsigned_integer, "an offset");
    field.size = reader.expect(cbor::Major::unsigned_integer, "a size");
  }
  if (!reader.at_end()) {
    reader.fail("trailing bytes after the record layout");
  }
  return layout;
}

bool append_lazily_decodable(std::vector<std::uint8_t>& payload, const Expr& expr,
                             std::size_t max_bytes) {
  auto encoding = encode_within(expr, max_bytes);
  if (!encoding) {
    return false;
  }
  auto layout = record_layout(*encoding);
  append_section(payload, *encoding);
  append_section(payload, layout ? encode_layout(*layout) : std::vector<std::uint8_t>{});
  return true;
}

ExprPtr decode_lazily_decodable(const SharedBytes& encoding, const SharedBytes& layout,
                                References references) {
  if (layout.size() == 0) {
    return decode(encoding.span(), std::move(references));
  }
  return decode_lazily(encoding, decode_layout(layout.span()), std::move(references));
}

std::vector<std::uint8_t> encode_reference(const BuildReference& reference) {
  cbor::Writer writer;
  writer.array(3);
  writer.unsigned_integer(reference_label);
  writer.unsigned_integer(static_cast<std::uint64_t>(reference.kind));
  writer.byte_string(reference.key);
  return std::move(writer).take();
}

bool append_referring(std::vector<std::uint8_t>& payload, std::initializer_list<const Expr*> exprs,
                      const ReferenceTarget& target, std::size_t max_bytes,
                      std::vector<BuildReference>* needs_listed) {
  const ReferenceOf& reference_of = target.reference_of;
  // The encoding of each reference met, which the encoder splices in.
  std::map<BuildReference, EncodingPtr> references;
  KnownEncoding known = [&](const Expr& node) -> EncodingPtr {
    if (!reference_of || !node.is<Embedded>()) {
      return nullptr;
    }
    auto reference = reference_of(node);
    if (!reference) {
      return nullptr;
    }
    auto [found, inserted] = references.try_emplace(*reference);
    if (inserted) {
      found->second = std::make_shared<const Encoding>(encode_reference(*reference));
    }
    return found->second;
  };
  std::vector<std::vector<std::uint8_t>> encodings;
  for (const Expr* expr : exprs) {
    auto encoding = encode_within(*expr, max_bytes, &known);
    if (!encoding) {
      return false;
    }
    encodings.push_back(std::move(*encoding));
  }
  // What the references need too, so that a reader checks at once that all
  // of it is there (and marks it used) without reading any of it.
  std::set<BuildReference> needs;
  for (const auto& [reference, encoding] : references) {
    needs.insert(reference);
    if (target.needs_of) {
      std::ranges::copy(target.needs_of(reference), std::inserter(needs, needs.end()));
    }
  }
  cbor::Writer listed;
  listed.array(needs.size());
  for (const auto& reference : needs) {
    listed.array(2);
    listed.unsigned_integer(static_cast<std::uint64_t>(reference.kind));
    listed.byte_string(reference.key);
  }
  append_section(payload, std::move(listed).take());
  if (needs_listed != nullptr) {
    needs_listed->assign(needs.begin(), needs.end());
  }
  for (const auto& encoding : encodings) {
    auto layout = record_layout(encoding);
    append_section(payload, encoding);
    append_section(payload, layout ? encode_layout(*layout) : std::vector<std::uint8_t>{});
  }
  return true;
}

std::vector<BuildReference> decode_references(std::span<const std::uint8_t> bytes) {
  cbor::Reader reader(bytes);
  std::vector<BuildReference> references(reader.array("the references"));
  for (auto& reference : references) {
    if (reader.array("a reference") != 2) {
      reader.fail("a reference has a kind and a key");
    }
    auto kind = reader.expect(cbor::Major::unsigned_integer, "a reference kind");
    if (kind > static_cast<std::uint64_t>(BuildReference::Kind::pinned)) {
      reader.fail("unknown kind of reference");
    }
    reference.kind = static_cast<BuildReference::Kind>(kind);
    auto key = reader.bytes("a key");
    if (key.size() != reference.key.size()) {
      reader.fail("a key has 32 bytes");
    }
    std::ranges::copy(key, reference.key.begin());
  }
  if (!reader.at_end()) {
    reader.fail("trailing bytes after the references");
  }
  return references;
}

References reference_lookup(std::function<ExprPtr(const BuildReference&)> node) {
  return std::make_shared<const ReferenceLookup>(
      [node = std::move(node)](std::uint64_t kind, std::span<const std::uint8_t> key) -> ExprPtr {
        BuildReference reference{static_cast<BuildReference::Kind>(kind), {}};
        if (!node || kind > static_cast<std::uint64_t>(BuildReference::Kind::pinned) ||
            key.size() != reference.key.size()) {
          return nullptr;
        }
        std::ranges::copy(key, reference.key.begin());
        return node(reference);
      });
}

std::vector<SharedBytes> split_sections(const SharedBytes& payload, std::size_t count) {
  std::vector<SharedBytes> sections;
  std::size_t offset = 0;
  auto bytes = payload.span();
  while (sections.size() < count) {
    if (bytes.size() - offset < number_size) {
      throw Error(ErrorKind::decode, "a section's length exceeds the entry");
    }
    std::uint64_t length = number_at(bytes.subspan(offset));
    offset += number_size;
    if (length > bytes.size() - offset) {
      throw Error(ErrorKind::decode, "a section's length exceeds the entry");
    }
    sections.push_back(payload.subrange(offset, static_cast<std::size_t>(length)));
    offset += static_cast<std::size_t>(length);
  }
  if (offset != bytes.size()) {
    throw Error(ErrorKind::decode, "trailing bytes after the last section");
  }
  return sections;
}

} // namespace polar::dhall
