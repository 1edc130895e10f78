# add_lazy_module(NAME SOURCES ... LINK ... INSTALL_DIR dir): a MODULE library that the program
# opens with dlopen only when a flag asks for it (the HTTP transport for --http, the Hub client for
# --hub), so that a server that needs neither never loads cpp-httplib and OpenSSL. It sits beside
# the executables at build time and is installed in INSTALL_DIR. Its own copies of the libraries
# it links stay private to it (only the entry point is exported), and every symbol is resolved at
# link time, except in instrumented builds: clang does not link the sanitizer runtimes into a
# shared object; the executable that loads the module provides them.
function(add_lazy_module name)
  cmake_parse_arguments(M "" "INSTALL_DIR" "SOURCES;LINK" ${ARGN})
  add_library(${name} MODULE ${M_SOURCES})
  target_link_libraries(${name} PRIVATE ${M_LINK})
  set_target_properties(${name} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${name} PRIVATE -Wl,--exclude-libs,ALL)
  if(NOT OPENNESS_FUZZ AND NOT OPENNESS_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION ${M_INSTALL_DIR})
endfunction()
