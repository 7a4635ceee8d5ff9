# Secret files of polar_helm_chart() (included by PolarHelm.cmake, which
# documents the options): sources matching SECRETS_PATTERN never reach the
# chart in plaintext. Their render command encrypts in the same polar-helm
# process (`render --encrypt-command`, `--age` or `--sops-config-from`), so
# the plaintext lives only in memory and pipes; docs/secrets.md has the design.
include_guard(GLOBAL)

# CI without secret values (docs/secrets.md): secrets render from placeholders
# and are checked against their committed copies by structure, never written.
set(_polar_helm_placeholder_default OFF)
if("$ENV{POLAR_HELM_SECRETS_PLACEHOLDER}" MATCHES "^(1|true|yes)$")
  set(_polar_helm_placeholder_default ON)
endif()
set(_polar_helm_placeholder_doc
    "Render secrets from placeholders, check them against the committed copies by structure")
option(POLAR_HELM_SECRETS_PLACEHOLDER "${_polar_helm_placeholder_doc}"
       ${_polar_helm_placeholder_default})

# A command line for `polar-helm render --encrypt-command`: each word as a
# POSIX shell would read it back (polar-helm splits it that way).
function(_polar_helm_shell_join out_line)
  set(words "")
  foreach(word IN LISTS ARGN)
    if(NOT word MATCHES "^[A-Za-z0-9_./:=@%+,-]+$")
      string(REPLACE "'" "'\\''" word "${word}")
      set(word "'${word}'")
    endif()
    list(APPEND words "${word}")
  endforeach()
  list(JOIN words " " line)
  set(${out_line}
      "${line}"
      PARENT_SCOPE)
endfunction()

# The nearest .sops.yaml at or above <start> in <out_file>, or "".
function(_polar_helm_find_sops_config start out_file)
  set(folder "${start}")
  while(TRUE)
    if(EXISTS "${folder}/.sops.yaml" AND NOT IS_DIRECTORY "${folder}/.sops.yaml")
      set(${out_file}
          "${folder}/.sops.yaml"
          PARENT_SCOPE)
      return()
    endif()
    cmake_path(GET folder PARENT_PATH parent)
    if(parent STREQUAL folder OR parent STREQUAL "")
      break()
    endif()
    set(folder "${parent}")
  endwhile()
  set(${out_file}
      ""
      PARENT_SCOPE)
endfunction()

# Chooses how chart <name> treats its secret files and stores it on the
# target; in exclude mode removes them from the layout lists <prefix>_SOURCES,
# _OUTPUTS and _DOCUMENTS of the caller. Fails, naming the files, when secret
# files exist and nothing says what to do with them.
function(_polar_helm_chart_secrets name prefix source_dir sync_dir)
  cmake_parse_arguments(PARSE_ARGV 4 arg "EXCLUDE_SECRETS;ALLOW_PLAINTEXT_SECRETS"
                        "SECRETS_PATTERN;ENCRYPTED_REGEX" "ENCRYPT_COMMAND;AGE_RECIPIENTS")
  if(NOT DEFINED arg_SECRETS_PATTERN)
    set(arg_SECRETS_PATTERN "*-secret.dhall")
  endif()
  # The command that declared <name>, for messages.
  get_target_property(command ${name} POLAR_HELM_COMMAND)
  if(NOT command)
    set(command polar_helm_chart)
  endif()
  _polar_helm_glob_regex("${arg_SECRETS_PATTERN}" regex)
  set(sources "${${prefix}_SOURCES}")
  set(outputs "${${prefix}_OUTPUTS}")
  set(documents "${${prefix}_DOCUMENTS}")
  set(secrets "")
  foreach(source IN LISTS sources)
    file(RELATIVE_PATH relative "${source_dir}" "${source}")
    if(relative MATCHES "${regex}")
      list(APPEND secrets "${relative}")
    endif()
  endforeach()

  set(chosen "")
  foreach(keyword IN ITEMS EXCLUDE_SECRETS ALLOW_PLAINTEXT_SECRETS ENCRYPT_COMMAND AGE_RECIPIENTS)
    if(arg_${keyword})
      list(APPEND chosen ${keyword})
    endif()
  endforeach()
  list(LENGTH chosen count)
  if(count GREATER 1)
    list(JOIN chosen ", " chosen)
    message(FATAL_ERROR "${command}(${name}): ${chosen} exclude each other; give one")
  endif()
  if(DEFINED arg_ENCRYPTED_REGEX AND NOT arg_AGE_RECIPIENTS)
    message(FATAL_ERROR "polar_helm_chart(${name}): ENCRYPTED_REGEX goes with AGE_RECIPIENTS "
                        "(a .sops.yaml rule has its own encrypted_regex)")
  endif()
  set(mode "")
  set(flags "")
  set(sops_config "")
  if(arg_EXCLUDE_SECRETS)
    set(mode exclude)
  elseif(arg_ALLOW_PLAINTEXT_SECRETS)
    set(mode plaintext)
  elseif(arg_ENCRYPT_COMMAND)
    set(mode command)
    set(flags ${arg_ENCRYPT_COMMAND}) # joined per file, after substituting <OUTPUT>/<SOURCE>
  elseif(arg_AGE_RECIPIENTS)
    set(mode age)
    foreach(recipient IN LISTS arg_AGE_RECIPIENTS)
      list(APPEND flags --age "${recipient}")
    endforeach()
    if(DEFINED arg_ENCRYPTED_REGEX)
      list(APPEND flags --encrypted-regex "${arg_ENCRYPTED_REGEX}")
    endif()
  else()
    # The rule is matched for the committed file when there is one, as sops would.
    set(lookup_start "${source_dir}")
    if(sync_dir)
      set(lookup_start "${sync_dir}")
    endif()
    _polar_helm_find_sops_config("${lookup_start}" sops_config)
    if(sops_config)
      set(mode sops)
    endif()
  endif()

  if(secrets)
    list(JOIN secrets ", " secret_list)
    if(mode STREQUAL "")
      message(
        FATAL_ERROR
          "${command}(${name}): ${secret_list} match SECRETS_PATTERN "
          "'${arg_SECRETS_PATTERN}' and would be written in plaintext. Configure their "
          "encryption: ENCRYPT_COMMAND <command...> (plaintext YAML on stdin, sops YAML on "
          "stdout), AGE_RECIPIENTS <age1...>, or a .sops.yaml with age creation_rules at or "
          "above ${lookup_start}; or give EXCLUDE_SECRETS (leave them out) or "
          "ALLOW_PLAINTEXT_SECRETS.")
    elseif(mode STREQUAL "plaintext")
      message(WARNING "${command}(${name}): ALLOW_PLAINTEXT_SECRETS: ${secret_list} "
                      "are written to the chart in plaintext")
    elseif(POLAR_HELM_SECRETS_PLACEHOLDER AND NOT mode STREQUAL "exclude")
      message(STATUS "polar_helm_chart(${name}): POLAR_HELM_SECRETS_PLACEHOLDER: ${secret_list} "
                     "render from placeholders, checked against the committed copies by "
                     "structure only")
    elseif(mode STREQUAL "sops")
      message(STATUS "${command}(${name}): encrypting ${secret_list} for ${sops_config}")
    else()
      message(STATUS "${command}(${name}): secrets (${mode}): ${secret_list}")
    endif()
  endif()

  if(mode STREQUAL "exclude")
    set(kept_sources "")
    set(kept_outputs "")
    set(kept_documents "")
    foreach(
      source
      output
      is_template
      IN
      ZIP_LISTS
      sources
      outputs
      documents)
      file(RELATIVE_PATH relative "${source_dir}" "${source}")
      if(NOT relative MATCHES "${regex}")
        list(APPEND kept_sources "${source}")
        list(APPEND kept_outputs "${output}")
        list(APPEND kept_documents ${is_template})
      endif()
    endforeach()
    _polar_helm_layout_return(${prefix} kept_sources kept_outputs kept_documents)
  endif()
  set_target_properties(
    ${name}
    PROPERTIES POLAR_HELM_SECRETS_REGEX "${regex}"
               POLAR_HELM_SECRETS_MODE "${mode}"
               POLAR_HELM_SECRETS_FLAGS "${flags}"
               POLAR_HELM_SOPS_CONFIG "${sops_config}"
               POLAR_HELM_SYNC_DIR "${sync_dir}")
