# The external tools the test suite runs: both supported Helm majors and the
# reference dhall-to-json. tools/setup.sh installs them under .tools/; other
# locations can be given through the cache variables or PATH.
#
# Sets POLAR_HELM_HELM3, POLAR_HELM_HELM4 (helm 3.17 and helm 4.1) and
# POLAR_HELM_REFERENCE_DHALL_TO_JSON, each <VAR>-NOTFOUND when absent, and
# reports which binaries (and versions) the build uses.
set(_polar_helm_tools_dir ${PROJECT_SOURCE_DIR}/.tools)

function(_polar_helm_find_helm variable label)
  find_program(
    ${variable} helm
    HINTS ${_polar_helm_tools_dir}/helm-${label} ENV POLAR_HELM_TOOLS_DIR
    PATH_SUFFIXES helm-${label}
    NO_DEFAULT_PATH
    DOC "helm ${label}")
  if(${variable})
    execute_process(
      COMMAND ${${variable}} version --short
      OUTPUT_VARIABLE version
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    message(STATUS "helm ${label}: ${${variable}} (${version})")
  else()
    message(STATUS "helm ${label}: not found (run tools/setup.sh); helm tests will be skipped")
  endif()
endfunction()

_polar_helm_find_helm(POLAR_HELM_HELM3 3.17)
_polar_helm_find_helm(POLAR_HELM_HELM4 4.1)

find_program(
  POLAR_HELM_REFERENCE_DHALL_TO_JSON dhall-to-json-1.7.6-x86_64-linux
  HINTS ${_polar_helm_tools_dir}/npm/node_modules/.bin
  NO_DEFAULT_PATH
  DOC "the reference dhall-to-json 1.7.6, for benchmarks and comparisons")
