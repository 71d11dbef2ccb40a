# Warnings live in their own interface target so that consumers of the installed
# library never inherit them; only the project's own targets link it.
add_library(contrascreen_warnings INTERFACE)
target_compile_options(contrascreen_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wimplicit-fallthrough>)
# GCC 12 reports false -Wrestrict warnings on std::string concatenation at -O3 (GCC bug
# 105651, fixed in 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(contrascreen_warnings INTERFACE -Wno-restrict)
endif()
option(CONTRASCREEN_WERROR "Treat warnings as errors" OFF)
if(CONTRASCREEN_WERROR)
  target_compile_options(contrascreen_warnings INTERFACE -Werror)
endif()
