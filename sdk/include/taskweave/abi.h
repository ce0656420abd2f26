/*
 * taskweave plugin ABI, version 1.
 *
 * The whole contract between a taskweave host (the CLI, the worker) and a task-type plugin.
 * Plain C so that a plugin built with any compiler and C++ standard library loads into any
 * host: no C++ object, exception, std::string or allocator crosses this boundary.
 *
 * A plugin is a shared library named `taskweave-plugin-<name>.so` exporting exactly one
 * symbol, TW_PLUGIN_ENTRY_SYMBOL. The host calls it once, checks the descriptor it returns,
 * calls the optional init(), and from then on creates, runs and destroys task objects of the
 * types the plugin declares. Plugins never link against the host: everything they need from
 * it comes through the tw_host_api function table (SQLite-extension style).
 *
 * Versioning: a host accepts a plugin with the same ABI major and a minor less than or equal
 * to its own. Structs only ever grow by appending fields; every struct starts with its size so
 * either side can tell which fields the other knows.
 *
 * Ownership: every pointer below carries an OWNERSHIP note saying who frees it and how long it
 * stays valid. "host-owned, task lifetime" means: valid until the task object is destroyed.
 *
 * Threading: run() is called on a host worker thread, never concurrently for the same task
 * object. Different task objects of one plugin may run concurrently. Every tw_host_api function
 * is safe to call from the thread running run() for the context it is given.
 */
#ifndef TASKWEAVE_ABI_H
#define TASKWEAVE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TW_ABI_MAJOR 1
#define TW_ABI_MINOR 0
/* FNV-1a 64 of this header with this line removed; a test recomputes it, so an edit to the
 * ABI cannot go unnoticed. Bump TW_ABI_MINOR (append-only change) or TW_ABI_MAJOR with it. */
#define TW_ABI_HASH 0x937d6315555a0457ULL

#define TW_PLUGIN_ENTRY_SYMBOL "tw_plugin_entry_v1"

#if defined(__GNUC__)
#define TW_EXPORT __attribute__((visibility("default")))
#else
#define TW_EXPORT
#endif

/* ---------------------------------------------------------------------------------------- */
/* Values                                                                                    */
/* ---------------------------------------------------------------------------------------- */

/* Task status, as PowerCenter names them. Numbering is part of the ABI. */
typedef enum tw_status {
  TW_STATUS_NOTSTARTED = 0,
  TW_STATUS_STARTED = 1,
  TW_STATUS_SUCCEEDED = 2,
  TW_STATUS_FAILED = 3,
  TW_STATUS_STOPPED = 4,
  TW_STATUS_ABORTED = 5,
  TW_STATUS_DISABLED = 6
} tw_status;

typedef enum tw_value_type {
  TW_VALUE_NULL = 0,
  TW_VALUE_INTEGER = 1,  /* 64-bit signed; also TRUE (1) / FALSE (0) */
  TW_VALUE_DOUBLE = 2,
  TW_VALUE_STRING = 3,   /* UTF-8 */
  TW_VALUE_DATETIME = 4, /* naive local date/time, nanosecond precision */
  TW_VALUE_STATUS = 5
} tw_value_type;

/* A workflow value. Only the member selected by `type` is meaningful. */
typedef struct tw_value {
  uint32_t type; /* tw_value_type */
  int64_t integer;    /* INTEGER; STATUS holds a tw_status */
  double real;        /* DOUBLE */
  /* STRING: UTF-8 bytes, not necessarily NUL-terminated at string_size.
   * OWNERSHIP: a value the host returns points into host memory, valid until the task object
   * is destroyed. A value the plugin passes in is only read during the call. */
  const char* string;
  size_t string_size;
  int64_t seconds; /* DATETIME: seconds since 1970-01-01 00:00:00 (may be negative) */
  int32_t nanos;   /* DATETIME: 0..999999999 */
} tw_value;

/* A host-owned buffer the plugin writes an error message into (UTF-8, truncated to fit,
 * always NUL-terminated by the writer). OWNERSHIP: host-owned, valid during the call only. */
typedef struct tw_error_buf {
  char* data;
  size_t capacity;
} tw_error_buf;

/* Result codes of host functions. */
typedef enum tw_rc {
  TW_OK = 0,
  TW_ERR_NOT_FOUND = 1, /* no such variable, attribute, key or event */
  TW_ERR_INVALID = 2,   /* bad argument, parse or evaluation error, failed coercion */
  TW_ERR_DENIED = 3,    /* not allowed, e.g. setting a read-only built-in variable */
  TW_ERR_CANCELLED = 4  /* the run is stopping or aborting */
} tw_rc;

