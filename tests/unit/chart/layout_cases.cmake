# cmake/PolarHelmLayout.cmake against the table of layout cases that
# src/chart/layout.cpp is held to as well (tests/support/layout-cases.txt,
# whose header explains the format).
#
#   cmake -DCASES=<table> -DMODULE=<PolarHelmLayout.cmake> -P layout_cases.cmake
#
# Each case runs in a child `cmake -P` of this script (with SOURCE_DIR and
# RESULT set), since a refused layout ends the script with FATAL_ERROR as it
# ends a configure step.
cmake_minimum_required(VERSION 3.25)

if(DEFINED SOURCE_DIR)
  include("${MODULE}")
  _polar_helm_discover_layout(case "${SOURCE_DIR}" layout)
  set(lines "")
  foreach(source output IN ZIP_LISTS layout_SOURCES layout_OUTPUTS)
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${source}")
    string(APPEND lines "${relative} -> ${output}\n")
  endforeach()
  file(WRITE "${RESULT}" "${lines}")
  return()
endif()

set(scratch "${CMAKE_CURRENT_BINARY_DIR}/layout-cases")
file(REMOVE_RECURSE "${scratch}")
file(STRINGS "${CASES}" table)
set(failed_cases "")
set(case_count 0)

# Runs the case gathered so far (`title`, `expected`, `failures`, in the folder
# `case_dir`) and appends its title to `failed_cases` when the module disagrees.
macro(run_case)
  if(NOT title STREQUAL "")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -DMODULE=${MODULE} -DSOURCE_DIR=${case_dir}
              -DRESULT=${case_dir}.result -P "${CMAKE_CURRENT_LIST_FILE}"
      OUTPUT_VARIABLE output
      ERROR_VARIABLE output
      RESULT_VARIABLE status)
    set(problem "")
    if(failures)
      if(status EQUAL 0)
        set(problem "the layout was accepted; ")
      endif()
      # CMake wraps and indents the lines of an error message.
      string(REGEX REPLACE "[ \n]+" " " flat_output "${output}")
      foreach(text IN LISTS failures)
        string(FIND "${flat_output}" "${text}" at)
        if(at EQUAL -1)
          string(APPEND problem "the message does not contain '${text}'; ")
        endif()
      endforeach()
    elseif(NOT status EQUAL 0)
      set(problem "the layout was refused")
    else()
      file(STRINGS "${case_dir}.result" rendered)
      list(SORT rendered)
      list(SORT expected)
      list(JOIN rendered "\n  " rendered)
      list(JOIN expected "\n  " expected)
      if(NOT rendered STREQUAL expected)
        set(problem "expected\n  ${expected}\nrendered\n  ${rendered}")
      endif()
    endif()
    if(problem)
      message("FAILED: ${title}: ${problem}\n${output}")
      list(APPEND failed_cases "${title}")
    else()
      message("ok: ${title}")
    endif()
  endif()
endmacro()

set(title "")
foreach(line IN LISTS table)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  if(line MATCHES "^case (.*)")
    set(next_title "${CMAKE_MATCH_1}")
    run_case()
    set(title "${next_title}")
    math(EXPR case_count "${case_count} + 1")
    set(case_dir "${scratch}/${case_count}")
    file(MAKE_DIRECTORY "${case_dir}")
    set(expected "")
    set(failures "")
    continue()
  endif()
  if(line MATCHES "^fails (.*)")
    string(REPLACE ";" "\\;" text "${CMAKE_MATCH_1}") # one list element
    list(APPEND failures "${text}")
    continue()
  endif()
  set(file "${line}")
  string(FIND "${line}" " -> " arrow)
  if(NOT arrow EQUAL -1)
    string(SUBSTRING "${line}" 0 ${arrow} file)
    if(line MATCHES ";")
      message(FATAL_ERROR "${CASES}: '${line}': a rendered file cannot hold ';'")
    endif()
    list(APPEND expected "${line}")
  endif()
  # Through the shell: CMake's own file commands read `\` as a separator.
  execute_process(COMMAND sh -c [=[mkdir -p "$(dirname "$1")" && printf '{=}\n' >"$1"]=] sh
                          "${case_dir}/${file}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "could not write ${case_dir}/${file}")
  endif()
endforeach()
run_case()

list(LENGTH failed_cases failed_count)
if(case_count LESS 10)
  message(FATAL_ERROR "${CASES} holds ${case_count} cases: not the table")
elseif(failed_count GREATER 0)
  list(JOIN failed_cases "\n  " failed_cases)
  message(FATAL_ERROR "${failed_count} of ${case_count} layout cases failed:\n  ${failed_cases}")
endif()
file(REMOVE_RECURSE "${scratch}")
message("all ${case_count} layout cases hold")
