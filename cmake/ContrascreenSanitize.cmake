# Sanitizer and fuzzing builds (scripts/hardening.sh, CMakePresets.json).
#
#   -DCONTRASCREEN_SANITIZE=address,undefined   ASan + UBSan (any UB aborts the test)
#   -DCONTRASCREEN_SANITIZE=thread              TSan
#   -DCONTRASCREEN_FUZZ=ON                      libFuzzer targets from tests/fuzz (clang only)
#
# The flags live on the interface target contrascreen_sanitize, which only the project's
# own targets link (through contrascreen_warnings, privately), so the installed package's
# interface never carries them.
set(CONTRASCREEN_SANITIZE "" CACHE STRING "Sanitizers for every project target: \"\", \"address,undefined\" or \"thread\"")
set_property(CACHE CONTRASCREEN_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")
option(CONTRASCREEN_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

add_library(contrascreen_sanitize INTERFACE)
if(CONTRASCREEN_SANITIZE)
  if(NOT CONTRASCREEN_SANITIZE MATCHES "^(address,undefined|undefined,address|address|undefined|thread)$")
    message(FATAL_ERROR "CONTRASCREEN_SANITIZE='${CONTRASCREEN_SANITIZE}': expected \"\", \"address,undefined\" or \"thread\"")
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang|GNU")
    message(FATAL_ERROR "CONTRASCREEN_SANITIZE needs clang or g++")
  endif()
  set(flags -fsanitize=${CONTRASCREEN_SANITIZE} -fno-omit-frame-pointer)
  if(CONTRASCREEN_SANITIZE MATCHES "undefined")
    # Report undefined behaviour as an error that fails the test, not a line on stderr.
    list(APPEND flags -fno-sanitize-recover=all)
  endif()
  target_compile_options(contrascreen_sanitize INTERFACE ${flags})
  target_link_options(contrascreen_sanitize INTERFACE ${flags})
endif()
if(CONTRASCREEN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CONTRASCREEN_FUZZ=ON needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Coverage instrumentation for every project target; the fuzz targets add the
  # libFuzzer driver (-fsanitize=fuzzer) themselves (tests/fuzz/CMakeLists.txt).
  target_compile_options(contrascreen_sanitize INTERFACE -fsanitize=fuzzer-no-link)
endif()
target_link_libraries(contrascreen_warnings INTERFACE contrascreen_sanitize)
