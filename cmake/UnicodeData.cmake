# Unicode Character Database tables for free-text matching (src/util/text_match.hpp).
#
# contrascreen_unicode_data(<target>) generates <build>/generated/util/unicode_data.cpp at build
# time with cmake/generate_unicode_data.py from the UCD files of Debian's `unicode-data` package
# (CONTRASCREEN_UCD_DIR, /usr/share/unicode) and adds it to <target>. The tables follow the
# installed package's Unicode version (the generated file and unicode::version name it); none is
# checked in. The generator needs only Python's standard library: Debian's /usr/bin/python3 when
# present (a python3 earlier on PATH may be another build), else the Python 3 CMake finds.
set(CONTRASCREEN_UCD_DIR /usr/share/unicode CACHE PATH
    "The Unicode Character Database: UnicodeData.txt, CaseFolding.txt, PropList.txt, ... (Debian: unicode-data)")
if(EXISTS /usr/bin/python3)
  set(CONTRASCREEN_UNICODE_PYTHON /usr/bin/python3 CACHE FILEPATH "The Python that generates the Unicode tables")
else()
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(CONTRASCREEN_UNICODE_PYTHON "${Python3_EXECUTABLE}" CACHE FILEPATH "The Python that generates the Unicode tables")
endif()
set(CONTRASCREEN_UCD_FILES
    ${CONTRASCREEN_UCD_DIR}/UnicodeData.txt
    ${CONTRASCREEN_UCD_DIR}/CaseFolding.txt
    ${CONTRASCREEN_UCD_DIR}/PropList.txt
    ${CONTRASCREEN_UCD_DIR}/CompositionExclusions.txt
    ${CONTRASCREEN_UCD_DIR}/DerivedNormalizationProps.txt)
foreach(file IN LISTS CONTRASCREEN_UCD_FILES)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${file} is missing: install Debian's unicode-data package (scripts/install-deps.sh does), "
                        "or point CONTRASCREEN_UCD_DIR at a Unicode Character Database")
  endif()
endforeach()
set(CONTRASCREEN_UNICODE_GENERATOR ${CMAKE_CURRENT_LIST_DIR}/generate_unicode_data.py)

function(contrascreen_unicode_data target)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/generated/util/unicode_data.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/generated/util"
    COMMAND "${CONTRASCREEN_UNICODE_PYTHON}" "${CONTRASCREEN_UNICODE_GENERATOR}"
            --ucd "${CONTRASCREEN_UCD_DIR}" --out "${output}"
    DEPENDS "${CONTRASCREEN_UNICODE_GENERATOR}" ${CONTRASCREEN_UCD_FILES}
    COMMENT "Generating the Unicode tables from ${CONTRASCREEN_UCD_DIR}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
