# The arguments of a script of the module run as
# `cmake [-D...] -P <script> -- <arguments>...` (the lint, template, check,
# package and push steps of PolarHelm.cmake). Included by each such script.
include_guard(GLOBAL)

# polar_helm_script_arguments(<out-var>) sets <out-var> in the caller's scope
# to the list of the command line's arguments after the first `--`, each one
# element as given (CMAKE_ARGV<n>).
function(polar_helm_script_arguments out_var)
  set(arguments "")
  set(after_separator OFF)
  math(EXPR last_argument "${CMAKE_ARGC} - 1")
  foreach(index RANGE ${last_argument})
    if(after_separator)
      list(APPEND arguments "${CMAKE_ARGV${index}}")
    elseif(CMAKE_ARGV${index} STREQUAL "--")
      set(after_separator ON)
    endif()
  endforeach()
  set(${out_var}
      "${arguments}"
      PARENT_SCOPE)
endfunction()
