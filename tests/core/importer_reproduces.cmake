# Runs the importer on the reference copies of the upstream data and checks that it reproduces the
# committed data/ byte for byte (so data/ is what the documented command writes); AUDIT.md is
# written by hand.
#   cmake -DIMPORTER=... -DREFERENCE=... -DDATA=... -DOUT=... -P importer_reproduces.cmake
file(REMOVE_RECURSE "${OUT}")
execute_process(
  COMMAND "${IMPORTER}" --mot "${REFERENCE}/mot" --eosai "${REFERENCE}/eosai" --out "${OUT}"
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "openness-import failed (${rc})")
endif()
execute_process(COMMAND diff -r -q -x AUDIT.md "${DATA}" "${OUT}" RESULT_VARIABLE diff_rc OUTPUT_VARIABLE diff_out)
if(NOT diff_rc EQUAL 0)
  message(FATAL_ERROR "data/ differs from the importer's output; re-run the importer and commit:\n${diff_out}")
endif()
message(STATUS "data/ matches the importer's output")
