# values.schema.json for polar_helm_chart(): next to each values.yaml of the
# chart (the top's and each subchart's), the JSON Schema of the type of its
# values.dhall, written by `polar-helm schema` with a depfile like a render
# (docs/schema.md). Included by PolarHelm.cmake.

# One `polar-helm schema` command per values file among <outputs> (rendered
# from the matching <sources>), unless the chart was declared with
# NO_VALUES_SCHEMA. Sets <out_files> to the schema files (absolute) and
# <out_outputs> to their names in the chart, as chart-finish's outputs list
# wants them.
function(_polar_helm_values_schema_commands name sources outputs out_files out_outputs)
  set(files "")
  set(schema_outputs "")
  get_target_property(wanted ${name} POLAR_HELM_VALUES_SCHEMA)
  if(wanted)
    get_target_property(chart_dir ${name} POLAR_HELM_CHART_DIR)
    get_target_property(work_dir ${name} POLAR_HELM_WORK_DIR)
    get_target_property(flags ${name} POLAR_HELM_SCHEMA_FLAGS)
    if(NOT flags)
      set(flags "")
    endif()
    # The subcharts, whose values Helm adds under their names to the top's.
    set(subchart_flags "")
    foreach(output IN LISTS outputs)
      if(output MATCHES "^charts/([^/]+)/Chart\\.yaml$")
        list(APPEND subchart_flags --subchart "${CMAKE_MATCH_1}")
      endif()
    endforeach()
    _polar_helm_executable(polar_helm polar_helm_depends)
    foreach(source output IN ZIP_LISTS sources outputs)
      if(NOT output MATCHES "^(charts/[^/]+/)?values\\.yaml$")
        continue()
      endif()
      set(schema_output "${CMAKE_MATCH_1}values.schema.json")
      set(schema_file "${chart_dir}/${schema_output}")
      set(subcharts "")
      if(NOT CMAKE_MATCH_1)
        set(subcharts ${subchart_flags})
      endif()
      set(depfile_target "${schema_file}")
      cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${schema_file}" NORMALIZE inside_build_tree)
      if(inside_build_tree)
        cmake_path(RELATIVE_PATH depfile_target BASE_DIRECTORY "${CMAKE_BINARY_DIR}")
      endif()
      add_custom_command(
        OUTPUT "${schema_file}"
        COMMAND
          ${polar_helm} schema --file "${source}" --output "${schema_file}" --depfile
          "${work_dir}/deps/${schema_output}.d" --depfile-target "${depfile_target}" ${subcharts}
          ${flags}
        DEPENDS "${source}" ${polar_helm_depends}
        DEPFILE "${work_dir}/deps/${schema_output}.d"
        COMMENT "polar-helm: writing ${schema_output} of ${name}"
        VERBATIM)
      list(APPEND files "${schema_file}")
      list(APPEND schema_outputs "${schema_output}")
    endforeach()
  endif()
  set(${out_files}
      "${files}"
      PARENT_SCOPE)
  set(${out_outputs}
      "${schema_outputs}"
      PARENT_SCOPE)
endfunction()
