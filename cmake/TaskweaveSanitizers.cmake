# Sanitizers apply to the whole build (kernel, plugins, tests) so instrumented and
# uninstrumented code never mix. -O1 -g1 (line tables only) replace the build type's -O2 -g:
# reports still name file and line, and a sanitizer build costs half the compile time
# (18.7 -> 9.5 s CPU for tests/kernel/run/executor_test.cpp under ASan), which is what lets CI
# afford one.
if(NOT TW_SANITIZE STREQUAL "")
  add_compile_options(-O1 -g1)
endif()
# Under either sanitizer, GCC 12's -Wmaybe-uninitialized reports reads of inactive std::variant
# members in moves that never happen (expr::Value); the GCC manual advises against -Werror with
# sanitizers for this reason. The plain build keeps the warning, so nothing goes unchecked.
if(TW_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=address,undefined)
elseif(TW_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=thread)
elseif(NOT TW_SANITIZE STREQUAL "")
  message(FATAL_ERROR "TW_SANITIZE must be '', 'address' or 'thread', not '${TW_SANITIZE}'")
endif()
