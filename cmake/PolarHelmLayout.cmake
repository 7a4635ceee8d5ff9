# Where the Dhall files of a polar_helm_chart() go in the chart, and those of
# a polar_helm_manifests() in its folder (included by PolarHelm.cmake, which
# documents both layouts): discovery of chart.dhall, values.dhall, templates/
# and one folder per subchart, or of every *.dhall file not excluded, and the
# glob patterns that select sources (SECRETS_PATTERN, EXCLUDE,
# post-processing hooks).
include_guard(GLOBAL)

# A regular expression for a glob: `**` crosses `/`, `*` and `?` do not, and a
# glob without `/` is matched against the last path segment.
function(_polar_helm_glob_regex glob out_regex)
  string(
    REGEX
    REPLACE "([][.+^$(){}|\\\\])" "\\\\\\1"
    regex "${glob}")
  string(REPLACE "**" "\n" regex "${regex}")
  string(REPLACE "*" "[^/]*" regex "${regex}")
  string(REPLACE "?" "[^/]" regex "${regex}")
  string(REPLACE "\n" ".*" regex "${regex}")
  if(glob MATCHES "/")
    set(regex "^${regex}$")
  else()
    set(regex "(^|/)${regex}$")
  endif()
  set(${out_regex}
      "${regex}"
      PARENT_SCOPE)
endfunction()

# Appends to the lists in the caller's scope the Dhall files of one folder and
# where they go in the chart: `sources`, `outputs` (relative to the chart
# directory) and `documents` (ON for templates). Fails on two sources with
# the same output.
macro(_polar_helm_layout_add source output is_template)
  list(FIND outputs "${output}" _polar_helm_previous)
  if(NOT _polar_helm_previous EQUAL -1)
    list(GET sources ${_polar_helm_previous} _polar_helm_previous)
    message(FATAL_ERROR "polar_helm_chart(${name}): ${_polar_helm_previous} and ${source} "
                        "both render to ${output}")
  endif()
  list(APPEND sources "${source}")
  list(APPEND outputs "${output}")
  list(APPEND documents ${is_template})
endmacro()

# Fails when a path below <source_dir> matches the glob <before>X<after>, X
# being `;`, `\` or `#`: `;` splits CMake lists, CMake reads `\` as a path
# separator, and add_custom_command() refuses `#` in an output. Checked before
# the layout's own globs, whose lists would carry such names in pieces.
# src/chart/layout.cpp applies the same rule.
function(_polar_helm_layout_refuse_names name source_dir before after)
  file(
    GLOB refused
    LIST_DIRECTORIES false
    RELATIVE "${source_dir}"
    "${source_dir}/${before}[;#\\]${after}")
  if(refused)
    # file(GLOB) gives `\` back as `/`: the name cannot be shown as it is.
    file(
      GLOB with_backslash
      LIST_DIRECTORIES false
      RELATIVE "${source_dir}"
      "${source_dir}/${before}\\${after}")
    if(with_backslash)
      set(refused "a file below ${source_dir} whose name holds '\\'")
    endif()
    _polar_helm_layout_refuse(polar_helm_chart ${name} "${refused}")
  endif()
endfunction()

# Fails <command>(<name>) for the source <names> that cannot be carried (see
# above).
function(_polar_helm_layout_refuse command name names)
  message(
    FATAL_ERROR
      "${command}(${name}): ${names}: a chart source name cannot hold "
      "';', '\\' or '#' (CMake cannot carry them in lists and custom command "
      "outputs); rename it")
endfunction()

# Sets <out_options> to the file(GLOB) option that re-globs on every build
# with POLAR_HELM_GLOB_CONFIGURE_DEPENDS (CONFIGURE_DEPENDS), else to nothing.
function(_polar_helm_glob_options out_options)
  set(options "")
  if(POLAR_HELM_GLOB_CONFIGURE_DEPENDS)
    set(options CONFIGURE_DEPENDS)
  endif()
  set(${out_options}
      "${options}"
      PARENT_SCOPE)
endfunction()

