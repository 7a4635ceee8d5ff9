# Runs a check of polar_helm_chart_check() that reads the rendered manifest
# (script mode; see PolarHelm.cmake):
#
# cmake -P PolarHelmRunCheck.cmake -- <manifest> <command> [arguments...]
#
# Without the manifest (its template test was skipped: no helm) the check prints
# "POLAR_HELM_SKIP:", which its SKIP_REGULAR_EXPRESSION turns into a skip, never
# a pass.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmScriptArguments.cmake")
polar_helm_script_arguments(arguments)
list(POP_FRONT arguments manifest)

if(NOT EXISTS "${manifest}")
  message("POLAR_HELM_SKIP: ${manifest} does not exist: its template test did not run")
  return()
endif()
execute_process(COMMAND ${arguments} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the check failed (${result})")
endif()
