# taskweave_add_plugin(<name> SOURCES ... [LIBS ...] [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds taskweave-plugin-<name>.so, a MODULE library against the SDK (taskweave::sdk) only,
# and installs it into <prefix>/<libdir>/taskweave/plugins unless NO_INSTALL is given.
# The same file serves the taskweave tree and vendors using the installed TaskweaveSdk package
# (find_package(TaskweaveSdk)), so it must not rely on project-internal targets: tw_warnings and
# the tree's plugin directory are used only when they exist.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(taskweave_add_plugin name)
  cmake_parse_arguments(P "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;LIBS" ${ARGN})
  if(NOT P_SOURCES)
    message(FATAL_ERROR "taskweave_add_plugin(${name}): no SOURCES given")
  endif()
  if(NOT TARGET taskweave::sdk)
    message(FATAL_ERROR "taskweave_add_plugin(${name}): taskweave::sdk is not defined; "
                        "call find_package(TaskweaveSdk REQUIRED) first")
  endif()
  set(target taskweave-plugin-${name})
  add_library(${target} MODULE ${P_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${target} PRIVATE taskweave::sdk ${P_LIBS})
  if(TARGET tw_warnings)
    target_link_libraries(${target} PRIVATE tw_warnings)
  endif()

  # Hidden visibility still lets template instantiations from headers declared with default
  # visibility (the C++ standard library's) escape into the dynamic symbol table. The version
  # script makes "the entry point is the only exported symbol" a guarantee of the link, so
  # plugins cannot clash with each other or the host whatever they use inside.
  set(exports_map "${CMAKE_BINARY_DIR}/taskweave-plugin-exports.map")
  file(CONFIGURE OUTPUT "${exports_map}"
       CONTENT "{\n  global: tw_plugin_entry_v1;\n  local: *;\n};\n")
  # --no-undefined: a plugin with a missing symbol fails to build, not to load.
  target_link_options(${target} PRIVATE "LINKER:--version-script=${exports_map}"
                      "LINKER:--no-undefined")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${exports_map}")

  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${P_OUTPUT_DIRECTORY}")
  elseif(DEFINED TW_BUILD_PLUGIN_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${TW_BUILD_PLUGIN_DIR}")
    # The built-in plugins, for targets that need all of them built (the load benchmark).
    set_property(GLOBAL APPEND PROPERTY TW_BUILTIN_PLUGIN_TARGETS ${target})
  endif()
  # The host refuses plugins that group or others can write (see docs/plugins.md); do not let a
  # umask of 002 make a fresh build unloadable.
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND chmod go-w "$<TARGET_FILE:${target}>" "$<TARGET_FILE_DIR:${target}>"
    VERBATIM)

  if(NOT P_NO_INSTALL)
    if(DEFINED TW_PLUGIN_RELDIR)
      set(destination "${TW_PLUGIN_RELDIR}")
    else()
      set(destination "${CMAKE_INSTALL_LIBDIR}/taskweave/plugins")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${destination}" COMPONENT plugins)
  endif()
endfunction()
