# Runs a check of polar_helm_chart_check() that reads the rendered manifest
# (script mode; see PolarHelm.cmake):
#
# cmake -P PolarHelmRunCheck.cmake -- <manifest> <command> [arguments...]
#
# Without the manifest (its template test was skipped: no helm) the check prints
# "POLAR_HELM_SKIP:", which its SKIP_REGULAR_EXPRESSION turns into a skip, never
# a pass.
cmake_minimum_required(VERSION 3.25)

set(arguments "")
set(after_separator OFF)
math(EXPR last_argument "${CMAKE_ARGC} - 1")
foreach(index RANGE ${last_argument})
  if(after_separator)
    list(APPEND arguments "${CMAKE_ARGV${index}}")
  elseif(CMAKE_ARGV${index} STREQUAL "--")
    set(after_separator ON)
  endif()
endforeach()
list(POP_FRONT arguments manifest)

if(NOT EXISTS "${manifest}")
  message("POLAR_HELM_SKIP: ${manifest} does not exist: its template test did not run")
  return()
endif()
execute_process(COMMAND ${arguments} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the check failed (${result})")
endif()
