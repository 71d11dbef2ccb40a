# The find_package consumer test (run by CTest in script mode): installs the built
# library into a scratch prefix, builds examples/ (C++, contrascreen::contrascreen) and
# examples/c/ (C, contrascreen::c) against it as clinic software would, and screens an
# example intake with each resulting program.
#   -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples -B ${WORK_DIR}/build -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
execute_process(
  COMMAND ${WORK_DIR}/build/screen_intakes ${SOURCE_DIR}/examples/policies/quickstart.yaml
          ${SOURCE_DIR}/examples/intakes/warfarin.json
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT out MATCHES "\"decision\":\"refuse\"" OR NOT out MATCHES "\"rule\":\"anticoagulants\"")
  message(FATAL_ERROR "unexpected result (${rc}):\n${out}\n${err}")
endif()
message(STATUS "consumer built against the installed package and refused the warfarin intake")

# The C ABI the same way: a C program (examples/c) that links contrascreen::c, the shared
# library libcontrascreen_c.so, found through the installed package.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/c -B ${WORK_DIR}/build-c -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build-c)
execute_process(
  COMMAND ${WORK_DIR}/build-c/screen_intakes_c --date 2026-11-21 ${SOURCE_DIR}/examples/policies/quickstart.yaml
          ${SOURCE_DIR}/examples/intakes/warfarin.json
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT out MATCHES "\"decision\":\"refuse\"" OR NOT out MATCHES "\"rule\":\"anticoagulants\"")
  message(FATAL_ERROR "unexpected result from the C consumer (${rc}):\n${out}\n${err}")
endif()
file(GLOB_RECURSE installed_c_library ${WORK_DIR}/prefix/libcontrascreen_c.so*)
if(NOT installed_c_library)
  message(FATAL_ERROR "libcontrascreen_c.so was not installed under ${WORK_DIR}/prefix")
endif()
message(STATUS "C consumer built against contrascreen::c (${installed_c_library}) and refused the warfarin intake")
