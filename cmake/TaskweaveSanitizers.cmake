# Sanitizers apply to the whole build (kernel, plugins, tests) so instrumented and
# uninstrumented code never mix.
# With ASan+UBSan, GCC 12's -Wmaybe-uninitialized reports reads of inactive std::variant members
# in moves that never happen (expr::Value); the GCC manual advises against -Werror with
# sanitizers for this reason. The plain build keeps the warning, so nothing goes unchecked.
if(TW_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=address,undefined)
elseif(TW_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT TW_SANITIZE STREQUAL "")
  message(FATAL_ERROR "TW_SANITIZE must be '', 'address' or 'thread', not '${TW_SANITIZE}'")
endif()
