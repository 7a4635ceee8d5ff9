# The libraries polar-helm builds on (Debian's packages), found once for the
# whole tree.
#
# CMake runs polar-helm once per Dhall file in a build, so its process start
# is part of every edge's latency (issue #17). Most of that start, on a
# dynamically linked build, is the loader binding libcrypto's and yaml-cpp's
# symbols and touching their relocated data pages. With
# POLAR_HELM_STATIC_DEPENDENCIES (the default) OpenSSL's libcrypto, yaml-cpp
# and zlib are linked from their static archives and polar-helm is a
# position-dependent executable, which needs no start-up relocation of that
# code at all (BENCHMARKS.md, "Process start"); libstdc++ and fmt are linked
# in too (below). libcurl stays a shared
# library loaded on the first remote fetch (tools/polar-helm/lazy_libcurl.cpp);
# it brings its own shared libcrypto, which never sees the executable's
# private copy. Turn the option off for a position-independent executable
# that shares the system's libraries (a distribution package, for one).
option(POLAR_HELM_STATIC_DEPENDENCIES
       "Link libcrypto, yaml-cpp and zlib statically into a non-PIE polar-helm (faster start)" ON)

if(POLAR_HELM_STATIC_DEPENDENCIES)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  set(ZLIB_USE_STATIC_LIBS ON)
endif()

if(POLAR_HELM_STATIC_DEPENDENCIES)
  # fmt's compiled part from its headers (cmake/fmt/format.cpp), so that
  # polar-helm links libstdc++ statically too: FMT_SHARED as the package
  # defines it keeps every object's command line (and ccache's hits) as
  # they are; it only marks symbols visible.
  add_library(polar_helm_fmt STATIC ${CMAKE_CURRENT_LIST_DIR}/fmt/format.cpp)
  target_compile_definitions(polar_helm_fmt PUBLIC FMT_SHARED)
  target_compile_features(polar_helm_fmt PUBLIC cxx_std_20)
  add_library(fmt::fmt ALIAS polar_helm_fmt)
else()
  find_package(fmt REQUIRED)
endif()
find_package(yaml-cpp REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)

# yaml-cpp's CMake package names only its shared library: the modules link
# PolarHelm::yaml-cpp, which is the static archive next to it when asked for.
add_library(polar_helm_yaml_cpp INTERFACE)
add_library(PolarHelm::yaml-cpp ALIAS polar_helm_yaml_cpp)
if(POLAR_HELM_STATIC_DEPENDENCIES)
  get_target_property(_polar_helm_yaml_cpp_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
  find_library(POLAR_HELM_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)
  target_include_directories(polar_helm_yaml_cpp SYSTEM INTERFACE ${_polar_helm_yaml_cpp_includes})
  target_link_libraries(polar_helm_yaml_cpp INTERFACE ${POLAR_HELM_YAML_CPP_ARCHIVE})
else()
  target_link_libraries(polar_helm_yaml_cpp INTERFACE yaml-cpp)
endif()

# polar_helm_fast_start(<executable>): a position-dependent executable with
# libstdc++ and libgcc linked in when the static dependencies are on (see
# above): the loader then binds no C++ symbol at start, about 50 page faults
# fewer per process.
include(CheckPIESupported)
check_pie_supported(LANGUAGES CXX)
function(polar_helm_fast_start target)
  if(POLAR_HELM_STATIC_DEPENDENCIES)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
