# tw_add_test(NAME <target> SOURCES ... LIBS ... [LABELS unit|integration|slow ...])
# One GoogleTest executable per module; every test case becomes its own CTest test.
set(TW_CORPUS_DIR "${PROJECT_SOURCE_DIR}/../shared/corpus/powercenter" CACHE PATH
    "Real PowerCenter exports used by corpus tests (skipped when absent)")

# Sanitizer runtime options for every test; the programs a test starts (the CLI, the shell
# commands of the Command plugin) inherit them. UBSan stops at its first report so the test fails
# (the build already has -fno-sanitize-recover); TSan exits 66 after a run with a report.
set(TW_TEST_ENVIRONMENT "")
if(TW_SANITIZE STREQUAL "address")
  set(TW_TEST_ENVIRONMENT "ASAN_OPTIONS=detect_stack_use_after_return=1:strict_init_order=1"
                          "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
elseif(TW_SANITIZE STREQUAL "thread")
  set(TW_TEST_ENVIRONMENT "TSAN_OPTIONS=second_deadlock_stack=1:history_size=4")
endif()

function(tw_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main tw_warnings)
  target_compile_definitions(${T_NAME} PRIVATE
    TW_CORPUS_DIR="${TW_CORPUS_DIR}"
    TW_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    TW_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  # Labels are set by a script CTest runs after the discovered tests are defined: passed through
  # gtest_discover_tests(PROPERTIES LABELS ...), a list such as "integration;slow" is split
  # into separate properties and only the first label survives.
  gtest_discover_tests(${T_NAME} TEST_LIST ${T_NAME}_TESTS DISCOVERY_TIMEOUT 60)
  set(labels_script ${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}_labels.cmake)
  file(CONFIGURE OUTPUT ${labels_script} CONTENT
       "if(${T_NAME}_TESTS)\n  set_tests_properties(\${${T_NAME}_TESTS} PROPERTIES LABELS \"${T_LABELS}\"\n    ENVIRONMENT \"${TW_TEST_ENVIRONMENT}\")\nendif()\n"
       @ONLY)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_script})
endfunction()
