# The find_package consumer test (run by CTest in script mode): installs the built
# library into a scratch prefix, builds examples/ against it as clinic software would,
# and screens an example intake with the resulting program.
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
