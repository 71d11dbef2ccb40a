# contrascreen_embed_catalogue(<target> <yaml path>)
#
# Embeds the question catalogue YAML in <target> as Catalogue::builtin(). The file is
# read at configure time into a byte array (file(READ ... HEX) copes with any content),
# src/ruleset/catalogue_builtin.cpp.in is configured into the build tree and added to the
# target's sources. The YAML is a configure dependency, so editing it re-runs CMake on
# the next build and the generated source is rewritten (configure_file only touches it
# when its content changes, so unrelated reconfigures do not recompile it).
function(contrascreen_embed_catalogue target yaml)
  get_filename_component(yaml "${yaml}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${yaml}")
    message(FATAL_ERROR "contrascreen_embed_catalogue: ${yaml} does not exist")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${yaml}")

  file(READ "${yaml}" hex HEX)
  # Lines of 16 bytes keep the generated file friendly to editors and diff tools
  # (CMake's regex has no {n}, hence the repeated class).
  string(REPEAT "[0-9a-f]" 32 line_of_hex)
  string(REGEX REPLACE "(${line_of_hex})" "\\1\n  " hex "${hex}")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")

  set(CONTRASCREEN_CATALOGUE_BYTES "\n  ${bytes}")
  set(CONTRASCREEN_CATALOGUE_SOURCE "${yaml}")
  get_filename_component(CONTRASCREEN_CATALOGUE_NAME "${yaml}" NAME)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/generated/${target}_catalogue_builtin.cpp")
  configure_file("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../src/ruleset/catalogue_builtin.cpp.in" "${output}" @ONLY)
  target_sources(${target} PRIVATE "${output}")
endfunction()
