// Test helpers for "no process of the tree is left": the processes of a process group as
// /proc shows them, zombies included, and making the test process a child subreaper so that
// a command's orphans are handed to it (and must be reaped by the code under test) instead of
// to an init that may never reap them.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace taskweave::testing {

// /proc/<pid>/stat lines of every process whose process group is `group`.
std::vector<std::string> group_members(pid_t group);

// Makes this process the reaper of its descendants' orphans (PR_SET_CHILD_SUBREAPER).
void become_subreaper();

// True when this process has no child at all, exited or running.
bool no_child_left();

// The pid in the first line of `text` ("12345\n..."), 0 when there is none.
pid_t leading_pid(const std::string& text);

}  // namespace taskweave::testing
