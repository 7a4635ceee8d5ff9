# The test <name>.package of polar_helm_chart(... PACKAGE) (script mode; see
# PolarHelm.cmake):
#
# cmake -P PolarHelmPackageTest.cmake -- <polar-helm> <chart-dir> <path-file>
#   <work-dir> [--version <v>] HELMS <helm>... [LINT_OPTIONS <option>...]
#
# The chart is copied twice, once keeping the build's file times and modes and
# once with other times and the modes umask 077 gives (what another build tree,
# a fresh clone, gives), and each copy is packaged: both packages must have the
# sha256 of the build's. Then each helm lints the package; without helm the
# test prints "POLAR_HELM_SKIP:", which its SKIP_REGULAR_EXPRESSION turns into
# a skip once the packages agreed.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmScriptArguments.cmake")
polar_helm_script_arguments(arguments)
list(POP_FRONT arguments polar_helm chart_dir path_file work_dir)
cmake_parse_arguments(arg "" "--version" "HELMS;LINT_OPTIONS" ${arguments})
set(version_flag "")
if(arg_--version)
  set(version_flag --version "${arg_--version}")
endif()

if(NOT EXISTS "${path_file}")
  message(FATAL_ERROR "${path_file} does not exist: build the package first "
                      "(cmake --build <build-dir>)")
endif()
file(STRINGS "${path_file}" package LIMIT_COUNT 1)
if(NOT EXISTS "${package}")
  message(FATAL_ERROR "${package} does not exist: build the package again")
endif()
file(SHA256 "${package}" expected)
message("the build's package: ${package}\n  sha256 ${expected}")

file(REMOVE_RECURSE "${work_dir}")
file(MAKE_DIRECTORY "${work_dir}/kept" "${work_dir}/changed")
file(COPY "${chart_dir}/" DESTINATION "${work_dir}/kept/chart") # keeps times and modes
file(COPY "${chart_dir}/" DESTINATION "${work_dir}/changed/chart")
file(
  GLOB_RECURSE changed_files
  LIST_DIRECTORIES true
  "${work_dir}/changed/chart/*")
execute_process(COMMAND touch -h -t 200102030405.06 ${changed_files} COMMAND_ERROR_IS_FATAL ANY)
file(
  CHMOD_RECURSE
  "${work_dir}/changed/chart"
  FILE_PERMISSIONS
  OWNER_READ
  OWNER_WRITE
  DIRECTORY_PERMISSIONS
  OWNER_READ
  OWNER_WRITE
  OWNER_EXECUTE)

foreach(copy IN ITEMS kept changed)
  execute_process(
    COMMAND "${polar_helm}" package "${work_dir}/${copy}/chart" --output "${work_dir}/${copy}"
            ${version_flag}
    OUTPUT_VARIABLE written
    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  file(SHA256 "${written}" actual)
  message("the copy with ${copy} times and modes: sha256 ${actual}")
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${written} differs from ${package}: the package is not reproducible")
  endif()
endforeach()

set(linted 0)
foreach(helm IN LISTS arg_HELMS)
  if(helm STREQUAL "none" OR NOT EXISTS "${helm}")
    continue()
  endif()
  message("${helm} lint --with-subcharts ${arg_LINT_OPTIONS} ${package}")
  execute_process(COMMAND "${helm}" lint --with-subcharts ${arg_LINT_OPTIONS} "${package}"
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${helm} lint of ${package} failed")
  endif()
  math(EXPR linted "${linted} + 1")
endforeach()
if(linted EQUAL 0)
  message("POLAR_HELM_SKIP: the packages agree, but no helm could lint them; set "
          "POLAR_HELM_HELM_EXECUTABLES to the helm programs to test with and reconfigure")
endif()
file(REMOVE_RECURSE "${work_dir}")
