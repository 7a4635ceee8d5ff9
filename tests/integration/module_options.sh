#!/usr/bin/env bash
# The argument checking of cmake/PolarHelm.cmake and the options that need no
# helm: misspelt keywords and names the build cannot carry stop the configure
# step with a clear message, `polar_helm_chart(... NO_VALUES_FILE)` keeps
# values.dhall an import without publishing it, and
# `polar_helm_render(... DEPENDS ...)` orders renders after the generated
# inputs they import (issue #14 items 12 and 18, issue #18), and checks the
# variables a render reads before it, naming every unset one (issue #15).
#
#   module_options.sh <PolarHelm_DIR>
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: module_options.sh <PolarHelm_DIR>"
package_dir=$1
fixtures=$(cd "$(dirname "$0")/fixtures" && pwd)
make_scratch

# new_project <dir>: a downstream project in <dir> whose CMakeLists.txt is the
# standard head followed by standard input.
new_project() {
  mkdir -p "$1"
  {
    printf '%s\n' 'cmake_minimum_required(VERSION 3.25)' 'project(Options LANGUAGES NONE)' \
      'find_package(PolarHelm CONFIG REQUIRED)' 'enable_testing()'
    cat
  } >"$1/CMakeLists.txt"
}
configure() { cmake -S "$1" -B "$1/build" -G Ninja -DPolarHelm_DIR="$package_dir" "${@:2}"; }
# assert_message <log> <text>: the log holds <text>, however CMake wrapped it.
assert_message() {
  tr -s ' \n' '  ' <"$1" | grep -Fq -- "$2" || fail "$1 does not say '$2': $(cat "$1")"
}
# refused <name> <text>: configuring project <name> must fail, saying <text>.
refused() {
  if run_logged "$scratch/$1.log" configure "$scratch/$1"; then
    fail "$1: the configure step passed"
  fi
  assert_message "$scratch/$1.log" "$2"
}

cp -r "$fixtures/mini" "$scratch/mini"
mini=$scratch/mini

step "a misspelt keyword stops the configure step, in every command"
new_project "$scratch/chart-typo" <<CMAKE
polar_helm_chart(mini SOURCE_DIR "$mini" ALLOW_PLAINTEXT_SECRETS SYNCDIR gitops)
CMAKE
refused chart-typo 'polar_helm_chart(mini): unknown arguments: SYNCDIR gitops'
new_project "$scratch/post-process-typo" <<CMAKE
polar_helm_chart(mini SOURCE_DIR "$mini" ALLOW_PLAINTEXT_SECRETS)
polar_helm_chart_post_process(mini PATTERN "templates/*.dhall" COMENT "stamping"
                              COMMAND \${CMAKE_COMMAND} -E copy <INPUT> <OUTPUT>)
CMAKE
refused post-process-typo 'polar_helm_chart_post_process(mini): unknown arguments: COMENT stamping'
new_project "$scratch/check-typo" <<CMAKE
polar_helm_chart(mini SOURCE_DIR "$mini" ALLOW_PLAINTEXT_SECRETS)
polar_helm_chart_check(mini kinds LABEL policy COMMAND \${CMAKE_COMMAND} -E true)
CMAKE
refused check-typo 'polar_helm_chart_check(mini kinds): unknown arguments: LABEL policy'
new_project "$scratch/render-typo" <<CMAKE
polar_helm_render(OUTPUT values.yaml SOURCE "$mini/values.dhall" TAGRET values)
CMAKE
refused render-typo 'polar_helm_render(values.yaml): unknown arguments: TAGRET values'
new_project "$scratch/render-no-value" <<CMAKE
polar_helm_render(OUTPUT values.yaml SOURCE "$mini/values.dhall" TARGET)
CMAKE
refused render-no-value 'polar_helm_render(values.yaml): TARGET needs a value'

step "a Dhall file whose name the build cannot carry stops the configure step"
for name in 'templates/a;b.dhall' 'web/templates/c#d.dhall'; do
  cp -r "$fixtures/mini" "$scratch/bad-names"
  mkdir -p "$(dirname "$scratch/bad-names/$name")"
  cp "$mini/templates/greeting.dhall" "$scratch/bad-names/$name"
  new_project "$scratch/bad-names-project" <<CMAKE