endfunction()

# For the source <relative_source> of chart <name> rendered to <output>: in
# <out_flags> the encryption flags of its render (empty unless it is a secret
# to encrypt), in <out_depends> what the encryption reads, and in <out_secret>
# whether it is a secret at all.
function(
  _polar_helm_secret_flags
  name
  relative_source
  output
  out_flags
  out_depends
  out_secret)
  get_target_property(regex ${name} POLAR_HELM_SECRETS_REGEX)
  get_target_property(mode ${name} POLAR_HELM_SECRETS_MODE)
  get_target_property(sync_dir ${name} POLAR_HELM_SYNC_DIR)
  get_target_property(source_dir ${name} POLAR_HELM_SOURCE_DIR)
  set(flags "")
  set(depends "")
  set(secret OFF)
  if(relative_source MATCHES "${regex}")
    set(secret ON)
    # The committed copy: kept byte for byte when its content is unchanged.
    set(committed "")
    if(sync_dir)
      set(committed "${sync_dir}/${output}")
    endif()
    if(mode STREQUAL "command")
      get_target_property(command ${name} POLAR_HELM_SECRETS_FLAGS)
      set(rule_path "${source_dir}/${relative_source}")
      if(committed)
        set(rule_path "${committed}")
      endif()
      list(TRANSFORM command REPLACE "<OUTPUT>" "${rule_path}")
      list(TRANSFORM command REPLACE "<SOURCE>" "${source_dir}/${relative_source}")
      _polar_helm_shell_join(line ${command})
      set(flags --encrypt-command "${line}")
    elseif(mode STREQUAL "age")
      get_target_property(flags ${name} POLAR_HELM_SECRETS_FLAGS)
    elseif(mode STREQUAL "sops")
      get_target_property(sops_config ${name} POLAR_HELM_SOPS_CONFIG)
      set(depends "${sops_config}")
      if(committed)
        set(flags --sops-config-from "${committed}")
      else()
        set(flags --sops-config-from "${source_dir}/${relative_source}")
      endif()
    endif()
    # The bytes to keep: the committed copy's, else (no SYNC_DIR) those of the
    # chart's own file, so a secret re-rendered for an unchanged environment
    # stays as it was.
    get_target_property(chart_dir ${name} POLAR_HELM_CHART_DIR)
    set(previous "${chart_dir}/${output}")
    if(committed)
      set(previous "${committed}")
    endif()
    if(NOT mode STREQUAL "plaintext")
      list(APPEND flags --previous "${previous}")
      if(POLAR_HELM_SECRETS_PLACEHOLDER)
        list(APPEND flags --secrets-placeholder)
      endif()
    endif()
  endif()
  set(${out_flags}
      "${flags}"
      PARENT_SCOPE)
  set(${out_depends}
      "${depends}"
      PARENT_SCOPE)
  set(${out_secret}
      ${secret}
      PARENT_SCOPE)
endfunction()
