/* What abi_c11.c (compiled as C11) exposes to the C++ test. */
#ifndef TASKWEAVE_TESTS_SDK_ABI_C11_H
#define TASKWEAVE_TESTS_SDK_ABI_C11_H

#include <taskweave/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The sizes and offsets both languages must agree on: one list, evaluated by the C compiler in
 * abi_c11.c and by the C++ compiler in the test. */
#define TW_LAYOUT_ENTRIES                                                                          \
  {                                                                                                \
    sizeof(tw_value), offsetof(tw_value, string), offsetof(tw_value, nanos), sizeof(tw_error_buf), \
        sizeof(tw_task_info), offsetof(tw_task_info, attempt), sizeof(tw_value_pair),              \
        sizeof(tw_host_api), offsetof(tw_host_api, log), offsetof(tw_host_api, describe),          \
        sizeof(tw_task_type), offsetof(tw_task_type, destroy), sizeof(tw_plugin_descriptor),       \
        offsetof(tw_plugin_descriptor, abi_hash), offsetof(tw_plugin_descriptor, task_types),      \
        offsetof(tw_plugin_descriptor, init)                                                       \
  }
#define TW_C_LAYOUT_COUNT 16
/* TW_LAYOUT_ENTRIES as the C compiler lays the ABI structs out. */
extern const size_t tw_c_layout[TW_C_LAYOUT_COUNT];
/* A descriptor built in C. */
const tw_plugin_descriptor* tw_c_descriptor(void);

#ifdef __cplusplus
}
#endif

#endif
