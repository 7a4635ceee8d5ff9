# polar_helm_manifests() (included by PolarHelm.cmake, which documents it): a
# folder of plain Kubernetes manifests, one YAML file per Dhall file. It is
# the chart machinery with the other layout: the same render commands,
# depfiles, environment stamps and secrets (_polar_helm_chart_add_commands),
# the same sync and drift (_polar_helm_add_sync), and `chart-finish
# --manifests` as the folder-level step, which writes the kustomization files.
include_guard(GLOBAL)

function(polar_helm_manifests name)
  set(one_value SOURCE_DIR OUTPUT_DIR SYNC_DIR SECRETS_PATTERN)
  cmake_parse_arguments(
    PARSE_ARGV
    1
    arg
    "OFFLINE;EXCLUDE_SECRETS;ALLOW_PLAINTEXT_SECRETS;SYNC_ADOPT;KUSTOMIZATION;CHECK_PINS"
    "${one_value}"
    "EXCLUDE;SYNC_EXCLUDE;DEPENDS;RENDER_OPTIONS;MIRRORS;ENCRYPT_COMMAND;AGE_RECIPIENTS")
  _polar_helm_check_arguments("polar_helm_manifests(${name})" "${one_value}")
  _polar_helm_tree_setup(polar_helm_manifests ${name} manifests)
  set(kustomization_keyword "")
  set(finish_flags --manifests)
  if(arg_KUSTOMIZATION)
    set(kustomization_keyword KUSTOMIZATION)
    list(APPEND finish_flags --kustomization)
  endif()
  _polar_helm_discover_manifests(${name} "${source_dir}" layout ${kustomization_keyword} EXCLUDE
                                 ${arg_EXCLUDE})

  add_custom_target(${name} ALL)
  set_target_properties(${name} PROPERTIES POLAR_HELM_COMMAND polar_helm_manifests)
  _polar_helm_secret_arguments(secret_arguments SECRETS_PATTERN)
  _polar_helm_chart_secrets(
    ${name} layout "${source_dir}" "${sync_dir}"
    ${secret_arguments}
    ENCRYPT_COMMAND ${arg_ENCRYPT_COMMAND}
    AGE_RECIPIENTS ${arg_AGE_RECIPIENTS})
  # The record is written by every run of the folder-level step: its stamp.
  set_target_properties(
    ${name}
    PROPERTIES POLAR_HELM_SOURCE_DIR "${source_dir}"
               POLAR_HELM_CHART_DIR "${output_dir}"
               POLAR_HELM_WORK_DIR "${work_dir}"
               POLAR_HELM_RENDER_FLAGS "${render_flags}"
               POLAR_HELM_SOURCES "${layout_SOURCES}"
               POLAR_HELM_OUTPUTS "${layout_OUTPUTS}"
               POLAR_HELM_DOCUMENTS "${layout_DOCUMENTS}"
               POLAR_HELM_POST_PROCESS_COUNT 0
               POLAR_HELM_GENERATED OFF
               POLAR_HELM_FINISH_FLAGS "${finish_flags}"
               POLAR_HELM_FINISH_OUTPUT "${output_dir}/.polar-helm-files"
               POLAR_HELM_FINISH_COMMENT "polar-helm: finishing the manifests of ${name}")
  # Generated inputs (a code generator's Dhall, another render): made before
  # any render of the folder; afterwards the depfiles track them.
  set(depends_files "")
  foreach(dependency IN LISTS arg_DEPENDS)
    if(TARGET ${dependency})
      add_dependencies(${name} ${dependency})
    else()
      list(APPEND depends_files "${dependency}")
    endif()
  endforeach()
  if(depends_files)
    add_custom_target(${name}_inputs DEPENDS ${depends_files})
    add_dependencies(${name} ${name}_inputs)
  endif()
  _polar_helm_tree_commands(${name} "${output_dir}" "${sync_dir}")
  if(arg_CHECK_PINS)
    _polar_helm_pins_test(
      ${name} "${source_dir}"
      OFFLINE "${arg_OFFLINE}"
      MIRRORS ${arg_MIRRORS})
  endif()
endfunction()
