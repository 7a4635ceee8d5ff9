// Micro-benchmarks of the engine's phases on the dhall-kubernetes package:
// what a warm render does with the cached package (decode, evaluate, pick
// two schemas) and what a cold one does on top (type-check, normalize,
// encode, hash, parse). The package is read from the standard integrity
// cache, so run `polar-helm render` on anything importing it once first.
//
//   build/<dir>/bench/engine_bench [--benchmark_filter=Decode]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace {

namespace fs = std::filesystem;
using namespace polar::dhall;

constexpr const char* package_entry =
    "1220263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c";

std::optional<fs::path> cached_package() {
  std::vector<fs::path> directories;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    directories.push_back(fs::path(xdg) / "dhall");
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    directories.push_back(fs::path(home) / ".cache" / "dhall");
  }
  for (const auto& directory : directories) {
    if (fs::exists(directory / package_entry)) {
      return directory / package_entry;
    }
  }
  return std::nullopt;
}

// The package's CBOR, read once; empty when it is not in the cache.
const std::vector<std::uint8_t>& package_bytes() {
  static const std::vector<std::uint8_t> bytes = [] {
    auto path = cached_package();
    if (!path) {
      return std::vector<std::uint8_t>{};
    }
    std::ifstream in(*path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
  }();
  return bytes;
}

bool have_package(benchmark::State& state) {
  if (package_bytes().empty()) {
    state.SkipWithError("dhall-kubernetes is not in the integrity cache: render something that "
                        "imports it with its sha256 first");
    return false;
  }
  return true;
}

const ExprPtr& package() {
  static const ExprPtr expr = decode(package_bytes());
  return expr;
}

// `k.Deployment::{ metadata = k.ObjectMeta::{ name = Some "x" } }` with k
// bound to the package by a let, as after import resolution.
ExprPtr deployment_program() {
  auto body = parse_text(R"(k.Deployment::{ metadata = k.ObjectMeta::{ name = Some "x" } })");
  return make_expr(Let{Label("k"), nullptr, package(), body});
}

void DecodePackage(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode(package_bytes()));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * package_bytes().size()));
}
BENCHMARK(DecodePackage)->Unit(benchmark::kMillisecond);

// What a warm render decodes of the package: the field names, then the two
// schemas it completes (binary/lazy_decode.h).
void DecodePackageLazilyReadTwoFields(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  SharedBytes shared(package_bytes());
  for (auto _ : state) {
    auto record = decode_lazily(shared);
    const auto& fields = record->as<RecordLit>()->fields;
    benchmark::DoNotOptimize(&fields.at(Label("Deployment"))->node());
    benchmark::DoNotOptimize(&fields.at(Label("ObjectMeta"))->node());
  }
}
BENCHMARK(DecodePackageLazilyReadTwoFields)->Unit(benchmark::kMillisecond);

// The warm render's engine work once the package's type is known: evaluate
// the package, complete two schemas, read the result back.
void RenderDeploymentWithKnownType(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  auto program = deployment_program();
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalize(program));
  }
}
BENCHMARK(RenderDeploymentWithKnownType)->Unit(benchmark::kMillisecond);

void TypecheckPackage(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(infer_type(package()));
  }
}
BENCHMARK(TypecheckPackage)->Unit(benchmark::kMillisecond);

// Type-checking the program with the package's type known (what the
// import resolver records), as a warm render with a build cache does.
void TypecheckDeploymentWithKnownType(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  KnownTypes known;
  known.add(package(), infer_type(package()));
  auto program = deployment_program();
  for (auto _ : state) {
    benchmark::DoNotOptimize(infer_type(program, &known));
  }
}
BENCHMARK(TypecheckDeploymentWithKnownType)->Unit(benchmark::kMillisecond);

void NormalizePackage(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalize(package()));
  }
}
BENCHMARK(NormalizePackage)->Unit(benchmark::kMillisecond);

void AlphaEncodeHashPackage(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  for (auto _ : state) {
    auto bytes = encode(*alpha_normalize(package()));
    benchmark::DoNotOptimize(sha256(bytes));
  }
}
BENCHMARK(AlphaEncodeHashPackage)->Unit(benchmark::kMillisecond);

void ParsePackageText(benchmark::State& state) {
  if (!have_package(state)) {
    return;
  }
  static const std::string text = print(*package());
  for (auto _ : state) {
    benchmark::DoNotOptimize(parse_text(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(ParsePackageText)->Unit(benchmark::kMillisecond);

void InternKnownLabel(benchmark::State& state) {
  const std::string text = "containerPort";
  Label warm(text);
  for (auto _ : state) {
    benchmark::DoNotOptimize(Label(text));
  }
}
BENCHMARK(InternKnownLabel);

} // namespace

BENCHMARK_MAIN();
