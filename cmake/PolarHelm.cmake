#[=======================================================================[.rst:
PolarHelm
---------

Generate Helm charts, or folders of plain Kubernetes manifests, from Dhall
sources at build time, one custom command per Dhall file, and check them with
CTest.

The module is available through ``find_package(PolarHelm CONFIG)`` after
polar-helm is installed (or with ``PolarHelm_DIR`` pointing at a polar-helm
build tree), through ``add_subdirectory()`` of the polar-helm sources, or
through :module:`FetchContent`.  It runs the ``polar-helm`` executable: the
imported or built target ``PolarHelm::polar-helm`` when it exists, otherwise
the program named by :variable:`POLAR_HELM_EXECUTABLE`.

Every command of the module stops the configure step with an error naming
what it did not understand: an argument that is no keyword of the command (a
misspelt keyword, a value given twice) or a one-value keyword without its
value.

The chart layout
^^^^^^^^^^^^^^^^

A Dhall source directory holds:

``chart.dhall``
  rendered to ``Chart.yaml`` (required).
``values.dhall``
  rendered to ``values.yaml`` (optional; see ``NO_VALUES_FILE``).
``templates/*.dhall``
  rendered to ``templates/<stem>.yaml``; a file that evaluates to a list
  becomes one multi-document YAML file.
``<folder>/chart.dhall``
  makes ``<folder>`` a subchart: ``charts/<folder>/Chart.yaml``, its
  ``values.dhall`` becomes ``charts/<folder>/values.yaml`` and every other
  ``<folder>/*.dhall`` or ``<folder>/templates/*.dhall`` file becomes
  ``charts/<folder>/templates/<stem>.yaml``.

``<stem>`` is the file name without its last ``.dhall``: ``config.v2.dhall``
becomes ``config.v2.yaml``.  A folder without ``chart.dhall`` holds helpers
(shared types, functions): it is skipped with a note and its files are
rendered only as part of the files that import them, as are other ``*.dhall``
files at the top.  Files not ending in ``.dhall`` (``*.dhall.local``,
``neo4j.conf`` read ``as Text``) are never rendered.  Two sources rendering
to the same file, and a Dhall file or subchart folder whose name holds ``;``,
``\`` or ``#`` (which CMake cannot carry in lists and custom command
outputs), stop the configure step.  ``polar-helm chart`` applies the same rules;
``tests/support/layout-cases.txt`` holds both to one table of cases.

New, removed or renamed files are picked up on the next build: the folders of
the layout are configure dependencies, and adding or removing a file changes
its folder's modification time, so the build reconfigures by itself while a
build with nothing to do stays a no-op (``ninja -n`` reports no work).
:variable:`POLAR_HELM_GLOB_CONFIGURE_DEPENDS` selects CMake's
``CONFIGURE_DEPENDS`` globbing instead.  Every render writes a depfile listing
the files it read, so an edit re-renders exactly the outputs that depend on
it.

The manifests layout
^^^^^^^^^^^^^^^^^^^^

:command:`polar_helm_manifests` takes a folder of plain Kubernetes manifests
instead: every ``*.dhall`` file below ``SOURCE_DIR``, in any folder, becomes
a YAML file at the same relative path (``local/polar/agents.dhall`` becomes
``local/polar/agents.yaml``, the last ``.dhall`` made ``.yaml``), a list one
document per element.  There is no special file: a library folder of types
and helpers is left out with an ``EXCLUDE`` glob (``types/**``), its files
rendered only where imported.  Files not ending in ``.dhall`` are never
rendered, and a ``*.dhall`` file whose path holds ``;``, ``\`` or ``#``
stops the configure step, excluded or not.  The same table of cases holds
``polar-helm manifests`` to the same rules.

Commands
^^^^^^^^

.. command:: polar_helm_chart

  Renders a Helm chart from a Dhall source directory, with its tests:

  .. code-block:: cmake

    polar_helm_chart(<name> SOURCE_DIR <dir>
                     [OUTPUT_DIR <dir>] [NO_VALUES_FILE] [NO_VALUES_SCHEMA]
                     [SYNC_DIR <dir>] [SYNC_EXCLUDE <glob>...] [SYNC_ADOPT]
                     [LINT] [STRICT] [TEMPLATE] [KUBE_VERSION <version>]
                     [RELEASE_NAME <release>] [VALUES <file>...]
                     [RENDER_OPTIONS <option>...] [MIRRORS <prefix>=<dir>...]
                     [OFFLINE] [SECRETS_PATTERN <glob>]
                     [ENCRYPT_COMMAND <command>... | AGE_RECIPIENTS <age1...>... |
                      EXCLUDE_SECRETS | ALLOW_PLAINTEXT_SECRETS]
                     [CHECK_PINS]
                     [VALIDATE_KUBERNETES <package> [VALIDATE_IGNORE_KINDS <kind>...]]
                     [PACKAGE [VERSION <version>]
                              [PUSH <oci-ref> [PUSH_OPTIONS <option>...]]])

  Declares the target ``<name>``, built by ``ALL``, whose outputs are the
  files of the chart: one ``polar-helm render`` custom command per Dhall file
  of the layout, then ``polar-helm chart-finish``, which checks the
  ``dependencies`` of each ``Chart.yaml`` against the subcharts present,
  removes the outputs of sources since removed (only files it recorded in
  ``.polar-helm-files``, never others) and the temporary files of killed
  renders, and writes ``.helmignore``.
  Before the renders, the target ``<name>_variables_check`` (``polar-helm
  inputs --check``, which the chart target depends on) checks that
  every environment variable the sources read on every load (not behind a
  ``?`` nor one of its alternatives) is set, and one of each chain of
  variables ``env:A ? env:B``; otherwise the build fails once,
  naming each missing variable and where it is read, and no chart file is
  written.  It reads the sources' syntax, never a value, and runs again when
  a variable they read changes, when the list of sources changes and after a
  failure; after an edit, a render that fails reports every missing variable
  of the chart the same way.
  The render commands are created when the calling directory has been
  processed (``cmake_language(DEFER)``), so that
  :command:`polar_helm_chart_post_process` calls after this one apply.

  The options are:

  ``SOURCE_DIR <dir>``
    The Dhall sources, in the layout above (required).  A relative path is
    relative to the current source directory.

  ``OUTPUT_DIR <dir>``
    Where the chart is generated; it belongs to the build.  Default:
    ``${CMAKE_CURRENT_BINARY_DIR}/charts/<name>``; a relative path is
    relative to the current binary directory.

  ``NO_VALUES_FILE``
    ``values.dhall`` (the chart's and each subchart's) only holds Dhall-side
    constants the templates import: it stays a dependency of every render
    that reads it, but no ``values.yaml`` is published.

  ``NO_VALUES_SCHEMA``
    Writes no ``values.schema.json``.  By default each ``values.yaml`` gets
    one next to it: the JSON Schema of the type of its ``values.dhall``
    (``polar-helm schema``), which Helm checks every values file and
    ``--set`` against (docs/schema.md).

  ``SYNC_DIR <dir>``
    The committed copy of the chart (GitOps), relative to the current source
    directory.  Adds the target ``<name>_sync``, which copies the generated
    chart there, writing only files that changed, and records what it wrote
    in ``<dir>/.polar-helm-files``: it removes only files that record lists
    and that are no longer generated, and never touches the other files of
    the folder (a ``CMakeLists.txt``, a sibling chart).  Into a folder that
    holds files but no record, or over a file no sync wrote, it refuses,
    naming them (see ``SYNC_ADOPT``).  Adds the test ``<name>.drift``
    (labels ``drift`` and ``<name>``), which fails with a unified diff when
    the generated files of the committed copy differ from what the sources
    generate; other files of the folder are ignored.

  ``SYNC_ADOPT``
    Lets ``<name>_sync`` write into a folder holding files no sync wrote
    (``chart-sync --adopt``), taking over the files of the names the chart
    generates and still leaving the others alone.  For a first sync into a
    folder in use; ``POLAR_HELM_SYNC_ADOPT=1`` in the environment of one
    build does the same once.

  ``SYNC_EXCLUDE <glob>...``
    Files of the chart that ``<name>_sync`` and ``<name>.drift`` neither copy
    nor compare.  ``*`` stays within one path segment, ``**`` crosses them,
    a glob without ``/`` matches the file name.

  ``LINT``
    Adds the test ``<name>.lint``: ``helm lint --with-subcharts`` with a
    ``--values`` for each ``VALUES`` file.

  ``STRICT``
    Lints with ``--strict``.

  ``TEMPLATE``
    Adds the test ``<name>.template``: ``helm template`` of the chart, whose
    output is kept as ``<name>.template.yaml`` in the build tree (the
    ``<MANIFEST>`` of :command:`polar_helm_chart_check`).

  ``VALIDATE_KUBERNETES <package>``
    With ``TEMPLATE``: adds the test ``<name>.validate`` (labels
    ``validate``, ``helm`` and ``<name>``), ``polar-helm validate --kubernetes
    <package>`` on the output of ``<name>.template``, with the chart's
    ``MIRRORS`` and ``OFFLINE``: every document ``helm template`` renders,
    those of third-party subcharts included, is checked offline against the
    dhall-kubernetes type its ``apiVersion`` and ``kind`` select.
    ``<package>`` is dhall-kubernetes' ``package.dhall`` (a file, relative to
    the current source directory, or an expression such as its pinned URL).
    A kind the package does not know (a custom resource) fails the test,
    naming it, unless ``VALIDATE_IGNORE_KINDS`` lists it.  Each further helm
    adds ``<name>.validate.helm-<major>.<minor>`` on its own template output.

  ``VALIDATE_IGNORE_KINDS <kind>...``
    Kinds ``<name>.validate`` leaves out (``--ignore-kind``): ``Certificate``
    (any apiVersion) or ``cert-manager.io/v1/Certificate``.  The test says
    how many documents of each kind it did not check.

  ``KUBE_VERSION <version>``
    The ``--kube-version`` of ``helm template``.

  ``RELEASE_NAME <release>``
    The release name of ``helm template`` (default: ``<name>``).

  ``VALUES <file>...``
    Values files given to ``helm lint`` and ``helm template``, relative to
    the current source directory.

  ``RENDER_OPTIONS <option>...``
    Passed to every ``polar-helm render`` of the chart.

  ``MIRRORS <prefix>=<dir>...``
    Each becomes ``--mirror <prefix>=<dir>``: remote imports under the URL
    prefix are read from the directory.

  ``OFFLINE``
    Renders with ``--offline``: remote imports come from mirrors or the
    integrity cache, never the network.

  ``SECRETS_PATTERN <glob>``
    Which sources are secrets, never written in plaintext (default
    ``*-secret.dhall``, matched on the path relative to ``SOURCE_DIR``).
    Their render encrypts in memory, as the next options say; without any
    of them, the age ``creation_rules`` of the nearest ``.sops.yaml`` at or
    above ``SYNC_DIR`` (``SOURCE_DIR`` without one), matched for the
    committed file, apply, and without a ``.sops.yaml`` the configure step
    fails, naming the files.  An unchanged secret keeps the bytes of its
    committed copy when an age identity (``SOPS_AGE_KEY_FILE``) opens it;
    encrypted files are listed in ``.helmignore`` and compared by content by
    ``<name>_sync`` and ``<name>.drift`` (docs/secrets.md).

  ``ENCRYPT_COMMAND <command>...``
    Encrypts secrets with a command reading the plaintext YAML on its
    standard input and writing the sops file on its standard output;
    ``<OUTPUT>`` and ``<SOURCE>`` are substituted.

  ``AGE_RECIPIENTS <age1...>...``
    Encrypts secrets natively for these age recipients: the values under
    ``data`` and ``stringData`` (sops's ``encrypted_regex:
    ^(data|stringData)$``, the convention for Kubernetes secrets), so that
    ``apiVersion``, ``kind`` and ``metadata`` stay readable in git.

  ``ENCRYPTED_REGEX <regex>``
    With ``AGE_RECIPIENTS``: encrypts the values under keys this regular
    expression matches instead (``^`` matches every key, so every value).
    A ``.sops.yaml`` rule says this with its own ``encrypted_regex``.

  ``EXCLUDE_SECRETS``
    Leaves secrets out of the chart.

  For CI without secret values, the cache option (and environment variable)
  ``POLAR_HELM_SECRETS_PLACEHOLDER`` renders secrets with unset variables
  read as a placeholder and checks them against their committed copies by
  structure only; the chart gets the committed bytes (docs/secrets.md).

  ``ALLOW_PLAINTEXT_SECRETS``
    Writes secrets as they are, with a warning.

  ``CHECK_PINS``
    Adds the test ``<name>.pins`` (labels ``pins`` and ``<name>``):
    ``polar-helm freeze --all --check`` on every ``*.dhall`` file under
    ``SOURCE_DIR`` when the build was configured, helpers included, with the
    ``MIRRORS`` and ``OFFLINE`` of the chart.  It fails, naming each import
    as ``file:line:column`` with the pinned and the actual hash, when a pin
    is stale (the file changed since it was frozen) or missing: every import
    is to be pinned, as ``freeze --all`` pins them (imports that read a
    variable are never pinned).  ``polar-helm freeze --all`` on the files
    repairs them.

  ``PACKAGE``
    Adds the target ``<name>_package``, built by ``ALL``, which writes the
    chart as ``${CMAKE_CURRENT_BINARY_DIR}/packages/<chart>-<version>.tgz``
    with ``polar-helm package`` (byte-reproducible, ``SOURCE_DATE_EPOCH``
    sets its file times) whenever a file of the chart changes, and only
    then; ``<work>/package-path.txt`` names the file.  Adds the test
    ``<name>.package`` (labels ``package``, ``helm`` and ``<name>``), which
    packages two copies of the chart, one with the build's file times and
    modes and one with other times and the modes of ``umask 077``, requires
    the sha256 of both to be the build package's, then runs ``helm lint
    --with-subcharts`` (``--strict`` and ``--values`` as for ``LINT``) on
    the package with each program of :variable:`POLAR_HELM_HELM_EXECUTABLES`.

  ``VERSION <version>``
    The version of the package (a SemVer 2 version), as ``helm package
    --version`` sets it: in its ``Chart.yaml`` and its name.  Default: the
    chart's own.

  ``PUSH <oci-ref>``
    Adds the target ``<name>_push``, never built by ``ALL``, which builds
    the package and pushes it with ``polar-helm push`` to
    ``oci://HOST[:PORT]/REPOSITORY`` (as ``<REPOSITORY>/<chart>:<version>``);
    the manifest digest is printed and written beside the package as
    ``<chart>-<version>.digest``.  Credentials come from the environment of
    the build (``DOCKER_AUTH_JSON``, ``DOCKER_CONFIG``) and are never shown.

  ``PUSH_OPTIONS <option>...``
    Passed to ``polar-helm push``: ``--plain-http`` for a loopback registry,
    ``--ca-file <file>`` for a private CA.

  ``LINT`` and ``TEMPLATE`` tests carry the labels ``helm`` and ``<name>``
  and run the first program of :variable:`POLAR_HELM_HELM_EXECUTABLES`; each
  further one adds ``<name>.lint.helm-<major>.<minor>`` and
  ``<name>.template.helm-<major>.<minor>``.  Without helm the tests are
  reported as skipped, not passed; ``<name>.package`` lints with every helm
  and, without any, is reported as skipped once the packages agreed.

.. command:: polar_helm_manifests

  Renders a folder of plain manifests from Dhall sources, with its drift
  test:

  .. code-block:: cmake

    polar_helm_manifests(<name> SOURCE_DIR <dir>
                         [OUTPUT_DIR <dir>] [EXCLUDE <glob>...] [KUSTOMIZATION]
                         [DEPENDS <target-or-file>...]
                         [SYNC_DIR <dir>] [SYNC_EXCLUDE <glob>...] [SYNC_ADOPT]
                         [RENDER_OPTIONS <option>...] [MIRRORS <prefix>=<dir>...]
                         [OFFLINE] [SECRETS_PATTERN <glob>]
                         [ENCRYPT_COMMAND <command>... | AGE_RECIPIENTS <age1...>... |
                          EXCLUDE_SECRETS | ALLOW_PLAINTEXT_SECRETS]
                         [CHECK_PINS])

  Declares the target ``<name>``, built by ``ALL``: one ``polar-helm render
  --documents`` custom command per Dhall file of the manifests layout above,
  with its depfile, then ``polar-helm chart-finish --manifests``, which
  removes the outputs of sources since removed (only files it recorded) and
  writes the kustomization files.  It is the machinery of
  :command:`polar_helm_chart` with the other layout: environment variables,
  secrets, the build cache, ``SYNC_DIR`` with ``<name>_sync`` and
  ``<name>.drift``, ``CHECK_PINS`` (``<name>.pins`` on every ``*.dhall``
  file below ``SOURCE_DIR``, the excluded library included),
  :command:`polar_helm_chart_post_process` and
  :command:`polar_helm_chart_check` (with ``<CHART_DIR>``, the output folder)
  work the same.  There is no helm test.

  The options are those of :command:`polar_helm_chart` of the same names, and:

  ``OUTPUT_DIR <dir>``
    Where the manifests are generated.  Default:
    ``${CMAKE_CURRENT_BINARY_DIR}/manifests/<name>``.

  ``EXCLUDE <glob>...``
    Sources that are not rendered, only imported: ``types/**`` leaves out a
    library folder, ``*.lib.dhall`` files of that name anywhere (globs as for
    ``SYNC_EXCLUDE``, on the path relative to ``SOURCE_DIR``).

  ``KUSTOMIZATION``
    Writes a ``kustomization.yaml`` in each output folder and each folder
    above one, up to the top, listing the YAML files in it and then its
    sub-folders, each sorted by name, so that Flux or ``kubectl apply -k``
    can take any of them as it is.  Encrypted secrets are listed too (Flux
    decrypts them).  A source rendering to a ``kustomization.yaml`` stops
    the configure step.

  ``DEPENDS <target-or-file>...``
    Generated inputs the sources import, made before any render of the
    folder (as for :command:`polar_helm_render`): a target is built first, a
    file must be the output of a custom command of the same directory.

.. command:: polar_helm_chart_post_process

  Sends chart files through a command after rendering:

  .. code-block:: cmake

    polar_helm_chart_post_process(<name> PATTERN <glob> COMMAND <command>...
                                  [DEPENDS <file>...] [COMMENT <text>])

  Every Dhall source of chart ``<name>`` whose path relative to
  ``SOURCE_DIR`` matches ``PATTERN`` is rendered to a staging file, and
  ``COMMAND`` produces the chart file from it.  The first matching call
  applies.  Call it in the directory that called :command:`polar_helm_chart`,
  before that directory ends.  A pattern matching an encrypted secret stops
  the configure step (the command would see its plaintext).

  The options are:

  ``PATTERN <glob>``
    The sources to post-process, as for ``SYNC_EXCLUDE`` (required).

  ``COMMAND <command>...``
    The command (required), in which ``<INPUT>`` (the staged YAML),
    ``<OUTPUT>`` (the chart file) and ``<SOURCE>`` (the Dhall file) are
    substituted.

  ``DEPENDS <file>...``
    Further files the command reads: a change re-runs it.

  ``COMMENT <text>``
    What the build prints when the command runs.

.. command:: polar_helm_chart_check

  Adds a test of your own on a generated chart:

  .. code-block:: cmake

    polar_helm_chart_check(<name> <check> COMMAND <command>...
                           [LABELS <label>...])

  Adds the test ``<name>.<check>`` running the command, with the labels
  ``check`` and ``<name>``.

  The options are:

  ``COMMAND <command>...``
    The test's command (required): ``<CHART_DIR>`` is replaced by the chart
    directory and ``<MANIFEST>`` by the output of ``<name>.template``, which
    the check then requires (``polar_helm_chart(<name> ... TEMPLATE)``).
    When that test was skipped (no helm), the check is skipped too.

  ``LABELS <label>...``
    Further labels of the test.

.. command:: polar_helm_render

  Renders one Dhall file outside a chart:

  .. code-block:: cmake

    polar_helm_render(OUTPUT <file> SOURCE <file> [DOCUMENTS] [TARGET <target>]
                      [DEPENDS <target-or-file>...]
                      [RENDER_OPTIONS <option>...] [MIRRORS <prefix>=<dir>...]
                      [OFFLINE])

  Adds a custom command rendering ``SOURCE`` to ``OUTPUT`` with a depfile,
  so that an edit of any file it reads renders it again.  The build cache
  and the options below work as for :command:`polar_helm_chart`.  When
  ``SOURCE`` reads environment variables, the render depends on the same
  check as a chart's (``polar-helm inputs --check``): the build fails once,
  naming every variable it reads on every load that is not set, before the
  render.

  The options are:

  ``OUTPUT <file>``
    The YAML file to write (required), relative to the current binary
    directory.

  ``SOURCE <file>``
    The Dhall file (required), relative to the current source directory.

  ``DOCUMENTS``
    Writes a list as a multi-document YAML file.

  ``TARGET <target>``
    Creates a target, built by ``ALL``, for the output; without it, list
    ``OUTPUT`` as a source or dependency of a target of yours.

  ``DEPENDS <target-or-file>...``
    What the source needs to exist before it can be rendered: generated
    Dhall files, or the targets that generate them (another
    :command:`polar_helm_render` ``TARGET`` whose output this source imports
    ``as Text``, a code generator).  Files and targets mean what they mean
    in ``add_custom_command(DEPENDS)``: a target is built first, a file
    produced by a custom command of the same directory is generated first.
    Once rendered, the depfile tracks every file the source read.

  ``RENDER_OPTIONS <option>...``, ``MIRRORS <prefix>=<dir>...``, ``OFFLINE``
    As for :command:`polar_helm_chart`.

Variables
^^^^^^^^^

These cache variables are set by the developer or the project before the
commands run; each has a default that works without them.

.. variable:: POLAR_HELM_EXECUTABLE

  The ``polar-helm`` program the commands run.  When set it overrides the
  target ``PolarHelm::polar-helm``; when neither exists, the first command
  searches the ``PATH`` and stores the result here.

.. variable:: POLAR_HELM_HELM_EXECUTABLES

  The helm programs the chart tests run with: a list of absolute paths or
  program names (searched on the ``PATH``).  Empty (the default) means the
  ``helm`` on the ``PATH``; without one the helm tests are skipped.  The
  first program gives the plain ``<name>.lint`` and ``<name>.template``
  tests, each further one tests suffixed with its version.

.. variable:: POLAR_HELM_BUILD_CACHE_DIR

  Where every render keeps the imports it resolved without a hash, parsed
  and type-checked once per build tree rather than once per file (default:
  ``polar-helm-build-cache`` in the top of the build tree, never the user's
  cache of the command line; empty turns the build cache off,
  ``--no-build-cache``).  Passed as ``--build-cache``; see docs/imports.md.

.. variable:: POLAR_HELM_GLOB_CONFIGURE_DEPENDS

  ``OFF`` (the default): the folders of a chart's layout are configure
  dependencies, so adding, removing or renaming a source reconfigures while
  a build with nothing to do stays a no-op.  ``ON``: CMake's
  ``CONFIGURE_DEPENDS`` globbing, which re-checks the globs on every build.

Examples
^^^^^^^^

A chart built from ``deploy/``, committed to ``gitops/polar``, linted and
templated by CTest, with a policy check on the rendered manifest:

.. code-block:: cmake

  find_package(PolarHelm 0.1 CONFIG REQUIRED)
  enable_testing()

  polar_helm_chart(
    polar
    SOURCE_DIR deploy
    SYNC_DIR gitops/polar
    LINT STRICT TEMPLATE
    KUBE_VERSION 1.25.0
    AGE_RECIPIENTS ${POLAR_AGE_RECIPIENT})

  polar_helm_chart_check(
    polar kubeconform
    COMMAND kubeconform -strict -ignore-missing-schemas <MANIFEST>
    LABELS policy)

``cmake --build build`` renders what changed, ``ctest --test-dir build``
lints, templates and checks the committed copy for drift, and
``cmake --build build --target polar_sync`` refreshes ``gitops/polar``.

Plain manifests in Polar's layout, a typed library in ``types/`` and one
file per component, committed to ``gitops/manifests`` with kustomization
files for Flux:

.. code-block:: cmake

  polar_helm_manifests(
    polar-manifests
    SOURCE_DIR manifests
    EXCLUDE "types/**"
    KUSTOMIZATION
    SYNC_DIR gitops/manifests)

A release from CI: every import pinned, the package versioned with the
commit and pushed by ``cmake --build build --target polar_push`` (credentials
in ``DOCKER_AUTH_JSON``):

.. code-block:: cmake

  polar_helm_chart(
    polar
    SOURCE_DIR deploy
    LINT CHECK_PINS
    PACKAGE
    VERSION "0.3.0+$ENV{CI_COMMIT_SHORT_SHA}"
    PUSH oci://registry.example.org/charts)

A license header added to every template, and a chart whose ``values.dhall``
is only imported:

.. code-block:: cmake

  polar_helm_chart(agents SOURCE_DIR agents NO_VALUES_FILE)
  polar_helm_chart_post_process(
    agents
    PATTERN "templates/*.dhall"
    COMMAND add-license-header <INPUT> <OUTPUT>
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)

Renders that need generated inputs: ``images.dhall`` is written into the
build tree by a tool of the project, ``deploy.dhall`` (copied next to it)
imports it, and ``notes.dhall`` imports the rendered ``deploy.yaml`` ``as
Text``.  ``DEPENDS`` orders the steps on a clean build; afterwards the
depfiles track what each render read:

.. code-block:: cmake

  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/images.dhall
    COMMAND image-list --output ${CMAKE_CURRENT_BINARY_DIR}/images.dhall
    DEPENDS images.json)
  configure_file(deploy.dhall deploy.dhall COPYONLY)
  configure_file(notes.dhall notes.dhall COPYONLY)
  polar_helm_render(
    OUTPUT deploy.yaml
    SOURCE ${CMAKE_CURRENT_BINARY_DIR}/deploy.dhall
    DOCUMENTS
    TARGET deploy
    DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/images.dhall)
  polar_helm_render(
    OUTPUT notes.yaml
    SOURCE ${CMAKE_CURRENT_BINARY_DIR}/notes.dhall
    TARGET notes
    DEPENDS deploy)
#]=======================================================================]

include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)
# Renders write depfiles with absolute paths, which Ninja reads as they are.
# Under the NEW behaviour CMake appends `cmake -E cmake_transform_depfile` to
# every render, a second process (about 20 ms) per edge for nothing; the
# functions below record this setting, so it holds for the commands they add
# (docs/chart-module.md, "Depfiles").
cmake_policy(SET CMP0116 OLD)
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmLayout.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmSecrets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmManifests.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PolarHelmSchema.cmake")

set(POLAR_HELM_HELM_EXECUTABLES
    ""
    CACHE STRING "helm programs the chart tests run with (a list; helm on the PATH when empty)")
set(POLAR_HELM_BUILD_CACHE_DIR
    "${CMAKE_BINARY_DIR}/polar-helm-build-cache"
    CACHE PATH "Where renders keep resolved imports without a hash (empty: no build cache)")
option(POLAR_HELM_GLOB_CONFIGURE_DEPENDS
       "Re-glob chart sources on every build instead of watching their folders' modification times"
       OFF)

# Fails the call of <command> (as the user wrote it, e.g. "polar_helm_chart(web)")
# when the caller's `cmake_parse_arguments(... arg ...)` left arguments it did
# not know, or when one of <one_value_keywords> came without its value: a
# misspelt keyword must not pass silently.
function(_polar_helm_check_arguments command one_value_keywords)
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unknown)
    message(FATAL_ERROR "${command}: unknown arguments: ${unknown} (a misspelt keyword? "
                        "the keywords are in the documentation of PolarHelm.cmake)")
  endif()
  foreach(keyword IN LISTS arg_KEYWORDS_MISSING_VALUES)
    if(keyword IN_LIST one_value_keywords)
      message(FATAL_ERROR "${command}: ${keyword} needs a value")
    endif()
  endforeach()
endfunction()

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

# The environment check every build of a chart that reads variables runs
# first, no-op builds included: polar-helm-env-check, the static executable
# built and installed beside polar-helm (tools/polar-helm-env-check), which
# starts in a millisecond where polar-helm takes ten. Sets <out_command> to
# the command without its arguments and <out_depends> to what it depends on.
# A polar-helm without it beside (an older install, POLAR_HELM_EXECUTABLE
# pointing elsewhere) runs `polar-helm env-check`, the same check.
function(_polar_helm_env_check_command out_command out_depends)
  _polar_helm_executable(polar_helm polar_helm_depends)
  set(command ${polar_helm} env-check)
  set(depends ${polar_helm_depends})
  if(POLAR_HELM_EXECUTABLE)
    cmake_path(REPLACE_FILENAME POLAR_HELM_EXECUTABLE "polar-helm-env-check" OUTPUT_VARIABLE
               checker)
    if(EXISTS "${checker}")
      set(command "${checker}")
      set(depends "${checker}")
    endif()
  elseif(TARGET PolarHelm::polar-helm-env-check)
    set(command "$<TARGET_FILE:PolarHelm::polar-helm-env-check>")
    set(depends PolarHelm::polar-helm-env-check)
  endif()
  set(${out_command}
      "${command}"
      PARENT_SCOPE)
  set(${out_depends}
      "${depends}"
      PARENT_SCOPE)
endfunction()

# The render options shared by polar_helm_chart and polar_helm_render:
# _polar_helm_render_flags(<out_flags> [OFFLINE <bool>] [RENDER_OPTIONS ...]
# [MIRRORS ...]), OFFLINE taking the caller's flag as it is.
function(_polar_helm_render_flags out_flags)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OFFLINE" "RENDER_OPTIONS;MIRRORS")
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
  else()
    # Not the user's cache either: the build's renders share nothing.
    list(APPEND flags --no-build-cache)
  endif()
  set(${out_flags}
      "${flags}"
      PARENT_SCOPE)
endfunction()

# The folders and flags of a tree of Dhall files, shared by polar_helm_chart()
# and polar_helm_manifests(). Reads the caller's parsed arguments (arg_SOURCE_DIR,
# arg_OUTPUT_DIR, arg_SYNC_DIR, arg_OFFLINE, arg_RENDER_OPTIONS, arg_MIRRORS) and
# sets in its scope: source_dir, output_dir (by default
# <current binary dir>/<default_folder>/<name>), sync_dir (empty without
# SYNC_DIR), all absolute without a trailing `/`; work_dir, the tree's scratch
# folder; render_flags.
function(_polar_helm_tree_setup command name default_folder)
  if(NOT arg_SOURCE_DIR)
    message(FATAL_ERROR "${command}(${name}): SOURCE_DIR is required")
  endif()
  if(TARGET ${name})
    message(FATAL_ERROR "${command}(${name}): a target named ${name} exists already")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE_DIR NORMALIZE OUTPUT_VARIABLE source_dir)
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${default_folder}/${name}")
  endif()
  cmake_path(
    ABSOLUTE_PATH
    arg_OUTPUT_DIR
    BASE_DIRECTORY
    "${CMAKE_CURRENT_BINARY_DIR}"
    NORMALIZE
    OUTPUT_VARIABLE
    output_dir)
  set(sync_dir "")
  if(arg_SYNC_DIR)
    cmake_path(ABSOLUTE_PATH arg_SYNC_DIR NORMALIZE OUTPUT_VARIABLE sync_dir)
  endif()
  foreach(variable IN ITEMS source_dir output_dir sync_dir)
    string(REGEX REPLACE "/+$" "" ${variable} "${${variable}}")
    set(${variable}
        "${${variable}}"
        PARENT_SCOPE)
  endforeach()
  set(work_dir
      "${CMAKE_CURRENT_BINARY_DIR}/polar-helm/${name}"
      PARENT_SCOPE)
  _polar_helm_render_flags(
    render_flags
    OFFLINE "${arg_OFFLINE}"
    RENDER_OPTIONS ${arg_RENDER_OPTIONS}
    MIRRORS ${arg_MIRRORS})
  set(render_flags
      "${render_flags}"
      PARENT_SCOPE)
endfunction()

# The commands of the tree <name> (a chart or a folder of manifests) once its
# target's properties are set: its renders, added when the directory's
# CMakeLists.txt ends (so post-processing hooks and checks declared after the
# call join them), and with a <sync_dir> its sync and drift, from the caller's
# arg_SYNC_ADOPT and arg_SYNC_EXCLUDE.
function(_polar_helm_tree_commands name output_dir sync_dir)
  # Deferred arguments are evaluated when the call runs: EVAL fixes the name now.
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_CURRENT_SOURCE_DIR}]] CALL
                            _polar_helm_chart_add_commands [[${name}]])")
  if(sync_dir)
    set(adopt_keyword "")
    if(arg_SYNC_ADOPT)
      set(adopt_keyword ADOPT)
    endif()
    _polar_helm_add_sync(${name} "${output_dir}" "${sync_dir}" ${adopt_keyword} EXCLUDE
                         ${arg_SYNC_EXCLUDE})
  endif()
endfunction()

# The arguments of _polar_helm_chart_secrets() from the caller's parsed
# arguments: the flags EXCLUDE_SECRETS and ALLOW_PLAINTEXT_SECRETS and those
# of the one-value keywords named after <out_arguments> (the caller's own,
# SECRETS_PATTERN and ENCRYPTED_REGEX for a chart) that were given.
function(_polar_helm_secret_arguments out_arguments)
  set(arguments "")
  foreach(keyword IN ITEMS EXCLUDE_SECRETS ALLOW_PLAINTEXT_SECRETS)
    if(arg_${keyword})
      list(APPEND arguments ${keyword})
    endif()
  endforeach()
  foreach(keyword IN LISTS ARGN)
    if(DEFINED arg_${keyword})
      list(APPEND arguments ${keyword} "${arg_${keyword}}")
    endif()
  endforeach()
  set(${out_arguments}
      "${arguments}"
      PARENT_SCOPE)
endfunction()

# One custom command rendering <source> to <output> with a depfile in
# <depfile>; DOCUMENTS writes a Dhall list as a multi-document YAML file.
function(_polar_helm_add_render_command)
  cmake_parse_arguments(PARSE_ARGV 0 arg "DOCUMENTS" "SOURCE;OUTPUT;DEPFILE;ENV_STAMP;COMMENT"
                        "FLAGS;DEPENDS")
  _polar_helm_executable(polar_helm polar_helm_depends)
  set(documents "")
  if(arg_DOCUMENTS)
    set(documents --documents)
  endif()
  # Ninja checks that a depfile names the output as build.ninja does: relative
  # to the top of the build tree when inside it, absolute otherwise.
  cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${arg_OUTPUT}" NORMALIZE inside_build_tree)
  set(depfile_target "${arg_OUTPUT}")
  if(inside_build_tree)
    cmake_path(RELATIVE_PATH depfile_target BASE_DIRECTORY "${CMAKE_BINARY_DIR}")
  endif()
  add_custom_command(
    OUTPUT "${arg_OUTPUT}"
    COMMAND
      ${polar_helm} render --file "${arg_SOURCE}" --output "${arg_OUTPUT}" --depfile
      "${arg_DEPFILE}" --depfile-target "${depfile_target}" --env-stamp "${arg_ENV_STAMP}"
      ${documents} ${arg_FLAGS}
    DEPENDS "${arg_SOURCE}" ${polar_helm_depends} ${arg_DEPENDS}
    DEPFILE "${arg_DEPFILE}"
    COMMENT "${arg_COMMENT}"
    VERBATIM)
endfunction()

# Environment variables are inputs of renders that Ninja cannot see; each
# render writes the names of those it read to an environment stamp
# (docs/chart-module.md, "Environment variables"). A render is watched when
# its source mentions `env:` or its stamp names a variable: its stamp is then
# an input of the render, kept up to date by `polar-helm env-check` before the
# renders of every build, which rewrites a stamp only when a variable its
# render read has changed (or on every build for a secret that read one), so
# Ninja (restat) re-runs exactly those renders. The check's extra output is
# never written, so it always runs; without watched renders there is no
# check. An unwatched render's stamp is an empty file and a configure
# dependency: should the render read a variable after all (through an
# import), it writes the names there and the next build reconfigures with it
# watched. Sets <out_stamps> to one stamp per source and <out_watched> to ON
# or OFF for each, in the order of <sources> and <outputs>, and <out_changes>
# to the file the check writes when it rewrote a stamp (empty without watched
# renders): the variables check depends on it rather than on the stamps,
# which renders write and secrets renew without a variable changing.
function(
  _polar_helm_environment_stamps
  work_dir
  comment
  sources
  outputs
  out_stamps
  out_watched
  out_changes)
  set(stamps "")
  set(watched_list "")
  set(watched_stamps "")
  foreach(source output IN ZIP_LISTS sources outputs)
    string(REPLACE "/" "--" flat "${output}")
    set(stamp "${work_dir}/env/${flat}.env")
    list(APPEND stamps "${stamp}")
    file(
      STRINGS "${source}" mentions
      REGEX "env:"
      LIMIT_COUNT 1)
    set(lines 0)
    if(EXISTS "${stamp}")
      file(STRINGS "${stamp}" lines LIMIT_COUNT 2)
      list(LENGTH lines lines) # a header and at least one name, or less
    endif()
    if(mentions OR lines GREATER 1)
      list(APPEND watched_stamps "${stamp}")
      list(APPEND watched_list ON)
    else()
      if(NOT EXISTS "${stamp}")
        file(WRITE "${stamp}" "")
      endif()
      set_property(
        DIRECTORY
        APPEND
        PROPERTY CMAKE_CONFIGURE_DEPENDS "${stamp}")
      list(APPEND watched_list OFF)
    endif()
  endforeach()
  if(watched_stamps)
    _polar_helm_env_check_command(env_check env_check_depends)
    list(JOIN watched_stamps "\n" stamp_lines)
    file(CONFIGURE OUTPUT "${work_dir}/env-stamps.txt" CONTENT "${stamp_lines}\n")
    # Never written, so the check always runs; not SYMBOLIC, which would cost
    # the edge its restat.
    set(always "${work_dir}/env-check.always")
    set(changes "${work_dir}/env-changes")
    add_custom_command(
      OUTPUT ${watched_stamps} "${changes}" "${always}"
      COMMAND ${env_check} --stamp-list "${work_dir}/env-stamps.txt" --changes "${changes}"
      DEPENDS ${env_check_depends}
      COMMENT "${comment}"
      VERBATIM)
  else()
    set(changes "")
  endif()
  set(${out_changes}
      "${changes}"
      PARENT_SCOPE)
  set(${out_stamps}
      "${stamps}"
      PARENT_SCOPE)
  set(${out_watched}
      "${watched_list}"
      PARENT_SCOPE)
endfunction()

# The chart-level check before its renders (docs/chart-module.md, "Required
# variables"): `polar-helm inputs --check` walks the chart's sources without
# resolving them and fails once, naming every variable they read on every
# load that is not set. It is the target <name>_variables_check, on which the
# chart target depends, so the renders wait for it (order only: a run of the
# check never re-runs a render, nor puts one in `ninja -n`). It runs again
# when the environment check's <env_changes> says a variable read changed
# (set or unset), when the list of sources changes, and after a failure; not
# when a source is edited: the renders the edit re-runs are given the list
# of sources (<out_list>, for `render --variables-check-list`) and, should
# one fail, report every unset variable of the chart as this check would.
# It never prints nor stores a value.
function(_polar_helm_variables_check name work_dir sources env_changes out_list)
  set(stamp "${work_dir}/variables.checked")
  set(list "${work_dir}/variables-sources.txt")
  list(JOIN sources "\n" source_lines)
  file(CONFIGURE OUTPUT "${list}" CONTENT "${source_lines}\n")
  _polar_helm_executable(polar_helm polar_helm_depends)
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${polar_helm} inputs --check ${sources} --stamp "${stamp}"
    DEPENDS ${env_changes} ${polar_helm_depends}
    COMMENT "polar-helm: checking that the variables ${name} reads are set"
    VERBATIM)
  add_custom_target(${name}_variables_check DEPENDS "${stamp}")
  add_dependencies(${name} ${name}_variables_check)
  set(${out_list}
      "${list}"
      PARENT_SCOPE)
endfunction()

# polar_helm_render()'s check of a source that reads variables, on which its
# render depends: its stamp is <prefix>.checked, written once when the check
# first passes (set in <out_stamp>), its depfile <prefix>.d, naming the files
# it walked.
function(_polar_helm_variables_check_command out_stamp prefix what sources env_changes)
  set(stamp "${prefix}.checked")
  set(depfile "${prefix}.d")
  cmake_path(RELATIVE_PATH stamp BASE_DIRECTORY "${CMAKE_BINARY_DIR}" OUTPUT_VARIABLE target)
  _polar_helm_executable(polar_helm polar_helm_depends)
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${polar_helm} inputs --check ${sources} --stamp "${stamp}" --depfile "${depfile}"
            --depfile-target "${target}"
    DEPENDS ${sources} ${env_changes} ${polar_helm_depends}
    DEPFILE "${depfile}"
    COMMENT "polar-helm: checking that the variables ${what} reads are set"
    VERBATIM)
  set(${out_stamp}
      "${stamp}"
      PARENT_SCOPE)
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

# The committed copy of chart or manifests folder <name> generated in
# <chart_dir>: the target <name>_sync and the test <name>.drift on <sync_dir>,
# leaving out the EXCLUDE globs; ADOPT lets the sync take over files no sync
# wrote.
function(_polar_helm_add_sync name chart_dir sync_dir)
  cmake_parse_arguments(PARSE_ARGV 3 arg "ADOPT" "" "EXCLUDE")
  _polar_helm_executable(polar_helm polar_helm_depends)
  set(exclude_flags "")
  foreach(glob IN LISTS arg_EXCLUDE)
    list(APPEND exclude_flags --exclude "${glob}")
  endforeach()
  set(adopt_flag "")
  if(arg_ADOPT)
    set(adopt_flag --adopt)
  endif()
  add_custom_target(
    ${name}_sync
    COMMAND ${polar_helm} chart-sync "${chart_dir}" "${sync_dir}" ${exclude_flags} ${adopt_flag}
    COMMENT "polar-helm: updating the committed copy of ${name} in ${sync_dir}"
    VERBATIM)
  add_dependencies(${name}_sync ${name})
  add_test(NAME ${name}.drift
           COMMAND ${polar_helm} chart-drift "${chart_dir}" "${sync_dir}" ${exclude_flags}
                   --fix-hint "cmake --build ${CMAKE_BINARY_DIR} --target ${name}_sync")
  set_tests_properties(${name}.drift PROPERTIES LABELS "drift;${name}")
endfunction()

# CHECK_PINS: the test <name>.pins, `polar-helm freeze --all --check` on every
# *.dhall file under the sources (helpers included), with the chart's mirrors.
function(_polar_helm_pins_test name source_dir)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "OFFLINE" "MIRRORS")
  _polar_helm_render_flags(
    flags
    OFFLINE "${arg_OFFLINE}"
    MIRRORS ${arg_MIRRORS})
  file(
    GLOB_RECURSE files
    LIST_DIRECTORIES false
    RELATIVE "${source_dir}"
    "${source_dir}/*.dhall")
  list(FILTER files EXCLUDE REGEX "(^|/)\\.") # hidden files and folders
  list(TRANSFORM files PREPEND "${source_dir}/")
  _polar_helm_executable(polar_helm polar_helm_depends)
  add_test(NAME ${name}.pins COMMAND ${polar_helm} freeze --all --check ${flags} ${files})
  set_tests_properties(${name}.pins PROPERTIES LABELS "pins;${name}")
endfunction()

# PACKAGE: the target <name>_package (in ALL), <name>_push without ALL when
# PUSH is given, and the test <name>.package. The package's name is only known
# once Chart.yaml exists, so `polar-helm package --path-file` writes it to
# <work>/package-path.txt, the output of the step (rewritten only when it
# changes), which the push and the test read. The package command itself is
# added with the renders (_polar_helm_chart_add_commands), once the chart's
# files are known.
function(_polar_helm_package_targets name chart_dir work_dir)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "VERSION;PUSH" "PUSH_OPTIONS;HELMS;LINT_OPTIONS")
  set(path_file "${work_dir}/package-path.txt")
  set(version_flag "")
  if(arg_VERSION)
    set(version_flag --version "${arg_VERSION}")
  endif()
  add_custom_target(${name}_package ALL)
  add_dependencies(${name}_package ${name})
  set_target_properties(
    ${name}
    PROPERTIES POLAR_HELM_PACKAGE_PATH_FILE "${path_file}"
               POLAR_HELM_PACKAGE_DIR "${CMAKE_CURRENT_BINARY_DIR}/packages"
               POLAR_HELM_PACKAGE_FLAGS "${version_flag}")
  _polar_helm_executable(polar_helm polar_helm_depends)
  if(arg_PUSH)
    add_custom_target(
      ${name}_push
      COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/PolarHelmPush.cmake" --
              ${polar_helm} "${path_file}" "${arg_PUSH}" ${arg_PUSH_OPTIONS}
      COMMENT "polar-helm: pushing the package of ${name} to ${arg_PUSH}"
      VERBATIM)
    add_dependencies(${name}_push ${name}_package)
  endif()
  set(helms ${arg_HELMS})
  if(NOT helms)
    set(helms none)
  endif()
  add_test(
    NAME ${name}.package
    COMMAND
      "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/PolarHelmPackageTest.cmake" --
      ${polar_helm} "${chart_dir}" "${path_file}" "${work_dir}/package-test" ${version_flag} HELMS
      ${helms} LINT_OPTIONS ${arg_LINT_OPTIONS})
  set_tests_properties(${name}.package PROPERTIES LABELS "package;helm;${name}"
                                                  SKIP_REGULAR_EXPRESSION "POLAR_HELM_SKIP:")
endfunction()

function(polar_helm_chart name)
  set(one_value
      SOURCE_DIR
      OUTPUT_DIR
      SYNC_DIR
      KUBE_VERSION
      RELEASE_NAME
      SECRETS_PATTERN
      ENCRYPTED_REGEX
      VERSION
      PUSH
      VALIDATE_KUBERNETES)
  set(flags
      LINT
      STRICT
      TEMPLATE
      OFFLINE
      EXCLUDE_SECRETS
      ALLOW_PLAINTEXT_SECRETS
      NO_VALUES_FILE
      SYNC_ADOPT
      NO_VALUES_SCHEMA
      CHECK_PINS
      PACKAGE)
  cmake_parse_arguments(
    PARSE_ARGV
    1
    arg
    "${flags}"
    "${one_value}"
    "SYNC_EXCLUDE;VALUES;RENDER_OPTIONS;MIRRORS;ENCRYPT_COMMAND;AGE_RECIPIENTS;PUSH_OPTIONS;VALIDATE_IGNORE_KINDS"
  )
  _polar_helm_check_arguments("polar_helm_chart(${name})" "${one_value}")
  if(DEFINED arg_VALIDATE_KUBERNETES AND NOT arg_TEMPLATE)
    message(FATAL_ERROR "polar_helm_chart(${name}): VALIDATE_KUBERNETES needs TEMPLATE "
                        "(it checks the output of helm template)")
  endif()
  if(DEFINED arg_VALIDATE_IGNORE_KINDS AND NOT DEFINED arg_VALIDATE_KUBERNETES)
    message(
      FATAL_ERROR "polar_helm_chart(${name}): VALIDATE_IGNORE_KINDS needs VALIDATE_KUBERNETES")
  endif()
  foreach(keyword IN ITEMS VERSION PUSH PUSH_OPTIONS)
    if(DEFINED arg_${keyword} AND NOT arg_PACKAGE)
      message(FATAL_ERROR "polar_helm_chart(${name}): ${keyword} needs PACKAGE")
    endif()
  endforeach()
  if(DEFINED arg_PUSH_OPTIONS AND NOT DEFINED arg_PUSH)
    message(FATAL_ERROR "polar_helm_chart(${name}): PUSH_OPTIONS needs PUSH")
  endif()
  if(DEFINED arg_PUSH AND NOT arg_PUSH MATCHES "^oci://[^/]+/.")
    message(FATAL_ERROR "polar_helm_chart(${name}): PUSH takes oci://HOST[:PORT]/REPOSITORY, "
                        "not '${arg_PUSH}'")
  endif()
  _polar_helm_tree_setup(polar_helm_chart ${name} charts)
  set(chart_dir "${output_dir}")
  _polar_helm_render_flags(
    schema_flags
    OFFLINE "${arg_OFFLINE}"
    MIRRORS ${arg_MIRRORS})
  set(values_schema ON)
  if(arg_NO_VALUES_SCHEMA)
    set(values_schema OFF)
  endif()
  _polar_helm_discover_layout(${name} "${source_dir}" layout)
  if(arg_NO_VALUES_FILE)
    _polar_helm_layout_drop_values(${name} layout)
  endif()

  add_custom_target(${name} ALL)
  _polar_helm_secret_arguments(secret_arguments SECRETS_PATTERN ENCRYPTED_REGEX)
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
               POLAR_HELM_GENERATED OFF
               POLAR_HELM_VALUES_SCHEMA ${values_schema}
               POLAR_HELM_SCHEMA_FLAGS "${schema_flags}")
  _polar_helm_tree_commands(${name} "${chart_dir}" "${sync_dir}")

  if(arg_CHECK_PINS)
    _polar_helm_pins_test(
      ${name} "${source_dir}"
      OFFLINE "${arg_OFFLINE}"
      MIRRORS ${arg_MIRRORS})
  endif()

  _polar_helm_helm_programs(helms helm_labels)
  set(value_flags "")
  foreach(values_file IN LISTS arg_VALUES)
    cmake_path(ABSOLUTE_PATH values_file NORMALIZE)
    list(APPEND value_flags --values "${values_file}")
  endforeach()
  set(strict_flag "")
  if(arg_STRICT)
    set(strict_flag --strict)
  endif()
  if(arg_PACKAGE)
    _polar_helm_package_targets(
      ${name} "${chart_dir}" "${work_dir}"
      VERSION "${arg_VERSION}"
      PUSH "${arg_PUSH}"
      PUSH_OPTIONS ${arg_PUSH_OPTIONS}
      HELMS ${helms}
      LINT_OPTIONS ${strict_flag} ${value_flags})
  endif()
  if(NOT helms)
    set(helms "none") # one test of each kind, which reports the skip
    set(helm_labels "none")
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
      set_tests_properties(${name}.template${suffix} PROPERTIES FIXTURES_SETUP
                                                                ${name}.manifest${suffix})
      if(suffix STREQUAL "")
        set_target_properties(${name} PROPERTIES POLAR_HELM_MANIFEST "${manifest}")
      endif()
      if(DEFINED arg_VALIDATE_KUBERNETES)
        _polar_helm_validate_test(
          ${name} "${suffix}" "${manifest}" "${arg_VALIDATE_KUBERNETES}"
          IMPORT_FLAGS ${schema_flags}
          IGNORE_KINDS ${arg_VALIDATE_IGNORE_KINDS})
      endif()
    endif()
  endforeach()
endfunction()

# VALIDATE_KUBERNETES: the test <name>.validate<suffix>, `polar-helm validate
# --kubernetes <package>` on the output of <name>.template<suffix> (a fixture),
# skipped when that test was (no helm). A file <package> is relative to the
# current source directory; anything else is passed as an expression (a URL).
function(_polar_helm_validate_test name suffix manifest package)
  cmake_parse_arguments(PARSE_ARGV 4 arg "" "" "IMPORT_FLAGS;IGNORE_KINDS")
  cmake_path(ABSOLUTE_PATH package NORMALIZE OUTPUT_VARIABLE package_file)
  if(EXISTS "${package_file}" AND NOT IS_DIRECTORY "${package_file}")
    set(package "${package_file}")
  endif()
  set(ignore_flags "")
  foreach(kind IN LISTS arg_IGNORE_KINDS)
    list(APPEND ignore_flags --ignore-kind "${kind}")
  endforeach()
  _polar_helm_executable(polar_helm polar_helm_depends)
  add_test(
    NAME ${name}.validate${suffix}
    COMMAND
      "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/PolarHelmRunCheck.cmake" --
      "${manifest}" ${polar_helm} validate --kubernetes "${package}" ${ignore_flags}
      ${arg_IMPORT_FLAGS} "${manifest}")
  set_tests_properties(
    ${name}.validate${suffix}
    PROPERTIES FIXTURES_REQUIRED ${name}.manifest${suffix} LABELS "validate;helm;${name}"
               SKIP_REGULAR_EXPRESSION "POLAR_HELM_SKIP:")
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
  _polar_helm_environment_stamps(
    "${work_dir}"
    "polar-helm: checking the environment variables of ${name}"
    "${sources}"
    "${outputs}"
    env_stamps
    env_watched
    env_changes)
  # In placeholder mode secret files read no variable (docs/secrets.md).
  set(checked_sources "")
  get_target_property(secrets_regex ${name} POLAR_HELM_SECRETS_REGEX)
  foreach(source IN LISTS sources)
    cmake_path(RELATIVE_PATH source BASE_DIRECTORY "${source_dir}" OUTPUT_VARIABLE relative)
    if(NOT
       (POLAR_HELM_SECRETS_PLACEHOLDER
        AND secrets_regex
        AND relative MATCHES "${secrets_regex}"))
      list(APPEND checked_sources "${source}")
    endif()
  endforeach()
  _polar_helm_variables_check(${name} "${work_dir}" "${checked_sources}" "${env_changes}"
                              variables_list)
  foreach(
    source
    output
    is_template
    env_stamp
    env_stamp_watched
    IN
    ZIP_LISTS
    sources
    outputs
    documents
    env_stamps
    env_watched)
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
    set(env_depends "")
    if(env_stamp_watched)
      set(env_depends "${env_stamp}")
    endif()
    set(check_flags "")
    if(source IN_LIST checked_sources)
      set(check_flags --variables-check-list "${variables_list}")
    endif()
    _polar_helm_add_render_command(
      SOURCE "${source}"
      OUTPUT "${rendered}"
      DEPFILE "${work_dir}/deps/${output}.d"
      ENV_STAMP "${env_stamp}"
      COMMENT "polar-helm: rendering ${relative_source}" ${documents_flag}
      FLAGS ${render_flags} ${secret_flags} ${check_flags}
      DEPENDS ${secret_depends} ${env_depends})
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

  _polar_helm_values_schema_commands(${name} "${sources}" "${outputs}" schema_files schema_outputs)
  list(APPEND chart_files ${schema_files})
  list(APPEND outputs ${schema_outputs})
  # chart-finish runs after every render, and when the layout changes: this
  # file is rewritten only then, and lists what it must keep. Its output is a
  # file it writes every time (.helmignore for a chart; polar_helm_manifests
  # sets the record and its own flags).
  list(JOIN outputs "\n" output_lines)
  file(CONFIGURE OUTPUT "${work_dir}/outputs.txt" CONTENT "${output_lines}\n")
  _polar_helm_executable(polar_helm polar_helm_depends)
  get_target_property(finish_flags ${name} POLAR_HELM_FINISH_FLAGS)
  get_target_property(finish_output ${name} POLAR_HELM_FINISH_OUTPUT)
  get_target_property(finish_comment ${name} POLAR_HELM_FINISH_COMMENT)
  if(NOT finish_output)
    set(finish_flags "")
    set(finish_output "${chart_dir}/.helmignore")
    set(finish_comment "polar-helm: checking the dependencies of ${name} and writing .helmignore")
  endif()
  add_custom_command(
    OUTPUT "${finish_output}"
    COMMAND ${polar_helm} chart-finish "${chart_dir}" --outputs "${work_dir}/outputs.txt"
            ${finish_flags}
    DEPENDS ${chart_files} "${work_dir}/outputs.txt" ${polar_helm_depends}
    COMMENT "${finish_comment}"
    VERBATIM)
  list(APPEND chart_files "${finish_output}")
  target_sources(${name} PRIVATE ${chart_files})
  get_target_property(path_file ${name} POLAR_HELM_PACKAGE_PATH_FILE)
  if(path_file)
    get_target_property(package_dir ${name} POLAR_HELM_PACKAGE_DIR)
    get_target_property(package_flags ${name} POLAR_HELM_PACKAGE_FLAGS)
    if(NOT package_flags)
      set(package_flags "")
    endif()
    # Runs when a chart file changes; the package is rewritten only when its
    # bytes change.
    add_custom_command(
      OUTPUT "${path_file}"
      COMMAND ${polar_helm} package "${chart_dir}" --output "${package_dir}" --path-file
              "${path_file}" ${package_flags}
      DEPENDS ${chart_files} ${polar_helm_depends}
      COMMENT "polar-helm: packaging ${name}"
      VERBATIM)
    target_sources(${name}_package PRIVATE "${path_file}")
  endif()
  set_target_properties(${name} PROPERTIES POLAR_HELM_GENERATED ON)
endfunction()

function(polar_helm_chart_post_process name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PATTERN;COMMENT" "COMMAND;DEPENDS")
  _polar_helm_check_arguments("polar_helm_chart_post_process(${name})" "PATTERN;COMMENT")
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
  _polar_helm_check_arguments("polar_helm_chart_check(${name} ${check})" "")
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
                        "RENDER_OPTIONS;MIRRORS;DEPENDS")
  _polar_helm_check_arguments("polar_helm_render(${arg_OUTPUT})" "OUTPUT;SOURCE;TARGET")
  if(NOT arg_OUTPUT OR NOT arg_SOURCE)
    message(FATAL_ERROR "polar_helm_render: OUTPUT and SOURCE are required")
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
  _polar_helm_render_flags(
    flags
    OFFLINE "${arg_OFFLINE}"
    RENDER_OPTIONS ${arg_RENDER_OPTIONS}
    MIRRORS ${arg_MIRRORS})
  set(documents_flag "")
  if(arg_DOCUMENTS)
    set(documents_flag DOCUMENTS)
  endif()
  file(RELATIVE_PATH relative_source "${CMAKE_CURRENT_SOURCE_DIR}" "${source}")
  set(work_dir "${CMAKE_CURRENT_BINARY_DIR}/polar-helm/render/${depfile_name}")
  _polar_helm_environment_stamps(
    "${work_dir}"
    "polar-helm: checking the environment variables of ${relative_source}"
    "${source}"
    "output"
    env_stamp
    env_watched
    env_changes)
  set(env_depends "")
  if(env_watched)
    # A source that reads variables gets the charts' check: every unset
    # variable named at once, before the render (docs/chart-module.md).
    _polar_helm_variables_check_command(checked "${work_dir}.variables" "${relative_source}"
                                        "${source}" "${env_changes}")
    set(env_depends "${env_stamp}" "${checked}")
  endif()
  _polar_helm_add_render_command(
    SOURCE "${source}"
    OUTPUT "${output}"
    DEPFILE "${work_dir}.d"
    ENV_STAMP "${env_stamp}"
    COMMENT "polar-helm: rendering ${relative_source}" ${documents_flag}
    FLAGS ${flags}
    DEPENDS ${arg_DEPENDS} ${env_depends})
  if(arg_TARGET)
    add_custom_target(${arg_TARGET} ALL DEPENDS "${output}")
  endif()
endfunction()

cmake_policy(POP)
