// For tests whose child processes crash on purpose (a plugin that dereferences a bad pointer in
// taskweave-worker): under ASan or TSan the child's sanitizer would catch the SIGSEGV and exit
// with its own report instead of dying of the signal the test expects to see.
#pragma once

namespace taskweave::testing {

// Adds handle_segv=0 to ASAN_OPTIONS and TSAN_OPTIONS when they are set (sanitizer builds set
// them for every test, cmake/TaskweaveTesting.cmake), so the processes this test starts from
// now on die of SIGSEGV as they would in a plain build. The test process itself is unchanged:
// its sanitizer read its options at start-up.
void let_children_die_of_segv();

}  // namespace taskweave::testing
