// Rendering streams (issue #16): the text goes to its sink in pieces as the
// value is converted, never built whole, and the lookahead that omission and
// the writers need holds one level's beginnings, not a subtree.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "render/detail/json_events.h"
#include "render/omission.h"
#include "render/render.h"
#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::render {
namespace {

using namespace polar::dhall;

// Records the pieces it receives.
class PieceSink final : public TextSink {
public:
  void write(std::string_view text) override { pieces.emplace_back(text); }
  std::string joined() const {
    std::string text;
    for (const std::string& piece : pieces) {
      text += piece;
    }
    return text;
  }
  std::vector<std::string> pieces;
};

ExprPtr list_of_records(std::size_t count, const ExprPtr& last) {
  std::vector<ExprPtr> items;
  for (std::size_t index = 0; index < count; ++index) {
    FieldMap fields;
    fields.emplace(Label("id"), make_expr(NaturalLit{index}));
    fields.emplace(Label("name"), make_expr(TextLit{{}, "item-" + std::to_string(index)}));
    items.push_back(make_expr(RecordLit{std::move(fields)}));
  }
  if (last) {
    FieldMap fields;
    fields.emplace(Label("id"), last);
    fields.emplace(Label("name"), make_expr(TextLit{{}, "last"}));
    items.push_back(make_expr(RecordLit{std::move(fields)}));
  }
  return make_expr(ListLit{nullptr, std::move(items)});
}

RenderOptions options_for(OutputFormat format, Omission omission = Omission::null_fields) {
  RenderOptions options;
  options.format = format;
  options.omission = omission;
  return options;
}

TEST(Streaming, TextGoesToTheSinkInPiecesAsItIsWritten) {
  ValuePtr value = eval(Env{}, list_of_records(20000, nullptr));
  for (OutputFormat format : {OutputFormat::json, OutputFormat::yaml}) {
    PieceSink sink;
    RenderOptions options = options_for(format);
    render(value, options, sink);
    EXPECT_GT(sink.pieces.size(), 5U);
    for (const std::string& piece : sink.pieces) {
      // A piece ends after the value that filled it: a record's text here.
      EXPECT_LT(piece.size(), text_piece_size + 100);
    }
    EXPECT_EQ(sink.joined(), render(value, options));
  }
}

TEST(Streaming, AnErrorHalfwayComesAfterTextWentToTheSink) {
  // The last record holds a function: the caller must discard what came.
  ExprPtr function = make_expr(
      Lambda{Label("x"), make_expr(BuiltinRef{Builtin::natural}), make_expr(Var{Label("x"), 0})});
  ValuePtr value = eval(Env{}, list_of_records(20000, function));
  PieceSink sink;
  try {
    render(value, options_for(OutputFormat::json), sink);
    FAIL() << "rendered a function";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("[20000].id: is a function"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(sink.pieces.empty());
}

TEST(Streaming, ReplacedAssociationListEntriesAreStillConverted) {
  // As dhall-to-json: the first `a` is replaced by the second, and its
  // function is still an error.
  auto entry = [](std::string key, ExprPtr value) {
    FieldMap fields;
    fields.emplace(Label("mapKey"), make_expr(TextLit{{}, std::move(key)}));
    fields.emplace(Label("mapValue"), std::move(value));
    return make_expr(RecordLit{std::move(fields)});
  };
  ExprPtr function = make_expr(
      Lambda{Label("x"), make_expr(BuiltinRef{Builtin::natural}), make_expr(Var{Label("x"), 0})});
  ExprPtr replaced =
      make_expr(ListLit{nullptr, {entry("a", function), entry("a", make_expr(NaturalLit{1}))}});
  ExprPtr kept = make_expr(ListLit{
      nullptr, {entry("b", make_expr(NaturalLit{2})), entry("a", make_expr(NaturalLit{1}))}});
  RenderOptions compact = options_for(OutputFormat::json);
  compact.json_layout = JsonLayout::compact;
  EXPECT_THROW(render(eval(Env{}, replaced), compact), Error);
  EXPECT_EQ(render(eval(Env{}, kept), compact), "{\"a\":1,\"b\":2}\n");
}

// The recursive definition of omission (dhall-to-json's), as an oracle for
// the streaming filter.
void omit(Json& value, Omission omission) {
  if (auto* object = value.as<JsonObject>()) {
    for (auto& [key, field] : *object) {
      omit(field, omission);
    }
    if (omission != Omission::none) {
      std::erase_if(*object, [](const auto& field) { return field.second.is_null(); });
    }
    if (omission == Omission::empty && object->empty()) {
      value = Json::null();
    }
  } else if (auto* array = value.as<JsonArray>()) {
    for (Json& item : *array) {
      omit(item, omission);
    }
    if (omission == Omission::empty) {
      std::erase_if(*array, [](const Json& item) { return item.is_null(); });
      if (array->empty()) {
        value = Json::null();
      }
    }
  }
}

// Random JSON data rich in nulls and empty collections, nested a few deep.
Json random_json(std::mt19937& random, int depth) {
  int kind = static_cast<int>(random() % (depth > 0 ? 6 : 3));
  switch (kind) {
  case 0:
    return Json::null();
  case 1:
    return Json::string(random() % 2 ? "" : "x");
  case 2:
    return Json::number(JsonNumber::from_double(static_cast<double>(random() % 3)));
  case 3:
  case 4: {
    JsonObject object;
    for (std::size_t count = random() % 4; count > 0; --count) {
      object.insert_or_assign(std::string(1, static_cast<char>('a' + random() % 5)),
                              random_json(random, depth - 1));
    }
    return Json::object(std::move(object));
  }
  default: {
    JsonArray array;
    for (std::size_t count = random() % 4; count > 0; --count) {
      array.push_back(random_json(random, depth - 1));
    }
    return Json::array(std::move(array));
  }
  }
}

TEST(Streaming, OmissionFilterAgreesWithTheRecursiveDefinition) {
  std::mt19937 random(16);
  for (int round = 0; round < 3000; ++round) {
    Json value = random_json(random, 5);
    for (Omission omission : {Omission::null_fields, Omission::none, Omission::empty}) {
      Json expected = value;
      omit(expected, omission);
      ASSERT_EQ(apply_omission(value, omission), expected)
          << write_json(value, JsonLayout::compact) << " omission " << static_cast<int>(omission);
    }
  }
}

TEST(Streaming, OmitEmptyDropsALongEmptyPrefixAndKeepsWhatFollows) {
  // A long empty prefix, then a value that stays: everything held is sent
  // in order when it comes, and the empty items before it are gone.
  JsonArray items(10000, Json::object({{"a", Json::array({Json::null()})}}));
  items.push_back(Json::object({{"b", Json::array({Json::boolean(true)})}}));
  Json value = Json::object({{"list", Json::array(std::move(items))}});
  EXPECT_EQ(write_json(apply_omission(value, Omission::empty), JsonLayout::compact),
            "{\"list\":[{\"b\":[true]}]}\n");
  RenderOptions documents = options_for(OutputFormat::yaml, Omission::empty);
  documents.yaml.documents = true;
  EXPECT_EQ(
      render(eval(Env{}, make_expr(ListLit{make_expr(App{make_expr(BuiltinRef{Builtin::list}),
                                                         make_expr(BuiltinRef{Builtin::natural})}),
                                           {}})),
             documents),
      "---\nnull\n");
}

} // namespace
} // namespace polar::render
