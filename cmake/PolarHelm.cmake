#[=======================================================================[.rst:
PolarHelm
---------

Generate Helm charts from Dhall sources at build time, one custom command per
Dhall file, and check them with CTest.

The module is available through ``find_package(PolarHelm CONFIG)`` after
polar-helm is installed (or with ``PolarHelm_DIR`` pointing at a polar-helm
build tree), through ``add_subdirectory()`` of the polar-helm sources, or
through ``FetchContent``.  It runs the ``polar-helm`` executable: the imported
or built target ``PolarHelm::polar-helm`` when it exists, otherwise the
program named by the cache variable ``POLAR_HELM_EXECUTABLE`` (searched on the
``PATH`` when not set).  Setting ``POLAR_HELM_EXECUTABLE`` overrides the
target.

The chart layout
^^^^^^^^^^^^^^^^

A Dhall source directory holds:

``chart.dhall``
  rendered to ``Chart.yaml`` (required).
``values.dhall``
  rendered to ``values.yaml`` (optional).
``templates/*.dhall``
  rendered to ``templates/<stem>.yaml``; a file that evaluates to a list
  becomes one multi-document YAML file.
``<folder>/chart.dhall``
  makes ``<folder>`` a subchart: ``charts/<folder>/Chart.yaml``, its
  ``values.dhall`` becomes ``charts/<folder>/values.yaml`` and every other
  ``<folder>/*.dhall`` or ``<folder>/templates/*.dhall`` file becomes
  ``charts/<folder>/templates/<stem>.yaml``.

A folder without ``chart.dhall`` holds helpers (shared types, functions): it
is skipped with a note and its files are rendered only as part of the files
that import them, as are other ``*.dhall`` files at the top.  Files not
ending in ``.dhall`` (``*.dhall.local``, ``neo4j.conf`` read ``as Text``) are
never rendered.  New, removed or renamed files are picked up on the next
build: the folders of the layout are configure dependencies, and adding or
removing a file changes its folder's modification time, so the build
reconfigures by itself while a build with nothing to do stays a no-op
(``ninja -n`` reports no work).  ``POLAR_HELM_GLOB_CONFIGURE_DEPENDS=ON``
uses CMake's ``CONFIGURE_DEPENDS`` globbing instead, which re-checks the
globs on every build.  Every render writes a depfile listing the files it
read, so an edit re-renders exactly the outputs that depend on it.

Commands
^^^^^^^^

.. command:: polar_helm_chart

  .. code-block:: cmake

    polar_helm_chart(<name> SOURCE_DIR <dir>
                     [OUTPUT_DIR <dir>] [SYNC_DIR <dir>] [SYNC_EXCLUDE <glob>...]
                     [LINT] [STRICT] [TEMPLATE] [KUBE_VERSION <version>]
                     [RELEASE_NAME <release>] [VALUES <file>...]
                     [RENDER_OPTIONS <option>...] [MIRRORS <prefix>=<dir>...]
                     [OFFLINE] [SECRETS_PATTERN <glob>]
                     [ENCRYPT_COMMAND <command>... | AGE_RECIPIENTS <age1...>... |
                      EXCLUDE_SECRETS | ALLOW_PLAINTEXT_SECRETS])

  Declares the target ``<name>``, built by ``ALL``, whose outputs are the
  files of the chart generated from ``SOURCE_DIR`` into ``OUTPUT_DIR``
  (default ``${CMAKE_CURRENT_BINARY_DIR}/charts/<name>``, which belongs to the
  build).  After the render commands, ``polar-helm chart-finish`` checks the
  ``dependencies`` of each ``Chart.yaml`` against the subcharts present,
  removes the outputs of sources since removed and writes ``.helmignore``.

  ``RENDER_OPTIONS`` are passed to every ``polar-helm render``;
  ``MIRRORS`` become ``--mirror <prefix>=<dir>`` and ``OFFLINE`` becomes
  ``--offline``, so pinned remote imports resolve from local copies.  Every
  render shares the build cache in ``POLAR_HELM_BUILD_CACHE_DIR`` (default:
  ``polar-helm-build-cache`` in the build tree; empty turns it off), so an
  import every file reads (``values.dhall`` and through it dhall-kubernetes)
  is parsed and type-checked once per build tree, not once per file.

  Sources matching ``SECRETS_PATTERN`` (default ``*-secret.dhall``, on the
  path relative to ``SOURCE_DIR``) are secrets, never written in plaintext:
  their render encrypts in memory with ``ENCRYPT_COMMAND`` (plaintext YAML
  on its standard input, the sops file on its standard output; ``<OUTPUT>``
  and ``<SOURCE>`` are substituted), natively for ``AGE_RECIPIENTS``, or
  natively for the age ``creation_rules`` of the nearest ``.sops.yaml`` at or
  above ``SYNC_DIR`` (``SOURCE_DIR`` without one), matched for the committed
  file.  Without any of these the configure step fails, naming the files.
  ``EXCLUDE_SECRETS`` leaves them out; ``ALLOW_PLAINTEXT_SECRETS`` writes
  them as they are, with a warning.  An unchanged secret keeps the bytes of
  its committed copy when an age identity (``SOPS_AGE_KEY_FILE``) opens it;
  encrypted files are listed in ``.helmignore`` and compared by content by
  ``<name>_sync`` and ``<name>.drift`` (docs/secrets.md).

  ``SYNC_DIR`` names the committed copy of the chart (GitOps).  The target
  ``<name>_sync`` copies the generated chart there, writing only files that
  changed and removing stale ones, and the test ``<name>.drift`` fails with a
  unified diff when the committed copy differs from what the sources
  generate.  Files matching a ``SYNC_EXCLUDE`` glob (``*`` stays within one
  path segment, ``**`` crosses them, a glob without ``/`` matches the file
  name) are neither copied nor compared.

  ``LINT`` adds the test ``<name>.lint`` (``helm lint --with-subcharts``,
  with ``--strict`` under ``STRICT``); ``TEMPLATE`` adds ``<name>.template``
  (``helm template`` with ``--kube-version`` and the ``VALUES`` files), whose
  output is kept as ``<work>/<name>.template.yaml`` in the build tree.  Both
  carry the labels ``helm`` and ``<name>``.  The helm programs come from the
  cache variable ``POLAR_HELM_HELM_EXECUTABLES`` (a list; ``helm`` on the
  ``PATH`` when empty).  The first gives the tests above; each further one
  adds ``<name>.lint.helm-<major>.<minor>`` and
  ``<name>.template.helm-<major>.<minor>``.  Without helm the tests are
  reported as skipped, not passed.

.. command:: polar_helm_chart_post_process

  .. code-block:: cmake

    polar_helm_chart_post_process(<name> PATTERN <glob> COMMAND <command>...
                                  [DEPENDS <file>...] [COMMENT <text>])

  Sends every Dhall source of chart ``<name>`` whose path relative to
  ``SOURCE_DIR`` matches ``<glob>`` through ``<command>`` after rendering:
  the render goes to a staging file and ``<command>`` produces the chart
  file.  ``<INPUT>`` (the staged YAML), ``<OUTPUT>`` (the chart file) and
  ``<SOURCE>`` (the Dhall file) are substituted in the command.  The first
  matching hook applies.  Call it in the directory that called
  ``polar_helm_chart()``, before that directory ends: the render commands
  are created when the directory has been processed.

.. command:: polar_helm_chart_check

  .. code-block:: cmake

    polar_helm_chart_check(<name> <check> COMMAND <command>...
                           [LABELS <label>...])

  Adds the test ``<name>.<check>`` running ``<command>`` on the generated
  chart: ``<CHART_DIR>`` is replaced by the chart directory and
  ``<MANIFEST>`` by the output of ``<name>.template`` (which the check then
  requires, so ``TEMPLATE`` must be given).  Labels: ``check``, ``<name>``
  and ``LABELS``.

.. command:: polar_helm_render

  .. code-block:: cmake

    polar_helm_render(OUTPUT <file> SOURCE <file> [DOCUMENTS] [TARGET <target>]
                      [RENDER_OPTIONS <option>...] [MIRRORS <prefix>=<dir>...]
                      [OFFLINE])

  Renders one Dhall file outside a chart with a custom command and a depfile.
  ``DOCUMENTS`` writes a list as a multi-document YAML file.  ``TARGET``
  creates a target, built by ``ALL``, for the output; otherwise list
  ``OUTPUT`` as a dependency of a target of yours.
#]=======================================================================]

include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmLayout.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmSecrets.cmake")

set(POLAR_HELM_HELM_EXECUTABLES
    ""
    CACHE STRING "helm programs the chart tests run with (a list; helm on the PATH when empty)")
set(POLAR_HELM_BUILD_CACHE_DIR
    "${CMAKE_BINARY_DIR}/polar-helm-build-cache"
    CACHE PATH "Where renders keep resolved imports without a hash (empty: no build cache)")
option(POLAR_HELM_GLOB_CONFIGURE_DEPENDS
       "Re-glob chart sources on every build instead of watching their folders' modification times"
       OFF)

# The command and dependency that run polar-helm: the executable target when
# there is one, else the program in POLAR_HELM_EXECUTABLE (searched on PATH).
function(_polar_helm_executable out_command out_depends)
  if(POLAR_HELM_EXECUTABLE)
    set(${out_command}
        "${POLAR_HELM_EXECUTABLE}"
        PARENT_SCOPE)
    set(${out_depends}
        "${POLAR_HELM_EXECUTABLE}"
        PARENT_SCOPE)
  elseif(TARGET PolarHelm::polar-helm)
    set(${out_command}
        "$<TARGET_FILE:PolarHelm::polar-helm>"
        PARENT_SCOPE)
    set(${out_depends}
        PolarHelm::polar-helm
        PARENT_SCOPE)
  else()
    find_program(POLAR_HELM_EXECUTABLE polar-helm REQUIRED)
    set(${out_command}
        "${POLAR_HELM_EXECUTABLE}"
        PARENT_SCOPE)
    set(${out_depends}
        "${POLAR_HELM_EXECUTABLE}"
        PARENT_SCOPE)
  endif()
endfunction()

# The render options shared by polar_helm_chart and polar_helm_render.
function(_polar_helm_render_flags out_flags)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OFFLINE" "" "RENDER_OPTIONS;MIRRORS")
  set(flags ${arg_RENDER_OPTIONS})
  foreach(mirror IN LISTS arg_MIRRORS)
    if(NOT mirror MATCHES "^[^=]+=.+$")
      message(FATAL_ERROR "PolarHelm: MIRRORS takes <url-prefix>=<dir>, not '${mirror}'")
    endif()
    list(APPEND flags --mirror "${mirror}")
  endforeach()
  if(arg_OFFLINE)
    list(APPEND flags --offline)
  endif()
  if(POLAR_HELM_BUILD_CACHE_DIR)
    list(APPEND flags --build-cache "${POLAR_HELM_BUILD_CACHE_DIR}")
  endif()
  set(${out_flags}
      "${flags}"
      PARENT_SCOPE)
endfunction()

# One custom command rendering <source> to <output> with a depfile in
# <depfile>; DOCUMENTS writes a Dhall list as a multi-document YAML file.
function(_polar_helm_add_render_command)
  cmake_parse_arguments(PARSE_ARGV 0 arg "DOCUMENTS" "SOURCE;OUTPUT;DEPFILE;COMMENT"
                        "FLAGS;DEPENDS")
  _polar_helm_executable(polar_helm polar_helm_depends)
  set(documents "")
  if(arg_DOCUMENTS)
    set(documents --documents)
  endif()
  add_custom_command(
    OUTPUT "${arg_OUTPUT}"
    COMMAND ${polar_helm} render --file "${arg_SOURCE}" --output "${arg_OUTPUT}" --depfile
            "${arg_DEPFILE}" ${documents} ${arg_FLAGS}
    DEPENDS "${arg_SOURCE}" ${polar_helm_depends} ${arg_DEPENDS}
    DEPFILE "${arg_DEPFILE}"
    COMMENT "${arg_COMMENT}"
    VERBATIM)
endfunction()

# The helm programs to test with and a label for each ("helm-3.17"), found
# once per configure.
function(_polar_helm_helm_programs out_programs out_labels)
  get_property(
    known GLOBAL
    PROPERTY _POLAR_HELM_HELM_PROGRAMS
    SET)
  if(NOT known)
    set(programs ${POLAR_HELM_HELM_EXECUTABLES})
    if(NOT programs)
      find_program(POLAR_HELM_HELM_EXECUTABLE helm)
      if(POLAR_HELM_HELM_EXECUTABLE)
        set(programs "${POLAR_HELM_HELM_EXECUTABLE}")
      endif()
    endif()
    set(labels "")
    set(resolved_programs "")
    foreach(program IN LISTS programs)
      if(NOT IS_ABSOLUTE "${program}")
        if(program MATCHES "/")
          message(FATAL_ERROR "PolarHelm: POLAR_HELM_HELM_EXECUTABLES takes absolute paths or "
                              "program names, not '${program}'")
        endif()
        unset(found)
        find_program(found "${program}" NO_CACHE REQUIRED)
        set(program "${found}")
      endif()
      list(APPEND resolved_programs "${program}")
      execute_process(
        COMMAND "${program}" version --short
        OUTPUT_VARIABLE version
        ERROR_QUIET
        RESULT_VARIABLE failed)
      if(failed OR NOT version MATCHES "^v?([0-9]+)\\.([0-9]+)")
        message(FATAL_ERROR "PolarHelm: '${program}' (in POLAR_HELM_HELM_EXECUTABLES) "
                            "does not answer `helm version --short`")
      endif()
      set(label "helm-${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
      if(label IN_LIST labels)
        list(LENGTH labels index)
        string(APPEND label "-${index}")
      endif()
      list(APPEND labels "${label}")
      message(STATUS "PolarHelm: chart tests run ${program} (${label})")
    endforeach()
    if(NOT programs)
      message(STATUS "PolarHelm: helm not found; the lint and template tests will be skipped")
    endif()
    set_property(GLOBAL PROPERTY _POLAR_HELM_HELM_PROGRAMS "${resolved_programs}")
    set_property(GLOBAL PROPERTY _POLAR_HELM_HELM_LABELS "${labels}")
  endif()
  get_property(programs GLOBAL PROPERTY _POLAR_HELM_HELM_PROGRAMS)
  get_property(labels GLOBAL PROPERTY _POLAR_HELM_HELM_LABELS)
  set(${out_programs}
      "${programs}"
      PARENT_SCOPE)
  set(${out_labels}
      "${labels}"
      PARENT_SCOPE)
endfunction()

# A CTest test running helm through PolarHelmRunHelm.cmake (which reports a
# skip when helm is missing).
function(_polar_helm_add_helm_test test_name mode helm chart_dir)
  cmake_parse_arguments(PARSE_ARGV 4 arg "" "LABELS" "ARGS")
  add_test(
    NAME ${test_name}
    COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/PolarHelmRunHelm.cmake" --
            "${mode}" "${helm}" "${chart_dir}" ${arg_ARGS})
  set_tests_properties(${test_name} PROPERTIES LABELS "helm;${arg_LABELS}" SKIP_REGULAR_EXPRESSION
                                               "POLAR_HELM_SKIP:")
endfunction()

function(polar_helm_chart name)
  cmake_parse_arguments(
    PARSE_ARGV 1 arg "LINT;STRICT;TEMPLATE;OFFLINE;EXCLUDE_SECRETS;ALLOW_PLAINTEXT_SECRETS"
    "SOURCE_DIR;OUTPUT_DIR;SYNC_DIR;KUBE_VERSION;RELEASE_NAME;SECRETS_PATTERN"
    "SYNC_EXCLUDE;VALUES;RENDER_OPTIONS;MIRRORS;ENCRYPT_COMMAND;AGE_RECIPIENTS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "polar_helm_chart(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCE_DIR)
    message(FATAL_ERROR "polar_helm_chart(${name}): SOURCE_DIR is required")
  endif()
  if(TARGET ${name})
    message(FATAL_ERROR "polar_helm_chart(${name}): a target named ${name} exists already")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE_DIR NORMALIZE OUTPUT_VARIABLE source_dir)
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/charts/${name}")
  endif()
  cmake_path(
    ABSOLUTE_PATH
    arg_OUTPUT_DIR
    BASE_DIRECTORY
    "${CMAKE_CURRENT_BINARY_DIR}"
    NORMALIZE
    OUTPUT_VARIABLE
    chart_dir)
  string(REGEX REPLACE "/+$" "" chart_dir "${chart_dir}")
  set(work_dir "${CMAKE_CURRENT_BINARY_DIR}/polar-helm/${name}")
  set(offline_keyword "")
  if(arg_OFFLINE)
    set(offline_keyword OFFLINE)
  endif()
  _polar_helm_render_flags(
    render_flags
    ${offline_keyword}
    RENDER_OPTIONS ${arg_RENDER_OPTIONS}
    MIRRORS ${arg_MIRRORS})
  _polar_helm_discover_layout(${name} "${source_dir}" layout)

  add_custom_target(${name} ALL)
  set(sync_dir "")
  if(arg_SYNC_DIR)
    cmake_path(ABSOLUTE_PATH arg_SYNC_DIR NORMALIZE OUTPUT_VARIABLE sync_dir)
  endif()
  set(secret_arguments "")
  foreach(keyword IN ITEMS EXCLUDE_SECRETS ALLOW_PLAINTEXT_SECRETS)
    if(arg_${keyword})
      list(APPEND secret_arguments ${keyword})
    endif()
  endforeach()
  if(DEFINED arg_SECRETS_PATTERN)
    list(APPEND secret_arguments SECRETS_PATTERN "${arg_SECRETS_PATTERN}")
  endif()
  _polar_helm_chart_secrets(
    ${name} layout "${source_dir}" "${sync_dir}"
    ${secret_arguments}
    ENCRYPT_COMMAND ${arg_ENCRYPT_COMMAND}
    AGE_RECIPIENTS ${arg_AGE_RECIPIENTS})
  set_target_properties(
    ${name}
    PROPERTIES POLAR_HELM_SOURCE_DIR "${source_dir}"
               POLAR_HELM_CHART_DIR "${chart_dir}"
               POLAR_HELM_WORK_DIR "${work_dir}"
               POLAR_HELM_RENDER_FLAGS "${render_flags}"
               POLAR_HELM_SOURCES "${layout_SOURCES}"
               POLAR_HELM_OUTPUTS "${layout_OUTPUTS}"
               POLAR_HELM_DOCUMENTS "${layout_DOCUMENTS}"
               POLAR_HELM_POST_PROCESS_COUNT 0
               POLAR_HELM_GENERATED OFF)
  # Deferred arguments are evaluated when the call runs: EVAL fixes the name now.
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_CURRENT_SOURCE_DIR}]] CALL
                            _polar_helm_chart_add_commands [[${name}]])")

  _polar_helm_executable(polar_helm polar_helm_depends)
  set(exclude_flags "")
  foreach(glob IN LISTS arg_SYNC_EXCLUDE)
    list(APPEND exclude_flags --exclude "${glob}")
  endforeach()
  if(sync_dir)
    add_custom_target(
      ${name}_sync
      COMMAND ${polar_helm} chart-sync "${chart_dir}" "${sync_dir}" ${exclude_flags}
      COMMENT "polar-helm: updating the committed chart in ${sync_dir}"
      VERBATIM)
    add_dependencies(${name}_sync ${name})
    add_test(NAME ${name}.drift
             COMMAND ${polar_helm} chart-drift "${chart_dir}" "${sync_dir}" ${exclude_flags}
                     --fix-hint "cmake --build ${CMAKE_BINARY_DIR} --target ${name}_sync")
    set_tests_properties(${name}.drift PROPERTIES LABELS "drift;${name}")
  endif()

  _polar_helm_helm_programs(helms helm_labels)
  if(NOT helms)
    set(helms "none") # one test of each kind, which reports the skip
    set(helm_labels "none")
  endif()
  set(value_flags "")
  foreach(values_file IN LISTS arg_VALUES)
    cmake_path(ABSOLUTE_PATH values_file NORMALIZE)
    list(APPEND value_flags --values "${values_file}")
  endforeach()
  set(strict_flag "")
  if(arg_STRICT)
    set(strict_flag --strict)
  endif()
  if(NOT arg_RELEASE_NAME)
    set(arg_RELEASE_NAME ${name})
  endif()
  set(kube_version_flag "")
  if(arg_KUBE_VERSION)
    set(kube_version_flag --kube-version "${arg_KUBE_VERSION}")
  endif()

  set(first_helm ON)
  foreach(helm helm_label IN ZIP_LISTS helms helm_labels)
    set(suffix ".${helm_label}")
    if(first_helm) # the plain names go to the first helm
      set(suffix "")
    endif()
    set(first_helm OFF)
    if(arg_LINT)
      _polar_helm_add_helm_test(
        ${name}.lint${suffix} lint "${helm}" "${chart_dir}"
        LABELS ${name}
        ARGS ${strict_flag} ${value_flags})
    endif()
    if(arg_TEMPLATE)
      set(manifest "${work_dir}/${name}.template${suffix}.yaml")
      _polar_helm_add_helm_test(
        ${name}.template${suffix} template "${helm}" "${chart_dir}"
        LABELS ${name}
        ARGS --output-file "${manifest}" --release-name "${arg_RELEASE_NAME}" ${kube_version_flag}
             ${value_flags})
      if(suffix STREQUAL "")
        set_target_properties(${name} PROPERTIES POLAR_HELM_MANIFEST "${manifest}")
        set_tests_properties(${name}.template PROPERTIES FIXTURES_SETUP ${name}.manifest)
      endif()
    endif()
  endforeach()
endfunction()

# Deferred to the end of the directory that called polar_helm_chart(), so that
# post-processing hooks declared after it apply: one render command per Dhall
# file, the hooks, then chart-finish, all attached to the target.
function(_polar_helm_chart_add_commands name)
  get_target_property(source_dir ${name} POLAR_HELM_SOURCE_DIR)
  get_target_property(chart_dir ${name} POLAR_HELM_CHART_DIR)
  get_target_property(work_dir ${name} POLAR_HELM_WORK_DIR)
  get_target_property(render_flags ${name} POLAR_HELM_RENDER_FLAGS)
  get_target_property(sources ${name} POLAR_HELM_SOURCES)
  get_target_property(outputs ${name} POLAR_HELM_OUTPUTS)
  get_target_property(documents ${name} POLAR_HELM_DOCUMENTS)
  get_target_property(hook_count ${name} POLAR_HELM_POST_PROCESS_COUNT)
  if(NOT render_flags)
    set(render_flags "")
  endif()

  set(chart_files "")
  foreach(
    source
    output
    is_template
    IN
    ZIP_LISTS
    sources
    outputs
    documents)
    file(RELATIVE_PATH relative_source "${source_dir}" "${source}")
    set(documents_flag "")
    if(is_template)
      set(documents_flag DOCUMENTS)
    endif()
    set(hook "")
    if(hook_count GREATER 0)
      math(EXPR last_hook "${hook_count} - 1")
      foreach(index RANGE ${last_hook})
        get_target_property(regex ${name} POLAR_HELM_POST_PROCESS_${index}_REGEX)
        if(relative_source MATCHES "${regex}")
          set(hook ${index})
          break()
        endif()
      endforeach()
    endif()

    _polar_helm_secret_flags(${name} "${relative_source}" "${output}" secret_flags secret_depends
                             is_secret)
    if(is_secret
       AND secret_flags
       AND NOT hook STREQUAL "")
      message(
        FATAL_ERROR
          "polar_helm_chart_post_process(${name}): a hook matches the secret "
          "${relative_source}, which is encrypted in memory: hooks would see "
          "its plaintext. Use ENCRYPT_COMMAND instead.")
    endif()
    set(chart_file "${chart_dir}/${output}")
    set(rendered "${chart_file}")
    if(NOT hook STREQUAL "")
      set(rendered "${work_dir}/staged/${output}")
    endif()
    _polar_helm_add_render_command(
      SOURCE "${source}"
      OUTPUT "${rendered}"
      DEPFILE "${work_dir}/deps/${output}.d"
      COMMENT "polar-helm: rendering ${relative_source}" ${documents_flag}
      FLAGS ${render_flags} ${secret_flags}
      DEPENDS ${secret_depends})
    if(NOT hook STREQUAL "")
      get_target_property(hook_command ${name} POLAR_HELM_POST_PROCESS_${hook}_COMMAND)
      get_target_property(hook_depends ${name} POLAR_HELM_POST_PROCESS_${hook}_DEPENDS)
      get_target_property(hook_comment ${name} POLAR_HELM_POST_PROCESS_${hook}_COMMENT)
      list(TRANSFORM hook_command REPLACE "<INPUT>" "${rendered}")
      list(TRANSFORM hook_command REPLACE "<OUTPUT>" "${chart_file}")
      list(TRANSFORM hook_command REPLACE "<SOURCE>" "${source}")
      if(NOT hook_depends)
        set(hook_depends "")
      endif()
      if(NOT hook_comment)
        set(hook_comment "polar-helm: post-processing ${output}")
      endif()
      add_custom_command(
        OUTPUT "${chart_file}"
        COMMAND ${hook_command}
        DEPENDS "${rendered}" ${hook_depends}
        COMMENT "${hook_comment}"
        VERBATIM)
    endif()
    list(APPEND chart_files "${chart_file}")
  endforeach()

  # chart-finish runs after every render, and when the layout changes: this
  # file is rewritten only then, and lists what it must keep.
  list(JOIN outputs "\n" output_lines)
  file(CONFIGURE OUTPUT "${work_dir}/outputs.txt" CONTENT "${output_lines}\n")
  _polar_helm_executable(polar_helm polar_helm_depends)
  add_custom_command(
    OUTPUT "${chart_dir}/.helmignore"
    COMMAND ${polar_helm} chart-finish "${chart_dir}" --outputs "${work_dir}/outputs.txt"
    DEPENDS ${chart_files} "${work_dir}/outputs.txt" ${polar_helm_depends}
    COMMENT "polar-helm: checking the dependencies of ${name} and writing .helmignore"
    VERBATIM)
  list(APPEND chart_files "${chart_dir}/.helmignore")
  target_sources(${name} PRIVATE ${chart_files})
  set_target_properties(${name} PROPERTIES POLAR_HELM_GENERATED ON)
endfunction()

function(polar_helm_chart_post_process name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PATTERN;COMMENT" "COMMAND;DEPENDS")
  if(NOT TARGET ${name})
    message(FATAL_ERROR "polar_helm_chart_post_process: no chart ${name}; "
                        "call polar_helm_chart(${name} ...) first")
  endif()
  get_target_property(generated ${name} POLAR_HELM_GENERATED)
  if(generated)
    message(FATAL_ERROR "polar_helm_chart_post_process(${name}): the render commands exist "
                        "already; call it in the directory that declared the chart")
  endif()
  if(NOT arg_PATTERN OR NOT arg_COMMAND)
    message(FATAL_ERROR "polar_helm_chart_post_process(${name}): PATTERN and COMMAND are required")
  endif()
  _polar_helm_glob_regex("${arg_PATTERN}" regex)
  get_target_property(index ${name} POLAR_HELM_POST_PROCESS_COUNT)
  set_target_properties(
    ${name}
    PROPERTIES POLAR_HELM_POST_PROCESS_${index}_REGEX "${regex}"
               POLAR_HELM_POST_PROCESS_${index}_COMMAND "${arg_COMMAND}"
               POLAR_HELM_POST_PROCESS_${index}_DEPENDS "${arg_DEPENDS}"
               POLAR_HELM_POST_PROCESS_${index}_COMMENT "${arg_COMMENT}")
  math(EXPR index "${index} + 1")
  set_target_properties(${name} PROPERTIES POLAR_HELM_POST_PROCESS_COUNT ${index})
endfunction()

function(polar_helm_chart_check name check)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "COMMAND;LABELS")
  if(NOT TARGET ${name})
    message(FATAL_ERROR "polar_helm_chart_check: no chart ${name}; "
                        "call polar_helm_chart(${name} ...) first")
  endif()
  if(NOT arg_COMMAND)
    message(FATAL_ERROR "polar_helm_chart_check(${name} ${check}): COMMAND is required")
  endif()
  get_target_property(chart_dir ${name} POLAR_HELM_CHART_DIR)
  set(command ${arg_COMMAND})
  list(TRANSFORM command REPLACE "<CHART_DIR>" "${chart_dir}")
  set(needs_manifest OFF)
  if(arg_COMMAND MATCHES "<MANIFEST>")
    get_target_property(manifest ${name} POLAR_HELM_MANIFEST)
    if(NOT manifest)
      message(FATAL_ERROR "polar_helm_chart_check(${name} ${check}): <MANIFEST> needs "
                          "polar_helm_chart(${name} ... TEMPLATE)")
    endif()
    list(TRANSFORM command REPLACE "<MANIFEST>" "${manifest}")
    set(needs_manifest ON)
  endif()
  if(needs_manifest)
    add_test(
      NAME ${name}.${check}
      COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/PolarHelmRunCheck.cmake" --
              "${manifest}" ${command})
    set_tests_properties(${name}.${check} PROPERTIES FIXTURES_REQUIRED ${name}.manifest
                                                     SKIP_REGULAR_EXPRESSION "POLAR_HELM_SKIP:")
  else()
    add_test(NAME ${name}.${check} COMMAND ${command})
  endif()
  set_tests_properties(${name}.${check} PROPERTIES LABELS "check;${name};${arg_LABELS}")
endfunction()

function(polar_helm_render)
  cmake_parse_arguments(PARSE_ARGV 0 arg "DOCUMENTS;OFFLINE" "OUTPUT;SOURCE;TARGET"
                        "RENDER_OPTIONS;MIRRORS")
  if(NOT arg_OUTPUT OR NOT arg_SOURCE)
    message(FATAL_ERROR "polar_helm_render: OUTPUT and SOURCE are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "polar_helm_render: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE NORMALIZE OUTPUT_VARIABLE source)
  cmake_path(
    ABSOLUTE_PATH
    arg_OUTPUT
    BASE_DIRECTORY
    "${CMAKE_CURRENT_BINARY_DIR}"
    NORMALIZE
    OUTPUT_VARIABLE
    output)
  file(RELATIVE_PATH depfile_name "${CMAKE_CURRENT_BINARY_DIR}" "${output}")
  string(REPLACE "../" "__/" depfile_name "${depfile_name}")
  set(offline_keyword "")
  if(arg_OFFLINE)
    set(offline_keyword OFFLINE)
  endif()
  _polar_helm_render_flags(
    flags
    ${offline_keyword}
    RENDER_OPTIONS ${arg_RENDER_OPTIONS}
    MIRRORS ${arg_MIRRORS})
  set(documents_flag "")
  if(arg_DOCUMENTS)
    set(documents_flag DOCUMENTS)
  endif()
  file(RELATIVE_PATH relative_source "${CMAKE_CURRENT_SOURCE_DIR}" "${source}")
  _polar_helm_add_render_command(
    SOURCE "${source}"
    OUTPUT "${output}"
    DEPFILE "${CMAKE_CURRENT_BINARY_DIR}/polar-helm/render/${depfile_name}.d"
    COMMENT "polar-helm: rendering ${relative_source}" ${documents_flag}
    FLAGS ${flags})
  if(arg_TARGET)
    add_custom_target(${arg_TARGET} ALL DEPENDS "${output}")
  endif()
endfunction()

cmake_policy(POP)