polar_helm_chart(mini SOURCE_DIR "$scratch/bad-names" ALLOW_PLAINTEXT_SECRETS)
CMAKE
  refused bad-names-project "$name: a chart source name cannot hold ';', '\\' or '#'"
  rm -rf "$scratch/bad-names" "$scratch/bad-names-project"
done

step "NO_VALUES_FILE: values.dhall is imported by the templates, not published"
cp "$mini/values.dhall" "$mini/web/values.dhall"
# At the same depth as templates/: the imports stay right.
cp "$mini/templates/greeting.dhall" "$mini/web/config.v1.dhall"
cp "$mini/templates/greeting.dhall" "$mini/web/config.v2.dhall"
new_project "$scratch/values" <<CMAKE
option(PUBLISH_VALUES "publish values.yaml" ON)
set(no_values_file NO_VALUES_FILE)
if(PUBLISH_VALUES)
  set(no_values_file "")
endif()
polar_helm_chart(mini SOURCE_DIR "$mini" ALLOW_PLAINTEXT_SECRETS \${no_values_file})
CMAKE
chart=$scratch/values/build/charts/mini
run_logged "$scratch/values-configure.log" configure "$scratch/values" || fail "configuring failed"
run_logged "$scratch/values-build.log" ninja -C "$scratch/values/build" || fail "the build failed"
assert_file "$chart/values.yaml"
assert_file "$chart/charts/web/values.yaml"
# Each values.yaml has the schema of its values.dhall's type next to it.
assert_contains "$chart/values.schema.json" '"greeting"'
assert_contains "$chart/charts/web/values.schema.json" '"additionalProperties": false'
# Two versions of one template are two files (the layout keeps every dot but the last .dhall).
assert_contains "$chart/charts/web/templates/config.v1.yaml" 'message: hello'
assert_contains "$chart/charts/web/templates/config.v2.yaml" 'message: hello'
run_logged "$scratch/values-configure2.log" configure "$scratch/values" -DPUBLISH_VALUES=OFF ||
  fail "configuring with NO_VALUES_FILE failed"
assert_message "$scratch/values-configure2.log" 'NO_VALUES_FILE'
run_logged "$scratch/values-build2.log" ninja -C "$scratch/values/build" || fail "the build failed"
assert_no_file "$chart/values.yaml" # removed as a stale output by chart-finish
assert_no_file "$chart/values.schema.json"
assert_no_file "$chart/charts/web/values.yaml"
assert_file "$chart/templates/greeting.yaml"
assert_contains "$chart/.helmignore" '^# Generated by polar-helm'
sed -i 's/greeting = "hello"/greeting = "bonjour"/' "$mini/values.dhall"
run_logged "$scratch/values-build3.log" ninja -C "$scratch/values/build" || fail "the build failed"
assert_contains "$chart/templates/greeting.yaml" 'message: bonjour'
assert_contains "$scratch/values-build3.log" 'rendering templates/greeting.dhall'
assert_not_contains "$scratch/values-build3.log" 'rendering values.dhall'
assert_no_file "$chart/values.yaml"

step "DEPENDS: a render waits for the generated files and renders it imports"
new_project "$scratch/chain" <<'CMAKE'
set(generated ${CMAKE_CURRENT_BINARY_DIR}/generated)
# A code generator writing a Dhall file into the build tree.
add_custom_command(
  OUTPUT ${generated}/version.dhall
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/version.dhall.in
          ${generated}/version.dhall
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/version.dhall.in)
file(WRITE ${generated}/app.dhall "{ app = \"web\", version = ./version.dhall }\n")
polar_helm_render(OUTPUT app.yaml SOURCE ${generated}/app.dhall TARGET app
                  DEPENDS ${generated}/version.dhall)
# A render of a rendered file, imported `as Text`.
file(WRITE ${generated}/notes.dhall "{ notes = ../app.yaml as Text }\n")
polar_helm_render(OUTPUT notes.yaml SOURCE ${generated}/notes.dhall TARGET notes DEPENDS app)
CMAKE
echo '"1.0.0"' >"$scratch/chain/version.dhall.in"
run_logged "$scratch/chain-configure.log" configure "$scratch/chain" || fail "configuring failed"
# Only the last target of the chain: it must bring the others first.
run_logged "$scratch/chain-build.log" ninja -C "$scratch/chain/build" notes ||
  fail "building the end of the chain failed"
