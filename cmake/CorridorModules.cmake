# One static library per module (docs/architecture.md has the layering table).
#
# corridor_add_module(<name> <sources>...) defines corridor_<name> with the alias
# corridor::<name>. Its only PRIVATE include directory is its own folder, so a module
# includes its own private headers by bare name ("model.hpp") and sees other modules
# only through their public headers in include/corridor/ (include/ is a PUBLIC include
# directory of corridor::core, which every module links). The caller then states which
# modules the layer may use with target_link_libraries.
function(corridor_add_module name)
  add_library(corridor_${name} ${ARGN})
  add_library(corridor::${name} ALIAS corridor_${name})
  target_include_directories(corridor_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  corridor_set_warnings(corridor_${name})
  set_property(GLOBAL APPEND PROPERTY CORRIDOR_MODULES ${name})
endfunction()

# corridor_white_box(<target> <module>): lets a test or benchmark of <module> include
# that module's private headers (and only that module's), with the module's own private
# dependencies (yaml-cpp for scenario, COIN-OR for solver).
function(corridor_white_box target module)
  target_include_directories(${target} PRIVATE
    $<TARGET_PROPERTY:corridor_${module},INCLUDE_DIRECTORIES>)
  target_link_libraries(${target} PRIVATE corridor::${module}
    $<TARGET_PROPERTY:corridor_${module},LINK_LIBRARIES>)
endfunction()

# corridor_embed_assets(<out_var> <namespace> <label> <names>...): generates, at build
# time, a source defining <namespace>::asset(name) over the files <names> of the calling
# folder's assets/ (cmake/EmbedAssets.cmake), and sets <out_var> to its path, to be
# listed among the module's sources.
function(corridor_embed_assets out_var namespace label)
  corridor_embed_dir(cpp ${namespace} ${label} ${CMAKE_CURRENT_SOURCE_DIR}/assets ${ARGN})
  set(${out_var} ${cpp} PARENT_SCOPE)
endfunction()

# corridor_embed_dir(<out_var> <namespace> <label> <dir> <names>...): the same for files
# of any folder; names may hold subfolders ("i18n/kk.js").
function(corridor_embed_dir out_var namespace label dir)
  set(names ${ARGN})
  string(REPLACE ";" "," joined "${names}")
  set(paths ${names})
  list(TRANSFORM paths PREPEND ${dir}/)
  set(cpp ${CMAKE_CURRENT_BINARY_DIR}/${label}_assets.cpp)
  add_custom_command(
    OUTPUT ${cpp}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${cpp} -DASSETS=${dir}
            -DNAMES=${joined} -DNAMESPACE=${namespace} -DLABEL=${label}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedAssets.cmake
    DEPENDS ${paths} ${PROJECT_SOURCE_DIR}/cmake/EmbedAssets.cmake
    COMMENT "Embedding ${label} assets"
    VERBATIM)
  set(${out_var} ${cpp} PARENT_SCOPE)
endfunction()
