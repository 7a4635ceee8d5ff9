# Pushes the package of a chart for the target <name>_push of
# polar_helm_chart(... PACKAGE PUSH <oci-ref>) (script mode; see PolarHelm.cmake):
#
# cmake -P PolarHelmPush.cmake -- <polar-helm> <path-file> <oci-ref> [push options...]
#
# <path-file> holds the path of the package `polar-helm package --path-file`
# wrote; its name comes from Chart.yaml, so the build cannot name it itself.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmScriptArguments.cmake")
polar_helm_script_arguments(arguments)
list(POP_FRONT arguments polar_helm path_file reference)

if(NOT EXISTS "${path_file}")
  message(FATAL_ERROR "${path_file} does not exist: build the package first")
endif()
file(STRINGS "${path_file}" package LIMIT_COUNT 1)
if(NOT EXISTS "${package}")
  message(FATAL_ERROR "${package} does not exist: build the package again")
endif()
execute_process(COMMAND "${polar_helm}" push "${package}" "${reference}" ${arguments}
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "polar-helm push of ${package} to ${reference} failed")
endif()
