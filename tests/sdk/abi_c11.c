/* Compiled as strict C11 (-std=c11 -pedantic): proves abi.h is valid C, and builds a complete
 * plugin descriptor the way a C vendor would, so the C++ side can check both agree. */
#include <taskweave/abi.h>

#include <stddef.h>

#include "abi_c11.h"

_Static_assert(sizeof(tw_status) == sizeof(int), "C enums in the ABI are int-sized");
_Static_assert(offsetof(tw_plugin_descriptor, struct_size) == 0, "struct_size comes first");

const size_t tw_c_layout[TW_C_LAYOUT_COUNT] = TW_LAYOUT_ENTRIES;

static int runs;

static void* create(const tw_host_api* host, tw_task_ctx* ctx, tw_error_buf* err) {
  (void)host;
  (void)ctx;
  (void)err;
  return &runs;
}
static tw_run_result run(void* task) {
  ++*(int*)task;
  return TW_RUN_SUCCEEDED;
}
static void destroy(void* task) { (void)task; }

static const tw_task_type types[] = {
    {sizeof(tw_task_type), "c.count", "counts its runs", create, run, destroy}};
static const tw_plugin_descriptor descriptor = {sizeof(tw_plugin_descriptor),
                                                TW_ABI_MAJOR,
                                                TW_ABI_MINOR,
                                                TW_ABI_HASH,
                                                "c-plugin",
                                                "1.0.0",
                                                "C vendor",
                                                sizeof types / sizeof types[0],
                                                types,
                                                NULL};

const tw_plugin_descriptor* tw_c_descriptor(void) { return &descriptor; }