# Ends a discovery function: hands the lists named <sources_var>,
# <outputs_var> and <documents_var> to its caller as <prefix>_SOURCES,
# <prefix>_OUTPUTS and <prefix>_DOCUMENTS.
macro(_polar_helm_layout_return prefix sources_var outputs_var documents_var)
  set(${prefix}_SOURCES
      "${${sources_var}}"
      PARENT_SCOPE)
  set(${prefix}_OUTPUTS
      "${${outputs_var}}"
      PARENT_SCOPE)
  set(${prefix}_DOCUMENTS
      "${${documents_var}}"
      PARENT_SCOPE)
endmacro()

# Makes <folders> configure dependencies of the current directory, unless
# POLAR_HELM_GLOB_CONFIGURE_DEPENDS re-globs instead: adding, removing or
# renaming a file changes its folder's modification time, so the build
# reconfigures exactly when a layout may have changed.
function(_polar_helm_layout_watch folders)
  if(NOT POLAR_HELM_GLOB_CONFIGURE_DEPENDS)
    set_property(
      DIRECTORY
      APPEND
      PROPERTY CMAKE_CONFIGURE_DEPENDS ${folders})
  endif()
endfunction()

# The name of the YAML file rendered from the Dhall file <file_name>: the last
# `.dhall` becomes `.yaml`, every other dot stays (`config.v2.dhall` gives
# `config.v2.yaml`).
function(_polar_helm_yaml_name file_name out_name)
  string(REGEX REPLACE "\\.dhall$" ".yaml" yaml_name "${file_name}")
  set(${out_name}
      "${yaml_name}"
      PARENT_SCOPE)
endfunction()

