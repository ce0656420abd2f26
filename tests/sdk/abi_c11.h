/* What abi_c11.c (compiled as C11) exposes to the C++ test. */
#ifndef TASKWEAVE_TESTS_SDK_ABI_C11_H
#define TASKWEAVE_TESTS_SDK_ABI_C11_H

#include <taskweave/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Sizes and offsets as the C compiler lays the ABI structs out, in the order of abi_c11.c. */
#define TW_C_LAYOUT_COUNT 16
extern const size_t tw_c_layout[TW_C_LAYOUT_COUNT];
/* A descriptor built in C. */
const tw_plugin_descriptor* tw_c_descriptor(void);

#ifdef __cplusplus
}
#endif

#endif
