# Configures and builds the fuzzers in a nested `asan` build (clang,
# AddressSanitizer + UndefinedBehaviorSanitizer) of the source tree; run by
# the fuzz.sanitizer_build test. Only the fuzz targets and the libraries they
# link are built.
foreach(variable IN ITEMS SOURCE_DIR BINARY_DIR SHARED_DIR TARGETS)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "BuildFuzzers.cmake needs -D ${variable}=...")
  endif()
endforeach()

execute_process(
  COMMAND ${CMAKE_COMMAND} --preset asan -S ${SOURCE_DIR} -B ${BINARY_DIR}
          -DPOLAR_HELM_BUILD_TESTS=OFF -DPOLAR_HELM_SHARED_DIR=${SHARED_DIR}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE result)
if(result)
  message(FATAL_ERROR "configuring the sanitizer build failed")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --parallel 2 --target ${TARGETS}
                RESULT_VARIABLE result)
if(result)
  message(FATAL_ERROR "building the fuzzers failed")
endif()