# The layout of chart <name> in <source_dir> (see the module documentation),
# as three parallel lists in the caller's scope: <prefix>_SOURCES,
# <prefix>_OUTPUTS and <prefix>_DOCUMENTS.
function(_polar_helm_discover_layout name source_dir prefix)
  set(sources "")
  set(outputs "")
  set(documents "")
  _polar_helm_glob_options(configure_depends)
  if(NOT EXISTS "${source_dir}/chart.dhall")
    message(FATAL_ERROR "polar_helm_chart(${name}): ${source_dir} has no chart.dhall: "
                        "not the root of a chart's Dhall sources")
  endif()
  # The folders whose modification time tells that the layout may have
  # changed (_polar_helm_layout_watch).
  set(watched_folders "${source_dir}")
  _polar_helm_layout_refuse_names(${name} "${source_dir}" "*" "*.dhall")
  _polar_helm_layout_refuse_names(${name} "${source_dir}" "templates/*" "*.dhall")
  # A subchart folder's name is part of its files' names.
  _polar_helm_layout_refuse_names(${name} "${source_dir}" "*" "*/chart.dhall")

  file(
    GLOB top_files ${configure_depends}
    LIST_DIRECTORIES false
    RELATIVE "${source_dir}"
    "${source_dir}/*.dhall")
  list(SORT top_files)
  foreach(file IN LISTS top_files)
    if(file STREQUAL "chart.dhall")
      _polar_helm_layout_add("${source_dir}/${file}" "Chart.yaml" OFF)
    elseif(file STREQUAL "values.dhall")
      _polar_helm_layout_add("${source_dir}/${file}" "values.yaml" OFF)
    elseif(NOT file STREQUAL ".dhall") # a bare `.dhall` has no name: ignored
      message(STATUS "polar_helm_chart(${name}): ${file} is a helper, rendered where imported")
    endif()
  endforeach()
  if(IS_DIRECTORY "${source_dir}/templates")
    list(APPEND watched_folders "${source_dir}/templates")
  endif()
  file(
    GLOB template_files ${configure_depends}
    LIST_DIRECTORIES false
    RELATIVE "${source_dir}/templates"
    "${source_dir}/templates/*.dhall")
  list(SORT template_files)
  list(REMOVE_ITEM template_files ".dhall")
  foreach(file IN LISTS template_files)
    _polar_helm_yaml_name("${file}" output)
    _polar_helm_layout_add("${source_dir}/templates/${file}" "templates/${output}" ON)
  endforeach()

  file(
    GLOB entries ${configure_depends}
    LIST_DIRECTORIES true
    RELATIVE "${source_dir}"
    "${source_dir}/*")
  # A folder that gains or loses chart.dhall changes the layout too.
  file(GLOB subchart_markers ${configure_depends} "${source_dir}/*/chart.dhall")
  list(SORT entries)
  list(REMOVE_DUPLICATES entries) # a name with `;` comes back in pieces
  foreach(folder IN LISTS entries)
    if(NOT IS_DIRECTORY "${source_dir}/${folder}" OR folder STREQUAL "templates")
      continue()
    endif()
    list(APPEND watched_folders "${source_dir}/${folder}")
    if(IS_DIRECTORY "${source_dir}/${folder}/templates")
      list(APPEND watched_folders "${source_dir}/${folder}/templates")
    endif()
    if(NOT EXISTS "${source_dir}/${folder}/chart.dhall")
      message(STATUS "polar_helm_chart(${name}): skipping ${folder}/: no chart.dhall, "
                     "so its files are helpers, rendered where imported")
      continue()
    endif()
    _polar_helm_layout_refuse_names(${name} "${source_dir}" "${folder}/*" "*.dhall")
    _polar_helm_layout_refuse_names(${name} "${source_dir}" "${folder}/templates/*" "*.dhall")
    file(
      GLOB folder_files ${configure_depends}
      LIST_DIRECTORIES false
      RELATIVE "${source_dir}/${folder}"
      "${source_dir}/${folder}/*.dhall" "${source_dir}/${folder}/templates/*.dhall")
    list(SORT folder_files)
    foreach(file IN LISTS folder_files)
      get_filename_component(file_name "${file}" NAME)
      if(file_name STREQUAL ".dhall") # no name: ignored
        continue()
      elseif(file STREQUAL "chart.dhall")
        _polar_helm_layout_add("${source_dir}/${folder}/${file}" "charts/${folder}/Chart.yaml" OFF)
      elseif(file STREQUAL "values.dhall")
        _polar_helm_layout_add("${source_dir}/${folder}/${file}" "charts/${folder}/values.yaml" OFF)
      else()
        _polar_helm_yaml_name("${file_name}" output)
        _polar_helm_layout_add("${source_dir}/${folder}/${file}"
                               "charts/${folder}/templates/${output}" ON)
      endif()
    endforeach()
  endforeach()

  _polar_helm_layout_watch("${watched_folders}")
  _polar_helm_layout_return(${prefix} sources outputs documents)
endfunction()

# NO_VALUES_FILE: removes every `values.dhall` (the chart's and each
# subchart's) from the layout lists <prefix>_SOURCES, _OUTPUTS and _DOCUMENTS
# of the caller. The files stay sources the templates import; no values.yaml
# is published.
function(_polar_helm_layout_drop_values name prefix)
  set(kept_sources "")
  set(kept_outputs "")
  set(kept_documents "")
  foreach(
    source
    output
    is_template
    IN
    ZIP_LISTS
    ${prefix}_SOURCES
    ${prefix}_OUTPUTS
    ${prefix}_DOCUMENTS)
    if(output MATCHES "^(charts/[^/]+/)?values\\.yaml$")
      message(STATUS "polar_helm_chart(${name}): NO_VALUES_FILE: ${source} is imported, "
                     "not published as ${output}")
    else()
      list(APPEND kept_sources "${source}")
      list(APPEND kept_outputs "${output}")
      list(APPEND kept_documents ${is_template})
    endif()
  endforeach()
  _polar_helm_layout_return(${prefix} kept_sources kept_outputs kept_documents)
endfunction()