assert_contains "$scratch/chain/build/app.yaml" "version: '1\.0\.0'"
assert_contains "$scratch/chain/build/notes.yaml" "version: '1\.0\.0'"
ninja -C "$scratch/chain/build" -n notes >"$scratch/chain-noop.log"
assert_contains "$scratch/chain-noop.log" 'no work to do'
echo '"1.1.0"' >"$scratch/chain/version.dhall.in"
run_logged "$scratch/chain-build2.log" ninja -C "$scratch/chain/build" notes ||
  fail "the rebuild failed"
assert_contains "$scratch/chain/build/notes.yaml" "version: '1\.1\.0'"

step "NO_VALUES_SCHEMA: values.yaml without values.schema.json; the schema follows the type"
new_project "$scratch/schema" <<CMAKE
option(VALUES_SCHEMA "write values.schema.json" ON)
set(no_values_schema NO_VALUES_SCHEMA)
if(VALUES_SCHEMA)
  set(no_values_schema "")
endif()
polar_helm_chart(mini SOURCE_DIR "$mini" ALLOW_PLAINTEXT_SECRETS \${no_values_schema})
CMAKE
chart=$scratch/schema/build/charts/mini
run_logged "$scratch/schema-configure.log" configure "$scratch/schema" || fail "configuring failed"
run_logged "$scratch/schema-build.log" ninja -C "$scratch/schema/build" || fail "the build failed"
assert_contains "$chart/values.schema.json" '"\$schema": "http://json-schema.org/draft-07/schema#"'
# A change of the type re-writes the schema (its depfile tracks values.dhall).
sed -i 's/greeting = "bonjour"/greeting = "bonjour", owner = "me"/' "$mini/values.dhall"
run_logged "$scratch/schema-build2.log" ninja -C "$scratch/schema/build" || fail "the rebuild failed"
assert_contains "$chart/values.schema.json" '"owner"'
run_logged "$scratch/schema-configure2.log" configure "$scratch/schema" -DVALUES_SCHEMA=OFF ||
  fail "configuring with NO_VALUES_SCHEMA failed"
run_logged "$scratch/schema-build3.log" ninja -C "$scratch/schema/build" || fail "the build failed"
assert_file "$chart/values.yaml"
assert_no_file "$chart/values.schema.json" # removed as a stale output by chart-finish

step "polar_helm_render: a source reading variables is checked first, all unset ones at once"
new_project "$scratch/render-env" <<'CMAKE'
file(WRITE ${CMAKE_CURRENT_SOURCE_DIR}/lib.dhall "{ first = env:RENDER_FIRST as Text }\n")
file(WRITE ${CMAKE_CURRENT_SOURCE_DIR}/config.dhall
     "{ first = (./lib.dhall).first, second = env:RENDER_SECOND as Text,\n  region = env:RENDER_REGION as Text ? \"eu\" }\n")
polar_helm_render(OUTPUT config.yaml SOURCE config.dhall TARGET config)
CMAKE
unset RENDER_FIRST RENDER_SECOND RENDER_REGION
run_logged "$scratch/render-env-configure.log" configure "$scratch/render-env" ||
  fail "configuring failed"
if run_logged "$scratch/render-env-build.log" ninja -C "$scratch/render-env/build"; then
  fail "the render built without its variables"
fi
[ "$(grep -c 'environment variables the files read are not set' "$scratch/render-env-build.log")" = 1 ] ||
  fail "not one message for the two variables"
assert_contains "$scratch/render-env-build.log" "^  RENDER_FIRST, read at .*/lib.dhall:1:11$"
assert_contains "$scratch/render-env-build.log" "^  RENDER_SECOND, read at .*/config.dhall:1:41$"
assert_not_contains "$scratch/render-env-build.log" "RENDER_REGION|polar-helm: rendering"
assert_no_file "$scratch/render-env/build/config.yaml"
RENDER_FIRST=one RENDER_SECOND=two run_logged "$scratch/render-env-build2.log" \
  ninja -C "$scratch/render-env/build" || fail "the render failed with its variables set"
assert_contains "$scratch/render-env/build/config.yaml" "^second: two$"
RENDER_FIRST=one RENDER_SECOND=two run_logged "$scratch/render-env-build3.log" \
  ninja -C "$scratch/render-env/build"
assert_not_contains "$scratch/render-env-build3.log" "polar-helm: rendering|checking that the variables"

echo
echo "module_options: all checks passed"