/* ---------------------------------------------------------------------------------------- */
/* Host side: what a plugin can ask of the host                                              */
/* ---------------------------------------------------------------------------------------- */

/* Opaque per-task context. OWNERSHIP: host-owned; valid from create() until destroy(). */
typedef struct tw_task_ctx tw_task_ctx;
/* Opaque read-only node of the task's XML definition. OWNERSHIP: host-owned, task lifetime. */
typedef struct tw_node tw_node;

typedef enum tw_log_level {
  TW_LOG_DEBUG = 0,
  TW_LOG_INFO = 1,
  TW_LOG_WARNING = 2,
  TW_LOG_ERROR = 3
} tw_log_level;

/* What the plugin is running. OWNERSHIP: host-owned, task lifetime (every string). */
typedef struct tw_task_info {
  uint32_t struct_size;
  const char* path;          /* instance path in the top-level workflow: "WKL_A.s_load" */
  const char* instance_name; /* TASKINSTANCE NAME */
  const char* task_name;     /* TASKINSTANCE TASKNAME (the definition's name) */
  const char* task_type;     /* normalised type: "Command", "Session", "acme.http_get" */
  const char* workflow_name;
  const char* folder_name;
  const char* run_id;
  int32_t reusable;          /* 1 when the instance refers to a reusable definition */
  int32_t definition_found;  /* 0 when the reusable definition is not in the export */
  int32_t dry_run;           /* 1 under --dry-run: describe, do nothing */
  int32_t attempt;           /* 1 on the first run, 2+ when recovery restarts the task */
} tw_task_info;

/* One VALUEPAIR (a command, an assignment, a worklet input), already ordered by EXECORDER.
 * OWNERSHIP: host-owned, task lifetime. */
typedef struct tw_value_pair {
  const char* name;
  const char* value;
  int64_t exec_order;
} tw_value_pair;

/* Directories of the current run. */
typedef enum tw_dir {
  TW_DIR_WORK = 0,  /* working directory relative paths resolve against */
  TW_DIR_LOG = 1,   /* this run's log directory */
  TW_DIR_STATE = 2, /* the state directory (persistent data) */
  TW_DIR_TEMP = 3,  /* a per-run scratch directory, removed after the run */
  TW_DIR_CONFIG = 4 /* directory of the configuration file, for relative config paths */
} tw_dir;

/* Effects a task may have on the workflows that contain it (Control task options). */
typedef enum tw_control {
  TW_CONTROL_FAIL_PARENT = 1,
  TW_CONTROL_STOP_PARENT = 2,
  TW_CONTROL_ABORT_PARENT = 3,
  TW_CONTROL_FAIL_TOP = 4,
  TW_CONTROL_STOP_TOP = 5,
  TW_CONTROL_ABORT_TOP = 6
} tw_control;

/* Cancellation requested for the run. */
typedef enum tw_cancel {
  TW_CANCEL_NONE = 0,
  TW_CANCEL_STOP = 1, /* finish the current unit of work, skip the rest */
  TW_CANCEL_ABORT = 2 /* end now; the host kills what is left after the abort timeout */
} tw_cancel;

