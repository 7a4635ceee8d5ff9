#include "render/conversion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "render/json_writer.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/source.h"

namespace polar::render {
namespace {

using namespace polar::dhall;

using Fields = std::vector<std::pair<std::string, ExprPtr>>;

ExprPtr text(std::string value) {
  return make_expr(TextLit{{}, std::move(value)});
}
ExprPtr natural(std::uint64_t value) {
  return make_expr(NaturalLit{value});
}
ExprPtr builtin(Builtin value) {
  return make_expr(BuiltinRef{value});
}
ExprPtr app(ExprPtr fn, ExprPtr arg) {
  return make_expr(App{std::move(fn), std::move(arg)});
}
ExprPtr field(ExprPtr record, std::string_view name) {
  return make_expr(Field{std::move(record), Label(name)});
}
ExprPtr var(std::string_view name) {
  return make_expr(Var{Label(name), 0});
}
ExprPtr list(std::vector<ExprPtr> items) {
  return make_expr(ListLit{nullptr, std::move(items)});
}
ExprPtr empty_list(ExprPtr element_type) {
  return make_expr(ListLit{app(builtin(Builtin::list), std::move(element_type)), {}});
}
FieldMap field_map(const Fields& fields) {
  FieldMap map;
  for (const auto& [name, value] : fields) {
    map.emplace(Label(name), value);
  }
  return map;
}
ExprPtr record(const Fields& fields) {
  return make_expr(RecordLit{field_map(fields)});
}
ExprPtr record_type(const Fields& fields) {
  return make_expr(RecordType{field_map(fields)});
}
ExprPtr union_type(const Fields& alternatives) {
  return make_expr(UnionType{field_map(alternatives)});
}
ExprPtr entry(ExprPtr key, ExprPtr value) {
  return record({{"mapKey", key}, {"mapValue", value}});
}

// The tests write normal forms as syntax; the converter reads their values.
Json convert(const ExprPtr& expr, const ConversionOptions& options = {}) {
  return dhall_to_json(eval(Env{}, expr), options);
}

std::string json(const ExprPtr& expr, const ConversionOptions& options = {}) {
  return write_json(convert(expr, options), JsonLayout::compact);
}

std::string error_of(const ExprPtr& expr, const ConversionOptions& options = {}) {
  try {
    convert(expr, options);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::render);
    return error.message();
  }
  ADD_FAILURE() << "no error";
  return "";
}

TEST(Conversion, Scalars) {
  EXPECT_EQ(json(make_expr(BoolLit{true})), "true\n");
  EXPECT_EQ(json(natural(7)), "7\n");
  EXPECT_EQ(json(make_expr(IntegerLit{Integer(-3)})), "-3\n");
  EXPECT_EQ(json(make_expr(DoubleLit{1.5})), "1.5\n");
  EXPECT_EQ(json(text("x")), "\"x\"\n");
}

TEST(Conversion, DatesAndTimesAsIsoText) {
  EXPECT_EQ(json(make_expr(DateLit{2024, 2, 9})), "\"2024-02-09\"\n");
  EXPECT_EQ(json(make_expr(TimeLit{7, 5, Natural(3), 0})), "\"07:05:03\"\n");
  EXPECT_EQ(json(make_expr(TimeLit{23, 59, Natural(59125), 3})), "\"23:59:59.125\"\n");
  EXPECT_EQ(json(make_expr(TimeLit{0, 0, Natural(5), 2})), "\"00:00:00.05\"\n");
  EXPECT_EQ(json(make_expr(TimeZoneLit{330})), "\"+05:30\"\n");
  EXPECT_EQ(json(make_expr(TimeZoneLit{-480})), "\"-08:00\"\n");
  EXPECT_EQ(json(make_expr(TimeZoneLit{0})), "\"+00:00\"\n");
}

TEST(Conversion, RecordsOptionalsAndLists) {
  auto value = record({{"b", make_expr(Some{natural(1)})},
                       {"a", app(builtin(Builtin::none), builtin(Builtin::natural))},
                       {"c", list({text("x"), text("y")})},
                       {"d", empty_list(builtin(Builtin::natural))}});
  EXPECT_EQ(json(value), "{\"a\":null,\"b\":1,\"c\":[\"x\",\"y\"],\"d\":[]}\n");
}

TEST(Conversion, UnionsRenderAsTheirPayloadOrName) {
  auto type = union_type({{"Empty", nullptr}, {"Full", builtin(Builtin::natural)}});
  EXPECT_EQ(json(field(type, "Empty")), "\"Empty\"\n");
  EXPECT_EQ(json(app(field(type, "Full"), natural(3))), "3\n");
}

TEST(Conversion, AssociationListsBecomeObjects) {
  auto keys = union_type({{"K", nullptr}});
  auto value = list({entry(text("b"), natural(1)), entry(text("a"), natural(2)),
                     entry(text("b"), natural(3)), entry(field(keys, "K"), natural(4))});
  EXPECT_EQ(json(value), "{\"K\":4,\"a\":2,\"b\":3}\n");
  auto entry_type =
      record_type({{"mapKey", builtin(Builtin::text)}, {"mapValue", builtin(Builtin::natural)}});
  EXPECT_EQ(json(empty_list(entry_type)), "{}\n");
  EXPECT_EQ(json(value, {.association_lists_as_objects = false}),
            "[{\"mapKey\":\"b\",\"mapValue\":1},{\"mapKey\":\"a\",\"mapValue\":2},"
            "{\"mapKey\":\"b\",\"mapValue\":3},{\"mapKey\":\"K\",\"mapValue\":4}]\n");
  auto custom = list({record({{"k", text("x")}, {"v", natural(1)}})});
  EXPECT_EQ(json(custom, {.map_key = "k", .map_value = "v"}), "{\"x\":1}\n");
  EXPECT_EQ(json(custom), "[{\"k\":\"x\",\"v\":1}]\n");
}

TEST(Conversion, ListsOfOtherRecordsStayLists) {
  auto three_fields =
      list({record({{"mapKey", text("a")}, {"mapValue", natural(1)}, {"x", natural(2)}})});
  EXPECT_EQ(json(three_fields), "[{\"mapKey\":\"a\",\"mapValue\":1,\"x\":2}]\n");
  auto computed_key = list({entry(natural(1), natural(2))});
  EXPECT_EQ(json(computed_key), "[{\"mapKey\":1,\"mapValue\":2}]\n");
}

ExprPtr nesting_type() {
  return union_type({{"Inline", nullptr}, {"Nested", builtin(Builtin::text)}});
}

TEST(Conversion, NestedUnions) {
  auto example =
      union_type({{"Left", record_type({{"foo", builtin(Builtin::natural)}})}, {"Empty", nullptr}});
  auto tagged = [&](ExprPtr contents) {
    return record({{"contents", contents},
                   {"field", text("name")},
                   {"nesting", app(field(nesting_type(), "Nested"), text("value"))}});
  };
  EXPECT_EQ(json(tagged(app(field(example, "Left"), record({{"foo", natural(2)}})))),
            "{\"name\":\"Left\",\"value\":{\"foo\":2}}\n");
  EXPECT_EQ(json(tagged(field(example, "Empty"))), "{\"name\":\"Empty\",\"value\":null}\n");
}

TEST(Conversion, InlineUnions) {
  auto example = union_type({{"Left", record_type({{"foo", builtin(Builtin::natural)}})},
                             {"Empty", nullptr},
                             {"Bare", builtin(Builtin::natural)}});
  auto tagged = [&](ExprPtr contents) {
    return record({{"contents", contents},
                   {"field", text("name")},
                   {"nesting", field(nesting_type(), "Inline")}});
  };
  EXPECT_EQ(json(tagged(app(field(example, "Left"), record({{"foo", natural(2)}})))),
            "{\"foo\":2,\"name\":\"Left\"}\n");
  EXPECT_EQ(json(tagged(field(example, "Empty"))), "{\"name\":\"Empty\"}\n");
  EXPECT_EQ(error_of(tagged(app(field(example, "Bare"), natural(1)))),
            "(top level): the Inline nesting of alternative `Bare` needs a record to add the "
            "field `name` to");
}

// λ(JSON : Type) → λ(json : {...}) → body, as the Prelude's JSON.Type.
ExprPtr json_encoding(ExprPtr body) {
  auto json_type = var("JSON");
  auto to_json = [&](ExprPtr domain) { return make_expr(Pi{Label("_"), domain, json_type}); };
  auto constructors = record_type({
      {"array", to_json(app(builtin(Builtin::list), json_type))},
      {"bool", to_json(builtin(Builtin::bool_))},
      {"double", to_json(builtin(Builtin::double_))},
      {"integer", to_json(builtin(Builtin::integer))},
      {"null", json_type},
      {"object",
       to_json(app(builtin(Builtin::list),
                   record_type({{"mapKey", builtin(Builtin::text)}, {"mapValue", json_type}})))},
      {"string", to_json(builtin(Builtin::text))},
  });
  auto inner = make_expr(Lambda{Label("json"), constructors, std::move(body)});
  return make_expr(Lambda{Label("JSON"), make_expr(ConstRef{Const::type}), inner});
}

TEST(Conversion, PreludeJsonType) {
  auto json_var = var("json");
  auto body =
      app(field(json_var, "object"),
          list({entry(text("a"),
                      app(field(json_var, "array"),
                          list({field(json_var, "null"),
                                app(field(json_var, "bool"), make_expr(BoolLit{true})),
                                app(field(json_var, "double"), make_expr(DoubleLit{1.5})),
                                app(field(json_var, "integer"), make_expr(IntegerLit{Integer(-3)})),
                                app(field(json_var, "string"), text("x"))}))),
                entry(text("b"), app(field(json_var, "object"),
                                     empty_list(record_type({{"mapKey", builtin(Builtin::text)},
                                                             {"mapValue", var("JSON")}}))))}));
  EXPECT_EQ(json(json_encoding(body)), "{\"a\":[null,true,1.5,-3,\"x\"],\"b\":{}}\n");
  EXPECT_EQ(error_of(json_encoding(natural(1))),
            "(top level): is a JSON.Type value that does not reduce to json.null, json.bool, "
            "json.double, json.integer, json.string, json.array and json.object");
}

TEST(Conversion, SpecialDoublesAreRejectedUnlessApproximated) {
  double infinity = std::numeric_limits<double>::infinity();
  auto value = record({{"x", list({make_expr(DoubleLit{infinity})})}});
  EXPECT_EQ(error_of(value),
            "x[0]: Infinity has no JSON representation (--approximate-special-doubles writes "
            "NaN as null and ±Infinity as the largest finite Double)");
  ConversionOptions approximate{.approximate_special_doubles = true};
  auto pretty = [&](const ExprPtr& expr) { return write_json(convert(expr, approximate)); };
  // The largest finite Double is integral: written in full, as dhall-json
  // writes it since 1.7.10 in pretty output too (1.7.6: 1.7976931348623157e308).
  std::string largest = "17976931348623157" + std::string(292, '0');
  EXPECT_EQ(pretty(value), "{\n  \"x\": [\n    " + largest + "\n  ]\n}\n");
  EXPECT_EQ(pretty(make_expr(DoubleLit{-infinity})), "-" + largest + "\n");
  EXPECT_EQ(json(make_expr(DoubleLit{std::nan("")}), approximate), "null\n");
}

TEST(Conversion, ErrorsNameThePathToTheOffendingValue) {
  auto function = make_expr(Lambda{Label("x"), builtin(Builtin::natural), var("x")});
  auto containers = list({record({{"image", text("nginx")}, {"probe", function}})});
  auto value = record({{"spec", record({{"template", record({{"containers", containers}})}})}});
  EXPECT_EQ(error_of(value), "spec.template.containers[0].probe: is a function, which has no "
                             "JSON form");
  auto labels = list({entry(text("app.kubernetes.io/name"), builtin(Builtin::natural))});
  EXPECT_EQ(error_of(record({{"labels", labels}})),
            "labels[\"app.kubernetes.io/name\"]: is the built-in type `Natural`, which has no "
            "JSON form");
  EXPECT_EQ(error_of(builtin(Builtin::none)),
            "(top level): is `None` on its own; an absent value is written `None T`");
  EXPECT_EQ(error_of(record_type({})), "(top level): is a type, which has no JSON form");
  EXPECT_EQ(error_of(builtin(Builtin::natural_fold)),
            "(top level): is the built-in function `Natural/fold`, which has no JSON form");
}

TEST(Conversion, MapKeysCanBeLeftOutOfErrorPaths) {
  auto labels = list({entry(text("token-from-env"), builtin(Builtin::natural))});
  ConversionOptions hidden;
  hidden.map_keys_in_errors = false;
  EXPECT_EQ(error_of(record({{"labels", labels}}), hidden),
            "labels[\"<value hidden>\"]: is the built-in type `Natural`, which has no JSON form");
}

// Dhall source, evaluated (not normalized) and converted.
std::string json_of_source(std::string_view source) {
  return json(parse_text(source));
}

TEST(Conversion, ValuesOfProgramsRenderWhatTheirNormalFormsShow) {
  std::string_view person = R"(
    let Person =
          { Type = { name : Text, age : Optional Natural, tags : List Text }
          , default = { age = None Natural, tags = [] : List Text }
          }
    in  [ Person::{ name = "a" }, Person::{ name = "b", age = Some 3 } with tags = [ "x" ] ])";
  EXPECT_EQ(json_of_source(person), "[{\"age\":null,\"name\":\"a\",\"tags\":[]},"
                                    "{\"age\":3,\"name\":\"b\",\"tags\":[\"x\"]}]\n");
  EXPECT_EQ(json_of_source("toMap { b = 1, a = 2 } # ([] : List { mapKey : Text, mapValue : "
                           "Natural })"),
            "{\"a\":2,\"b\":1}\n");
  EXPECT_EQ(json_of_source("[] : List { mapKey : Text, mapValue : Natural }"), "{}\n");
  EXPECT_EQ(json_of_source("{ a = 1 } // { b = \"x\" } /\\ { c = { d = True } }"),
            "{\"a\":1,\"b\":\"x\",\"c\":{\"d\":true}}\n");
  std::string_view unions = R"(
    let U = < A : { x : Natural } | B >
    let Nesting = < Inline | Nested : Text >
    in  { u = [ U.A { x = 1 }, U.B ]
        , nested = { contents = U.A { x = 2 }, field = "kind", nesting = Nesting.Nested "v" }
        , inline = { contents = U.A { x = 3 }, field = "kind", nesting = Nesting.Inline }
        })";
  EXPECT_EQ(json_of_source(unions),
            "{\"inline\":{\"kind\":\"A\",\"x\":3},\"nested\":{\"kind\":\"A\",\"v\":{\"x\":2}},"
            "\"u\":[{\"x\":1},\"B\"]}\n");
}

