# Packaging polar-helm for downstream projects, three ways:
#
# * installed: `cmake --install <build> --prefix <prefix>` puts polar-helm in
#   <prefix>/bin and the package in <prefix>/lib/cmake/PolarHelm, so that
#   find_package(PolarHelm CONFIG) works with CMAKE_PREFIX_PATH=<prefix>;
# * from a build tree: PolarHelm_DIR=<build> finds the same package pointing at
#   the freshly built executable and the module in the sources;
# * add_subdirectory()/FetchContent: including this file defines the commands,
#   and the target PolarHelm::polar-helm is the one being built.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)
include(PolarHelm)

set(POLAR_HELM_PACKAGE_DESTINATION
    ${CMAKE_INSTALL_LIBDIR}/cmake/PolarHelm
    CACHE STRING "Where the CMake package goes below the install prefix")

install(
  TARGETS polar-helm polar-helm-env-check
  EXPORT PolarHelmTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(
  EXPORT PolarHelmTargets
  NAMESPACE PolarHelm::
  DESTINATION ${POLAR_HELM_PACKAGE_DESTINATION})

write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/PolarHelmConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)

set(POLAR_HELM_MODULE_DIR ${POLAR_HELM_PACKAGE_DESTINATION})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/PolarHelmConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/PolarHelmConfig.cmake
  INSTALL_DESTINATION ${POLAR_HELM_PACKAGE_DESTINATION}
  PATH_VARS POLAR_HELM_MODULE_DIR)
install(
  FILES ${PROJECT_BINARY_DIR}/package/PolarHelmConfig.cmake
        ${PROJECT_BINARY_DIR}/PolarHelmConfigVersion.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelm.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmLayout.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmSecrets.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmManifests.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmSchema.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmRunHelm.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmRunCheck.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmPackageTest.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmPush.cmake
        ${CMAKE_CURRENT_LIST_DIR}/PolarHelmScriptArguments.cmake
  DESTINATION ${POLAR_HELM_PACKAGE_DESTINATION})

# The build-tree package: the module stays in the sources.
export(
  EXPORT PolarHelmTargets
  NAMESPACE PolarHelm::
  FILE ${PROJECT_BINARY_DIR}/PolarHelmTargets.cmake)
set(POLAR_HELM_MODULE_DIR ${CMAKE_CURRENT_LIST_DIR})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/PolarHelmConfig.cmake.in ${PROJECT_BINARY_DIR}/PolarHelmConfig.cmake
  INSTALL_DESTINATION ${PROJECT_BINARY_DIR}
  INSTALL_PREFIX ${PROJECT_BINARY_DIR}
  PATH_VARS POLAR_HELM_MODULE_DIR)