typedef struct tw_host_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;

  /* --- Logging -------------------------------------------------------------------------- */
  /* A line in the workflow log, attributed to the task. Secrets are masked by the host. */
  void (*log)(tw_task_ctx* ctx, tw_log_level level, const char* message);
  /* Raw bytes appended to the task's own log (command output, transcripts). Size-capped by
   * the host. */
  void (*task_log_write)(tw_task_ctx* ctx, const char* data, size_t size);
  /* Path of the task's own log file, e.g. for `%g` attachments. OWNERSHIP: host, task life. */
  const char* (*task_log_path)(tw_task_ctx* ctx);

  /* --- What the task is ----------------------------------------------------------------- */
  const tw_task_info* (*task_info)(tw_task_ctx* ctx);
  /* Effective ATTRIBUTE value (instance override, else definition), or NULL when absent.
   * Character references are decoded (CR LF kept). OWNERSHIP: host-owned, task lifetime. */
  const char* (*attribute)(tw_task_ctx* ctx, const char* name);
  /* Effective VALUEPAIRs (the instance's when it has any, else the definition's), by
   * EXECORDER. Returns the count; *out receives a host-owned array valid for the task's life. */
  size_t (*value_pairs)(tw_task_ctx* ctx, const tw_value_pair** out);
  /* The definition element (TASK, SESSION ...) and the TASKINSTANCE element, for anything the
   * calls above do not cover (SESSIONCOMPONENT, TIMER, vendor elements). NULL when absent. */
  const tw_node* (*definition_node)(tw_task_ctx* ctx);
  const tw_node* (*instance_node)(tw_task_ctx* ctx);
  /* Walking a node. Every returned pointer is host-owned with task lifetime; NULL past the end
   * or when absent. Names and values are UTF-8 with character references decoded. */
  const char* (*node_name)(const tw_node* node);
  const char* (*node_attribute)(const tw_node* node, const char* name);
  const tw_node* (*node_child)(const tw_node* node, size_t index);
  /* The next child with the given element name after `after` (NULL: the first one). */
  const tw_node* (*node_find)(const tw_node* node, const char* element, const tw_node* after);
  /* The folder-level or container-level definition a name refers to (e.g. the reusable Email
   * task a session's "Failure Email" component names), searched like TASKNAME resolution.
   * NULL when it is not in the export. */
  const tw_node* (*resolve_definition)(tw_task_ctx* ctx, const char* element, const char* name);

  /* --- Variables and expressions -------------------------------------------------------- */
  /* Reads `$$Var`, `$Task.Var`, `$PMWorkflowName`-style built-ins or a parameter-file name,
   * case-insensitively. TW_ERR_NOT_FOUND when unknown. */
  tw_rc (*get_var)(tw_task_ctx* ctx, const char* name, tw_value* out);
  /* Sets a user-defined `$$Var` of the task's scope, coerced to its declared type.
   * TW_ERR_DENIED for predefined/built-in variables, TW_ERR_INVALID when coercion fails
   * (message in err, naming variable and value). */
  tw_rc (*set_var)(tw_task_ctx* ctx, const char* name, const tw_value* value, tw_error_buf* err);
  /* Evaluates an expression in the task's scope. Parse and run-time errors go to err. */
  tw_rc (*eval)(tw_task_ctx* ctx, const char* expression, tw_value* out, tw_error_buf* err);
  /* Replaces `$$Var`, `$PM...` and parameter references in free text (commands, paths, mail).
   * OWNERSHIP of the result: host-owned, task lifetime. NULL only on error (in err). */
  const char* (*expand)(tw_task_ctx* ctx, const char* text, tw_error_buf* err);
  /* Sets one of this task's predefined output variables: "Condition", "SrcSuccessRows",
   * "SrcFailedRows", "TgtSuccessRows", "TgtFailedRows", "TotalTransErrors", "FirstErrorCode",
   * "FirstErrorMsg". TW_ERR_DENIED for a variable this task type does not have. */
  tw_rc (*set_output)(tw_task_ctx* ctx, const char* name, const tw_value* value);
  /* Records the task's error: ErrorCode and ErrorMsg. */
  void (*set_error)(tw_task_ctx* ctx, int64_t code, const char* message);

  /* --- Effects on the workflow ---------------------------------------------------------- */
  tw_rc (*control)(tw_task_ctx* ctx, tw_control action, const char* reason);
  /* Raises a user-defined event declared in WORKFLOWEVENT of the task's workflow/worklet. */
  tw_rc (*raise_event)(tw_task_ctx* ctx, const char* event);
  /* 1 when the user-defined event has been raised in this task's scope, else 0. */
  int (*event_raised)(tw_task_ctx* ctx, const char* event);

  /* --- Time, waiting and cancellation --------------------------------------------------- */
  /* Current cancellation request for the run: a tw_cancel value. */
  int (*cancel_requested)(tw_task_ctx* ctx);
  /* Blocks the calling thread up to timeout_ms; returns early, with the tw_cancel value, the
   * moment a stop or abort is requested. For short waits inside a unit of work only: a task
   * that waits for long must yield instead (see tw_run_result and yield_until). */
  int (*sleep)(tw_task_ctx* ctx, int64_t timeout_ms);
  /* Asks to be run again when the wall clock reaches `wake_seconds` (seconds since epoch in
   * local time, like tw_value DATETIME; a value in the past means "as soon as possible"), or
   * when the named user event is raised (event may be NULL), or at once on stop/abort.
   * Takes effect when run() returns TW_RUN_YIELD; a yielded task holds no thread and no slot. */
  void (*yield_until)(tw_task_ctx* ctx, int64_t wake_seconds, int32_t wake_nanos,
                      const char* event);
  /* Start time of this run of the task, of its parent workflow/worklet, of the top-level
   * workflow (datetime values). */
  tw_value (*start_time)(tw_task_ctx* ctx, int which /* 0 task, 1 parent, 2 top-level */);
  /* The current local time as a tw_value DATETIME (the host's clock, fakeable in tests). */
  tw_value (*now)(tw_task_ctx* ctx);

  /* --- Configuration and environment ---------------------------------------------------- */
  /* A configuration value, looked up as `<key>` in the host configuration (for example
   * "email.smtp.url", "session.runner"). NULL when unset. OWNERSHIP: host-owned, task life. */
  const char* (*config)(tw_task_ctx* ctx, const char* key);
  /* A directory of the run. OWNERSHIP: host-owned, task lifetime. */
  const char* (*dir)(tw_task_ctx* ctx, tw_dir which);
  /* Declares a value the host must mask as "********" in every log and report (passwords
   * read from files or the environment). */
  void (*add_secret)(tw_task_ctx* ctx, const char* secret);
  /* One line saying what the task did or, under dry run, would do ("would run: sh -c '...'").
   * Shown by `run --dry-run` and stored with the task run. */
  void (*describe)(tw_task_ctx* ctx, const char* what);
} tw_host_api;

