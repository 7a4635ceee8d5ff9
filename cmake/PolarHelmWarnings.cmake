# Compiler warnings for the project's own targets.
#
# polar_helm_target_warnings(<target>) turns on the warning set every target
# of this project builds with, as errors when POLAR_HELM_WERROR is ON (CI).
function(polar_helm_target_warnings target)
  target_compile_options(
    ${target}
    PRIVATE -Wall
            -Wextra
            -Wpedantic
            -Wshadow
            -Wnon-virtual-dtor
            -Wimplicit-fallthrough
            $<$<BOOL:${POLAR_HELM_WERROR}>:-Werror>)
  # GCC 12 at -O2 reports uninitialized reads and overlapping copies inside
  # libstdc++'s std::variant and std::string that cannot happen (GCC bugs
  # 105329, 105562, 107138). They stay visible as warnings but do not fail
  # the build; every other warning still does.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized -Wno-error=restrict)
  endif()
endfunction()

# polar_helm_library(<module> SOURCES <files>... [DEPENDS <targets>...])
# declares the static library polar_helm_<module>, aliased PolarHelm::<module>,
# whose headers are included as "<module>/<header>.h" from src/.
function(polar_helm_library module)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPENDS")
  add_library(polar_helm_${module} STATIC ${arg_SOURCES})
  add_library(PolarHelm::${module} ALIAS polar_helm_${module})
  target_include_directories(polar_helm_${module}
                             PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>)
  target_link_libraries(polar_helm_${module} PUBLIC ${arg_DEPENDS})
  polar_helm_target_warnings(polar_helm_${module})
endfunction()
