# taskweave_add_plugin(<name> SOURCES ... [LIBS ...])
# Builds taskweave-plugin-<name>.so as a MODULE library against the SDK only. Everything but
# the ABI entry symbol stays hidden, so plugins cannot clash with each other or the host.
function(taskweave_add_plugin name)
  cmake_parse_arguments(P "" "OUTPUT_DIRECTORY" "SOURCES;LIBS" ${ARGN})
  set(target taskweave-plugin-${name})
  add_library(${target} MODULE ${P_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(TARGET taskweave::sdk)
    target_link_libraries(${target} PRIVATE taskweave::sdk)
  endif()
  target_link_libraries(${target} PRIVATE ${P_LIBS})
  if(TARGET tw_warnings)
    target_link_libraries(${target} PRIVATE tw_warnings)
  endif()
  # Resolve every symbol at link time: a plugin with a missing symbol fails to build, not to load.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY})
  elseif(DEFINED TW_BUILD_PLUGIN_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${TW_BUILD_PLUGIN_DIR})
  endif()
endfunction()
