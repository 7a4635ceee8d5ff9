# Runs helm for the lint and template tests of polar_helm_chart() (script mode;
# see PolarHelm.cmake):
#
# cmake -P PolarHelmRunHelm.cmake -- lint <helm> <chart-dir> [helm options...]
# cmake -P PolarHelmRunHelm.cmake -- template <helm> <chart-dir> --output-file
# <file> --release-name <release> [helm options...]
#
# A missing helm prints "POLAR_HELM_SKIP:", which the tests'
# SKIP_REGULAR_EXPRESSION turns into a skip, never a pass.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmScriptArguments.cmake")
polar_helm_script_arguments(arguments)
list(POP_FRONT arguments mode helm chart_dir)
if(mode STREQUAL "template")
  cmake_parse_arguments(template "" "--output-file;--release-name" "" ${arguments})
  # A manifest from an earlier run must not outlive a skip or a failure.
  file(REMOVE "${template_--output-file}")
endif()

if(helm STREQUAL "none" OR NOT EXISTS "${helm}")
  if(helm STREQUAL "none")
    set(helm "helm")
  endif()
  message("POLAR_HELM_SKIP: ${helm} not found; set POLAR_HELM_HELM_EXECUTABLES to the helm "
          "programs to test with and reconfigure")
  return()
endif()
if(NOT EXISTS "${chart_dir}/Chart.yaml")
  message(FATAL_ERROR "${chart_dir}/Chart.yaml does not exist: build the chart first "
                      "(cmake --build <build-dir>)")
endif()

if(mode STREQUAL "lint")
  set(command "${helm}" lint --with-subcharts ${arguments} "${chart_dir}")
  set(output_options "")
elseif(mode STREQUAL "template")
  set(command "${helm}" template "${template_--release-name}" "${chart_dir}"
              ${template_UNPARSED_ARGUMENTS})
  get_filename_component(output_dir "${template_--output-file}" DIRECTORY)
  file(MAKE_DIRECTORY "${output_dir}")
  set(output_options OUTPUT_FILE "${template_--output-file}")
else()
  message(FATAL_ERROR "PolarHelmRunHelm.cmake: unknown mode '${mode}'")
endif()

list(JOIN command " " shown)
message("${shown}")
execute_process(COMMAND ${command} ${output_options} RESULT_VARIABLE result)
if(NOT result EQUAL 0 AND mode STREQUAL "template")
  file(REMOVE "${template_--output-file}")
endif()
if(NOT result EQUAL 0)
  message(FATAL_ERROR "helm ${mode} failed (${result})")
endif()
if(mode STREQUAL "template")
  message("manifest: ${template_--output-file}")
endif()
