# Builds the fuzzers in an `asan` build (clang, AddressSanitizer +
# UndefinedBehaviorSanitizer) of the source tree; run by the
# fuzz.sanitizer_build test. With CONFIGURE=ON the build is a nested one of
# its own, configured first; with OFF it is the existing sanitizer build
# (build/asan). Only the fuzz targets and the libraries they link are built.
foreach(variable IN ITEMS SOURCE_DIR BINARY_DIR SHARED_DIR TARGETS CONFIGURE)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "BuildFuzzers.cmake needs -D ${variable}=...")
  endif()
endforeach()

if(CONFIGURE)
  execute_process(
    COMMAND ${CMAKE_COMMAND} --preset asan -S ${SOURCE_DIR} -B ${BINARY_DIR}
            -DPOLAR_HELM_BUILD_TESTS=OFF -DPOLAR_HELM_SHARED_DIR=${SHARED_DIR}
    WORKING_DIRECTORY ${SOURCE_DIR}
    RESULT_VARIABLE result)
  if(result)
    message(FATAL_ERROR "configuring the sanitizer build failed")
  endif()
elseif(NOT EXISTS "${BINARY_DIR}/CMakeCache.txt")
  message(FATAL_ERROR "no sanitizer build in ${BINARY_DIR}: run tools/setup.sh, or: "
                      "cmake --preset asan && cmake --build --preset asan-tests")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --parallel 2 --target ${TARGETS}
                RESULT_VARIABLE result)
if(result)
  message(FATAL_ERROR "building the fuzzers failed")
endif()