// dhall-json 1.7.8, "Add support for Date / Time / TimeZone"
// (dhall-haskell#2247): the records the combined temporal literals stand for
// are one RFC 3339 string, however they were written.
TEST(Conversion, TemporalRecordsAsRfc3339Text) {
  EXPECT_EQ(json_of_source("2020-01-01T00:00:00+01:00"), "\"2020-01-01T00:00:00+01:00\"\n");
  EXPECT_EQ(json_of_source("00:00:00+00:00"), "\"00:00:00+00:00\"\n");
  EXPECT_EQ(json_of_source("2020-01-01T01:02:03"), "\"2020-01-01T01:02:03\"\n");
  EXPECT_EQ(json_of_source("12:30:00Z"), "\"12:30:00+00:00\"\n");
  EXPECT_EQ(json_of_source("{ timeZone = -05:30, date = 1999-12-31, time = 23:59:59.50 }"),
            "\"1999-12-31T23:59:59.50-05:30\"\n");
  EXPECT_EQ(json_of_source("(2020-01-01T01:02:03+04:00).{ date, time }"),
            "\"2020-01-01T01:02:03\"\n");
  // Other field sets, or other field types, stay objects.
  EXPECT_EQ(json_of_source("{ date = 2020-01-01, timeZone = +01:00 }"),
            "{\"date\":\"2020-01-01\",\"timeZone\":\"+01:00\"}\n");
  EXPECT_EQ(json_of_source("{ time = 00:00:00 }"), "{\"time\":\"00:00:00\"}\n");
  EXPECT_EQ(json_of_source("2020-01-01T00:00:00 // { note = 1 }"),
            "{\"date\":\"2020-01-01\",\"note\":1,\"time\":\"00:00:00\"}\n");
  EXPECT_EQ(json_of_source("{ date = \"2020-01-01\", time = \"00:00:00\" }"),
            "{\"date\":\"2020-01-01\",\"time\":\"00:00:00\"}\n");
  EXPECT_EQ(json_of_source("{ time = 00:00:00, timezone = +01:00 }"),
            "{\"time\":\"00:00:00\",\"timezone\":\"+01:00\"}\n");
}

