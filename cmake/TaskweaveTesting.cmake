# tw_add_test(NAME <target> SOURCES ... LIBS ... [LABELS unit|integration|slow ...])
# One GoogleTest executable per module; every test case becomes its own CTest test.
set(TW_CORPUS_DIR "${PROJECT_SOURCE_DIR}/../shared/corpus/powercenter" CACHE PATH
    "Real PowerCenter exports used by corpus tests (skipped when absent)")

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
       "if(${T_NAME}_TESTS)\n  set_tests_properties(\${${T_NAME}_TESTS} PROPERTIES LABELS \"${T_LABELS}\")\nendif()\n"
       @ONLY)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_script})
endfunction()