/* ---------------------------------------------------------------------------------------- */
/* Plugin side: what a plugin provides                                                      */
/* ---------------------------------------------------------------------------------------- */

/* What run() returns. */
typedef enum tw_run_result {
  TW_RUN_SUCCEEDED = 0,
  TW_RUN_FAILED = 1,
  TW_RUN_STOPPED = 2,
  TW_RUN_ABORTED = 3,
  /* Not finished: call run() again when the condition given to yield_until() holds. */
  TW_RUN_YIELD = 4
} tw_run_result;

typedef struct tw_task_type {
  uint32_t struct_size;
  /* The type name the plugin serves, e.g. "Command" or "acme.http_get". OWNERSHIP: plugin-
   * owned static storage, lives as long as the library (never unloaded). */
  const char* name;
  /* One line saying what the type does. OWNERSHIP: plugin-owned static storage. */
  const char* summary;
  /* Makes a task object for one task instance of one run. Returns an opaque plugin-owned
   * pointer (freed by destroy), or NULL with a message in err, which fails the task.
   * `host` and `ctx` stay valid until destroy() returns. */
  void* (*create)(const tw_host_api* host, tw_task_ctx* ctx, tw_error_buf* err);
  /* Runs (or resumes, after TW_RUN_YIELD) the task. Must not throw or longjmp out. */
  tw_run_result (*run)(void* task);
  /* Frees the task object. Called exactly once per successful create(). */
  void (*destroy)(void* task);
} tw_task_type;

typedef struct tw_plugin_descriptor {
  /* These four fields stay first in every future ABI major, so any host can tell which ABI a
   * plugin was built for and refuse it with a message naming both versions. */
  uint32_t struct_size;
  uint32_t abi_major; /* TW_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor; /* TW_ABI_MINOR the plugin was built with */
  uint64_t abi_hash;  /* TW_ABI_HASH the plugin was built with */
  /* OWNERSHIP of every pointer below: plugin-owned static storage, library lifetime. */
  const char* name;    /* e.g. "command" */
  const char* version; /* e.g. "1.2.0" */
  const char* vendor;  /* e.g. "taskweave" */
  size_t task_type_count;
  /* The host walks this array with task_types[0].struct_size as the stride (every entry must
   * have that size), so a plugin built for an older minor, with a smaller tw_task_type, is read
   * correctly. */
  const tw_task_type* task_types;
  /* Optional (may be NULL): called once after the descriptor is accepted and before any
   * create(). Returns 0 on success, else writes a message to err and the plugin is refused.
   * `host` stays valid for the life of the process; contexts are NULL here, so only the
   * context-free members (struct_size, versions) may be used. */
  int (*init)(const tw_host_api* host, tw_error_buf* err);
} tw_plugin_descriptor;

/* The one exported symbol. The host passes its own ABI version so a plugin can refuse or
 * adapt; the plugin returns its static descriptor (OWNERSHIP: plugin-owned, library life) or
 * NULL when it cannot serve this host. */
typedef const tw_plugin_descriptor* (*tw_plugin_entry_fn)(uint32_t host_abi_major,
                                                          uint32_t host_abi_minor);
TW_EXPORT const tw_plugin_descriptor* tw_plugin_entry_v1(uint32_t host_abi_major,
                                                         uint32_t host_abi_minor);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TASKWEAVE_ABI_H */
