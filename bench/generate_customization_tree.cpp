// Generates the "customization tree" benchmark input of issue #16: a
// generated record schema of 3,000 fields nested 5 deep, its default, and
// 50 combinators that each apply a few `with` / `//` customizations, composed
// into one customized result.
//
//   generate_customization_tree <output dir>
//
// - schema/area<A>.dhall, defaults/area<A>.dhall: one area's type and
//   default (`area.module.component.part.field`, 6 * 5 * 5 * 4 * 5 fields);
// - Customization.dhall: `{ Type, default }` over them;
// - combinators/c<K>.dhall: `Customization.Type → Customization.Type`, each
//   built on the previous combinator;
// - main.dhall: the scenario, every combinator folded over the default.
#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <string>

#include "generated_files.h"

namespace {

using polar::bench::write_generated_file;

constexpr int area_count = 6;
constexpr int module_count = 5;
constexpr int component_count = 5;
constexpr int part_count = 4;
constexpr int field_count = 5;
constexpr int combinator_count = 50;

const char* field_type(int f) {
  static const char* const types[] = {"Text", "Natural", "Bool", "Optional Text", "List Text"};
  return types[(f - 1) % 5];
}

std::string field_default(int a, int m, int c, int p, int f) {
  switch ((f - 1) % 5) {
  case 0:
    return fmt::format("\"area{}.module{}.component{}.part{}\"", a, m, c, p);
  case 1:
    return fmt::format("{}", a * 1000 + m * 100 + c * 10 + p);
  case 2:
    return (a + m + c + p) % 2 == 0 ? "True" : "False";
  case 3:
    return "None Text";
  default:
    return "[] : List Text";
  }
}

// A record of `count` fields named `name<i>`, each rendered by `inner(i)`,
// indented by `indent` spaces; `separator` is ":" for types, "=" for values.
template <typename Inner>
std::string nested(const char* name, int count, const char* separator, int indent, Inner inner) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  std::string text = "{ ";
  for (int i = 1; i <= count; ++i) {
    text += fmt::format("{}{}{} {} {}\n", i == 1 ? "" : pad + ", ", name, i, separator, inner(i));
  }
  return text + pad + "}";
}

std::string area_file(int a, bool type) {
  const char* separator = type ? ":" : "=";
  return nested("module", module_count, separator, 0,
                [&](int m) {
                  return nested("component", component_count, separator, 2, [&](int c) {
                    return nested("part", part_count, separator, 4, [&](int p) {
                      return nested("field", field_count, separator, 6, [&](int f) {
                        return type ? std::string(field_type(f)) : field_default(a, m, c, p, f);
                      });
                    });
                  });
                }) +
         "\n";
}

std::string areas_file(const char* folder, const char* separator) {
  std::string text = "{ ";
  for (int a = 1; a <= area_count; ++a) {
    text +=
        fmt::format("{}area{} {} ./{}/area{}.dhall\n", a == 1 ? "" : ", ", a, separator, folder, a);
  }
  return text + "}\n";
}

// The path of the `k`-th customized part (spread over the whole tree).
std::string part_path(int k) {
  int a = 1 + k % area_count;
  int m = 1 + (k / 2) % module_count;
  int c = 1 + (k / 3) % component_count;
  int p = 1 + (k / 5) % part_count;
  return fmt::format("area{}.module{}.component{}.part{}", a, m, c, p);
}

std::string combinator_file(int k) {
  int a = 1 + (k + 3) % area_count;
  int m = 1 + (k + 1) % module_count;
  int c = 1 + (k + 2) % component_count;
  // Each combinator customizes the result of the previous one, as in the
  // real trees of issue #16: a normal form then inlines the whole chain
  // below it, which is what costs the reference minutes and gigabytes.
  std::string start = k > 1 ? fmt::format("(./c{}.dhall config)", k - 1) : "config";
  return fmt::format(R"(-- Customization {0}.
let Customization = ../Customization.dhall

in  λ(config : Customization.Type) →
      let customized =
                {1}
            with {2}.field1 = "customized by {0}"
            with {3}.field2 = {0}
            with {4}.field5 = [ "customization-{0}" ]

      in      customized
          //  {{ area{5} =
                    customized.area{5}
                //  {{ module{6} =
                          customized.area{5}.module{6}
                      //  {{ component{7} =
                                customized.area{5}.module{6}.component{7}
                            with part1.field3 = {8}
                            with part2.field4 = Some "set by {0}"
                        }}
                    }}
              }}
)",
                     k, start, part_path(k), part_path(k + 17), part_path(k + 31), a, m, c,
                     k % 2 == 0 ? "True" : "False");
}

std::string main_file() {
  std::string text = R"(-- Scenario: every combinator applied to the default, composed with a fold.
let Customization = ./Customization.dhall

let Customize = Customization.Type → Customization.Type

let customizations
    : List Customize
    = [ )";
  for (int k = 1; k <= combinator_count; ++k) {
    text += fmt::format("{}./combinators/c{}.dhall\n", k == 1 ? "" : "      , ", k);
  }
  return text + R"(      ]

in  List/fold
      Customize
      customizations
      Customization.Type
      (λ(customize : Customize) → λ(result : Customization.Type) → customize result)
      Customization::{=}
)";
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: generate_customization_tree <output dir>\n", stderr);
    return 2;
  }
  try {
    std::filesystem::path out = argv[1];
    for (int a = 1; a <= area_count; ++a) {
      write_generated_file(out, fmt::format("schema/area{}.dhall", a), area_file(a, true));
      write_generated_file(out, fmt::format("defaults/area{}.dhall", a), area_file(a, false));
    }
    write_generated_file(out, "Customization.dhall",
                         "{ Type =\n    " + areas_file("schema", ":") + ", default =\n    " +
                             areas_file("defaults", "=") + "}\n");
    for (int k = 1; k <= combinator_count; ++k) {
      write_generated_file(out, fmt::format("combinators/c{}.dhall", k), combinator_file(k));
    }
    write_generated_file(out, "main.dhall", main_file());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_customization_tree: %s\n", error.what());
    return 1;
  }
  return 0;
}