# The manifests layout of polar_helm_manifests(<name>) in <source_dir> (see the
# module documentation), as the three lists of _polar_helm_discover_layout:
# every *.dhall file below <source_dir>, in any folder, that no EXCLUDE glob
# matches, rendered to the same relative path with the last `.dhall` made
# `.yaml`, a list as one document per element. A *.dhall file whose path
# holds `;`, `\` or `#` is refused, excluded or not; with KUSTOMIZATION, so is
# a file rendering to a kustomization.yaml. src/chart/layout.cpp applies the
# same rules.
function(_polar_helm_discover_manifests name source_dir prefix)
  cmake_parse_arguments(PARSE_ARGV 3 arg "KUSTOMIZATION" "" "EXCLUDE")
  _polar_helm_glob_options(configure_depends)
  if(NOT IS_DIRECTORY "${source_dir}")
    message(FATAL_ERROR "polar_helm_manifests(${name}): ${source_dir} is not a folder of "
                        "Dhall sources")
  endif()
  file(
    GLOB_RECURSE files ${configure_depends}
    LIST_DIRECTORIES false
    RELATIVE "${source_dir}"
    "${source_dir}/*.dhall")
  # A name with `;` comes back in pieces (kept in order for the message), one with `\` with a `/` in its place:
  # neither piece names a file.
  set(refused "")
  set(kept_files "")
  foreach(file IN LISTS files)
    if(NOT EXISTS "${source_dir}/${file}" OR file MATCHES "#")
      list(APPEND refused "${file}")
    else()
      list(APPEND kept_files "${file}")
    endif()
  endforeach()
  if(refused)
    _polar_helm_layout_refuse(polar_helm_manifests ${name} "${refused}")
  endif()
  list(SORT kept_files)
  set(exclude_regexes "")
  foreach(glob IN LISTS arg_EXCLUDE)
    _polar_helm_glob_regex("${glob}" regex)
    list(APPEND exclude_regexes "${regex}")
  endforeach()
  set(sources "")
  set(outputs "")
  set(documents "")
  set(excluded_counts "")
  foreach(glob IN LISTS arg_EXCLUDE)
    list(APPEND excluded_counts 0)
  endforeach()
  foreach(file IN LISTS kept_files)
    get_filename_component(file_name "${file}" NAME)
    if(file_name STREQUAL ".dhall") # no name: ignored
      continue()
    endif()
    set(excluded OFF)
    set(index 0)
    foreach(regex IN LISTS exclude_regexes)
      if(file MATCHES "${regex}")
        list(GET excluded_counts ${index} count)
        math(EXPR count "${count} + 1")
        list(REMOVE_AT excluded_counts ${index})
        list(INSERT excluded_counts ${index} ${count})
        set(excluded ON)
        break()
      endif()
      math(EXPR index "${index} + 1")
    endforeach()
    if(excluded)
      continue()
    endif()
    _polar_helm_yaml_name("${file}" output)
    get_filename_component(output_name "${output}" NAME)
    if(arg_KUSTOMIZATION AND output_name STREQUAL "kustomization.yaml")
      message(FATAL_ERROR "polar_helm_manifests(${name}): ${file} renders to ${output}, which "
                          "KUSTOMIZATION (--kustomization) writes; rename it or exclude it")
    endif()
    list(APPEND sources "${source_dir}/${file}")
    list(APPEND outputs "${output}")
    list(APPEND documents ON)
  endforeach()
  foreach(glob count IN ZIP_LISTS arg_EXCLUDE excluded_counts)
    if(count GREATER 0)
      message(STATUS "polar_helm_manifests(${name}): excluding '${glob}': ${count} file(s), "
                     "rendered where imported")
    endif()
  endforeach()

  if(NOT POLAR_HELM_GLOB_CONFIGURE_DEPENDS)
    file(
      GLOB_RECURSE entries
      LIST_DIRECTORIES true
      "${source_dir}/*")
    set(watched_folders "${source_dir}")
    foreach(entry IN LISTS entries)
      if(IS_DIRECTORY "${entry}")
        list(APPEND watched_folders "${entry}")
      endif()
    endforeach()
    _polar_helm_layout_watch("${watched_folders}")
  endif()
  _polar_helm_layout_return(${prefix} sources outputs documents)
endfunction()
