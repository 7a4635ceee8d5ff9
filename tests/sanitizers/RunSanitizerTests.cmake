# Runs the `unit` and `conformance` labels of the sanitizer build in
# BINARY_DIR (test sanitizers.unit_and_conformance, see CMakeLists.txt):
#
# cmake -D BINARY_DIR=<build/asan> -P RunSanitizerTests.cmake
#
# The build is brought up to date first (nothing to do after tools/setup.sh),
# so the tests never run against older sources than the rest of the suite.
cmake_minimum_required(VERSION 3.25)

string(CONCAT how "run tools/setup.sh, or: cmake --preset asan && "
              "cmake --build --preset asan-tests")
if(NOT EXISTS "${BINARY_DIR}/CMakeCache.txt")
  message(FATAL_ERROR "no sanitizer build in ${BINARY_DIR}: ${how}")
endif()
file(STRINGS "${BINARY_DIR}/CMakeCache.txt" sanitizer_flags REGEX "^CMAKE_CXX_FLAGS:")
if(NOT sanitizer_flags MATCHES "-fsanitize=address,undefined")
  message(FATAL_ERROR "${BINARY_DIR} is not built with -fsanitize=address,undefined: ${how}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build "${BINARY_DIR}" --parallel 2 --target
                        unit_and_conformance_tests RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "building the sanitizer tests in ${BINARY_DIR} failed")
endif()

# -fno-sanitize-recover=all makes every finding fatal; a leak fails the test
# that leaked (LeakSanitizer runs at each test process's exit).
set(ENV{ASAN_OPTIONS} "detect_leaks=1")
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1")
# Debug frames with AddressSanitizer's redzones are several times the size of
# the optimized build's, for which the engine's depth limits (4000 nested
# evaluations or values) are sized with the usual 8 MiB stack: the limits are
# checked with a 64 MiB stack here, and at 8 MiB by the `ci` build's own tests.
execute_process(
  COMMAND
    sh -c "ulimit -s 65536 && exec \"$0\" \"$@\"" ${CMAKE_CTEST_COMMAND} --test-dir "${BINARY_DIR}"
    --label-regex "unit|conformance" --parallel 2 --output-on-failure --no-tests=error
  RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "unit or conformance tests failed under the sanitizers (above)")
endif()
