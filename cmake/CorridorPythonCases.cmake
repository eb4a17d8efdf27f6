# corridor_python_cases(PREFIX SCRIPT LABEL [SKIP_RETURN_CODE code]): one CTest per @case of
# a Python test script (tests/e2e/cli_e2e.py, tests/serve/serve_faults.py). The script
# lists its cases with `SCRIPT list` at configure time (a new case re-runs CMake) and runs
# one with `SCRIPT CORRIDOR_BIN REPO_DIR CASE`; the tests are named PREFIX.CASE.
function(corridor_python_cases prefix script label)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "SKIP_RETURN_CODE" "")
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  execute_process(COMMAND ${Python3_EXECUTABLE} ${script} list
                  OUTPUT_VARIABLE cases OUTPUT_STRIP_TRAILING_WHITESPACE
                  COMMAND_ERROR_IS_FATAL ANY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${script})
  string(REPLACE "\n" ";" cases "${cases}")
  foreach(c IN LISTS cases)
    add_test(NAME ${prefix}.${c}
             COMMAND ${Python3_EXECUTABLE} ${script} $<TARGET_FILE:corridor_cli>
                     ${PROJECT_SOURCE_DIR} ${c})
    set_tests_properties(${prefix}.${c} PROPERTIES LABELS ${label} TIMEOUT 600)
    if(DEFINED arg_SKIP_RETURN_CODE)
      set_tests_properties(${prefix}.${c} PROPERTIES SKIP_RETURN_CODE ${arg_SKIP_RETURN_CODE})
    endif()
  endforeach()
endfunction()
