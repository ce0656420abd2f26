# tw_warnings: the project's warning set as an INTERFACE target, so every target opts in by
# linking it and CI can turn the same set into errors with -DTW_WERROR=ON.
add_library(tw_warnings INTERFACE)
target_compile_options(tw_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${TW_WERROR}>:-Werror>)
# C sources (the C ABI checks) get the C-compatible subset.
add_library(tw_warnings_c INTERFACE)
target_compile_options(tw_warnings_c INTERFACE -Wall -Wextra -Wpedantic
  $<$<BOOL:${TW_WERROR}>:-Werror>)