TEST(Conversion, JsonTypeBuiltByFunctionsIsReadBack) {
  std::string_view source = R"(
    λ(JSON : Type) →
    λ ( json
      : { array : List JSON → JSON, bool : Bool → JSON, double : Double → JSON
        , integer : Integer → JSON, null : JSON
        , object : List { mapKey : Text, mapValue : JSON } → JSON, string : Text → JSON
        }
      ) →
      let item = λ(n : Natural) → json.integer (Natural/toInteger n)
      in  json.object (toMap { xs = json.array [ item 1, item 2 ], s = json.string "t" }))";
  EXPECT_EQ(json_of_source(source), "{\"s\":\"t\",\"xs\":[1,2]}\n");
}

TEST(Conversion, ErrorsInLazyFieldsNameTheirPath) {
  EXPECT_EQ(error_of(parse_text("{ spec = { probe = λ(x : Natural) → x, image = \"i\" } }")),
            "spec.probe: is a function, which has no JSON form");
  EXPECT_EQ(error_of(parse_text("{ t = List Natural }")),
            "t: is not a value (an expression that does not reduce)");
}

TEST(Conversion, DeepValuesAreAnErrorNotACrash) {
  ValuePtr value = make_natural(Natural(1));
  for (int depth = 0; depth < 100000; ++depth) {
    value = make_value(VList{nullptr, std::vector{value}});
  }
  try {
    dhall_to_json(value);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::render);
    EXPECT_NE(error.message().find("nested more than 4000 levels"), std::string::npos);
  }
}

} // namespace
} // namespace polar::render
