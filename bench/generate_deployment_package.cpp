// Generates the "deployment package" benchmark input of issue #16: a Dhall
// package of about 100 files shaped like large real deployments.
//
//   generate_deployment_package <output dir> <dhall-kubernetes package.dhall>
//                               <Prelude package.dhall>
//
// - configuration/: a `Configuration` schema (`Type` and `default`) of about
//   500 defaulted fields nested 4 deep: `global.<section>.<group>.<field>`
//   (one file per section) and `services.<service>.resources.<field>` (one
//   file per service, written with record completion);
// - common/: helpers every service uses (labels, the environment derived
//   from the whole configuration, a container, a Deployment);
// - services/: one module per service, `Configuration.Type → List Resource`
//   with record completion, `//` and `with`, eight objects each;
// - render.dhall: `Render`, the concatenation of every service's objects
//   (320 Kubernetes objects from dhall-kubernetes schemas);
// - package.dhall: `{ Configuration, Render, services }`;
// - projection.dhall, full-render.dhall: the two scenarios of
//   bench/tool_comparison (a default-only projection of the package, 6 KB of
//   JSON; the full render, about 150 MB of JSON).
#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <string>

#include "generated_files.h"

namespace {

using polar::bench::write_generated_file;

constexpr int section_count = 8;
constexpr int group_count = 5;
constexpr int field_count = 8; // 8 * 5 * 8 = 320 global fields
constexpr int service_count = 40;
// Containers per pod besides the application: each gets the whole
// environment, which is what makes the render large (about 150 MB of JSON).
constexpr int sidecar_count = 42;

// The type of global field `f` cycles through the kinds real settings have.
enum class Kind { text, natural, boolean, optional };
Kind kind_of(int field) {
  return static_cast<Kind>(field % 4);
}

const char* type_of(Kind kind) {
  switch (kind) {
  case Kind::text:
    return "Text";
  case Kind::natural:
    return "Natural";
  case Kind::boolean:
    return "Bool";
  case Kind::optional:
    return "Optional Text";
  }
  return "";
}

std::string default_of(Kind kind, int s, int g, int f) {
  switch (kind) {
  case Kind::text:
    return fmt::format("\"value of section{}.group{}.field{}\"", s, g, f);
  case Kind::natural:
    return fmt::format("{}", s * 1000 + g * 100 + f);
  case Kind::boolean:
    return (s + g + f) % 2 == 0 ? "True" : "False";
  case Kind::optional:
    return "None Text";
  }
  return "";
}

// The environment variable's `value` (an `Optional Text`) for a field.
std::string env_value_of(Kind kind, const std::string& path) {
  switch (kind) {
  case Kind::text:
    return fmt::format("Some {}", path);
  case Kind::natural:
    return fmt::format("Some (Natural/show {})", path);
  case Kind::boolean:
    return fmt::format("Some (if {} then \"true\" else \"false\")", path);
  case Kind::optional:
    return path;
  }
  return "";
}

std::string section_file(int s) {
  std::string type = "{ ";
  std::string value = "{ ";
  for (int g = 1; g <= group_count; ++g) {
    type += fmt::format("{}group{} :\n    {{ ", g == 1 ? "" : ", ", g);
    value += fmt::format("{}group{} =\n    {{ ", g == 1 ? "" : ", ", g);
    for (int f = 1; f <= field_count; ++f) {
      const char* separator = f == 1 ? "" : "    , ";
      type += fmt::format("{}field{} : {}\n", separator, f, type_of(kind_of(f)));
      value += fmt::format("{}field{} = {}\n", separator, f, default_of(kind_of(f), s, g, f));
    }
    type += "    }\n";
    value += "    }\n";
  }
  return fmt::format("-- Settings of section {}.\n{{ Type =\n  {}  }}\n, default =\n  {}  }}\n}}\n",
                     s, type, value);
}

std::string global_file() {
  std::string text = "-- The global settings, one file per section.\n";
  for (int s = 1; s <= section_count; ++s) {
    text += fmt::format("let section{0} = ./global/section{0}.dhall\n\n", s);
  }
  text += "in  { Type =\n      { ";
  for (int s = 1; s <= section_count; ++s) {
    text += fmt::format("{0}section{1} : section{1}.Type\n", s == 1 ? "" : "      , ", s);
  }
  text += "      }\n  , default =\n      { ";
  for (int s = 1; s <= section_count; ++s) {
    text += fmt::format("{0}section{1} = section{1}.default\n", s == 1 ? "" : "      , ", s);
  }
  return text + "      }\n  }\n";
}

std::string service_schema_file() {
  return R"(-- The settings of one service.
{ Type =
    { name : Text
    , image : Text
    , port : Natural
    , replicas : Natural
    , sidecars : Natural
    , resources : { cpu : Text, memory : Text }
    }
, default =
  { image = "registry.example.com/platform/service:1.0.0"
  , port = 8080
  , replicas = 2
  , sidecars = )" +
         std::to_string(sidecar_count) +
         R"(
  , resources = { cpu = "250m", memory = "256Mi" }
  }
}
)";
}

std::string service_settings_file(int n) {
  std::string extra = n % 3 == 0 ? fmt::format("\n, replicas = {}", 3 + n % 4) : "";
  std::string resources =
      n % 2 == 0 ? fmt::format("\n, resources = {{ cpu = \"{}m\", memory = \"512Mi\" }}", 100 * n)
                 : "";
  return fmt::format("(../Service.dhall)::{{\n, name = \"service{0}\"\n, port = {1}\n, image = "
                     "\"registry.example.com/platform/service{0}:2.{0}.0\"{2}{3}\n}}\n",
                     n, 8000 + n, extra, resources);
}

std::string services_file() {
  std::string text = "let Service = ./Service.dhall\n\nin  { Type =\n      { ";
  for (int n = 1; n <= service_count; ++n) {
    text += fmt::format("{}service{} : Service.Type\n", n == 1 ? "" : "      , ", n);
  }
  text += "      }\n  , default =\n      { ";
  for (int n = 1; n <= service_count; ++n) {
    text +=
        fmt::format("{0}service{1} = ./services/service{1}.dhall\n", n == 1 ? "" : "      , ", n);
  }
  return text + "      }\n  }\n";
}

std::string configuration_file() {
  return R"(-- The configuration schema: every field has a default.
let Global = ./Global.dhall

let Services = ./Services.dhall

in  { Type = { global : Global.Type, services : Services.Type }
    , default = { global = Global.default, services = Services.default }
    , Global
    , Services
    , Service = ./Service.dhall
    }
)";
}

std::string environment_file() {
  std::string text = R"(-- The environment every container gets: the whole configuration.
let kubernetes = ../kubernetes.dhall

let Configuration = ../configuration/package.dhall

in  λ(config : Configuration.Type) →
      [ )";
  bool first = true;
  for (int s = 1; s <= section_count; ++s) {
    for (int g = 1; g <= group_count; ++g) {
      for (int f = 1; f <= field_count; ++f) {
        auto path = fmt::format("config.global.section{}.group{}.field{}", s, g, f);
        text += fmt::format("{}kubernetes.EnvVar::{{ name = \"SECTION{}_GROUP{}_FIELD{}\", value = "
                            "{} }}\n",
                            first ? "" : "      , ", s, g, f, env_value_of(kind_of(f), path));
        first = false;
      }
    }
  }
  for (int n = 1; n <= service_count; ++n) {
    text += fmt::format("      , kubernetes.EnvVar::{{ name = \"SERVICE{0}_ADDRESS\", value = Some "
                        "\"${{config.services.service{0}.name}}:${{Natural/show "
                        "config.services.service{0}.port}}\" }}\n",
                        n);
  }
  return text + "      ]\n";
}

const char* labels_file = R"(-- The labels of every object of a service.
λ(name : Text) →
  toMap { `app.kubernetes.io/name` = name, `app.kubernetes.io/part-of` = "platform" }
)";

const char* container_file = R"(-- One container with the whole environment.
let kubernetes = ../kubernetes.dhall

let Configuration = ../configuration/package.dhall

in  λ(config : Configuration.Type) →
    λ(service : Configuration.Service.Type) →
    λ(name : Text) →
      kubernetes.Container::{
      , name
      , image = Some service.image
      , env = Some (./environment.dhall config)
      , resources = Some kubernetes.ResourceRequirements::{
        , requests = Some
            ( toMap
                { cpu = service.resources.cpu
                , memory = service.resources.memory
                }
            )
        }
      , volumeMounts = Some
        [ kubernetes.VolumeMount::{ name = "settings", mountPath = "/etc/settings" } ]
      }
)";

const char* deployment_file = R"(-- The Deployment of a service: the application and its sidecars.
let kubernetes = ../kubernetes.dhall

let Prelude = ../Prelude.dhall

let Configuration = ../configuration/package.dhall

let labels = ./labels.dhall

let container = ./container.dhall

in  λ(config : Configuration.Type) →
    λ(service : Configuration.Service.Type) →
      kubernetes.Deployment::{
      , metadata = kubernetes.ObjectMeta::{
        , name = Some service.name
        , labels = Some (labels service.name)
        }
      , spec = Some kubernetes.DeploymentSpec::{
        , replicas = Some service.replicas
        , selector = kubernetes.LabelSelector::{
          , matchLabels = Some (labels service.name)
          }
        , template = kubernetes.PodTemplateSpec::{
          , metadata = Some kubernetes.ObjectMeta::{
            , labels = Some (labels service.name)
            }
          , spec = Some kubernetes.PodSpec::{
            , serviceAccountName = Some service.name
            , containers =
                  [ container config service service.name ]
                # Prelude.List.generate
                    service.sidecars
                    kubernetes.Container.Type
                    ( λ(index : Natural) →
                        container config service "sidecar-${Natural/show index}"
                    )
            , volumes = Some
              [ kubernetes.Volume::{
                , name = "settings"
                , configMap = Some kubernetes.ConfigMapVolumeSource::{
                  , name = Some service.name
                  }
                }
              ]
            }
          }
        }
      }
)";

const char* common_package_file = R"({ labels = ./labels.dhall
, environment = ./environment.dhall
, container = ./container.dhall
, deployment = ./deployment.dhall
}
)";

std::string service_module_file(int n) {
  return fmt::format(R"(-- The objects of service{0}.
let kubernetes = ../kubernetes.dhall

let common = ../common/package.dhall

let Configuration = ../configuration/package.dhall

in  λ(config : Configuration.Type) →
      let service = config.services.service{0}

      let deployment = common.deployment config service

      let worker =
                deployment
            //  {{ metadata =
                    deployment.metadata
                  with name = Some "${{service.name}}-worker"
                }}

      let metadata =
            kubernetes.ObjectMeta::{{
            , name = Some service.name
            , labels = Some (common.labels service.name)
            }}

      in  [ kubernetes.Resource.Deployment deployment
          , kubernetes.Resource.Deployment worker
          , kubernetes.Resource.Service
              kubernetes.Service::{{
              , metadata
              , spec = Some kubernetes.ServiceSpec::{{
                , selector = Some (common.labels service.name)
                , ports = Some
                  [ kubernetes.ServicePort::{{
                    , port = 80
                    , targetPort = Some (kubernetes.NatOrString.Nat service.port)
                    }}
                  ]
                }}
              }}
          , kubernetes.Resource.ConfigMap
              kubernetes.ConfigMap::{{
              , metadata
              , data = Some
                  ( toMap
                      {{ service = service.name
                      , section = config.global.section{1}.group1.field4
                      }}
                  )
              }}
          , kubernetes.Resource.ServiceAccount kubernetes.ServiceAccount::{{ metadata }}
          , kubernetes.Resource.PodDisruptionBudget
              kubernetes.PodDisruptionBudget::{{
              , metadata
              , spec = Some kubernetes.PodDisruptionBudgetSpec::{{
                , minAvailable = Some (kubernetes.NatOrString.Nat 1)
                , selector = Some kubernetes.LabelSelector::{{
                  , matchLabels = Some (common.labels service.name)
                  }}
                }}
              }}
          , kubernetes.Resource.Role
              kubernetes.Role::{{
              , metadata
              , rules = Some
                [ kubernetes.PolicyRule::{{
                  , verbs = [ "get", "list", "watch" ]
                  , apiGroups = Some [ "" ]
                  , resources = Some [ "configmaps" ]
                  , resourceNames = Some [ service.name ]
                  }}
                ]
              }}
          , kubernetes.Resource.RoleBinding
              kubernetes.RoleBinding::{{
              , metadata
              , roleRef =
                {{ apiGroup = "rbac.authorization.k8s.io"
                , kind = "Role"
                , name = service.name
                }}
              , subjects = Some
                [ kubernetes.Subject::{{ kind = "ServiceAccount", name = service.name }} ]
              }}
          ]
)",
                     n, 1 + n % section_count);
}

std::string render_file() {
  std::string text = R"(-- Render: the configuration to every Kubernetes object.
let kubernetes = ./kubernetes.dhall

let Configuration = ./configuration/package.dhall

in  λ(config : Configuration.Type) →
      )";
  for (int n = 1; n <= service_count; ++n) {
    text += fmt::format("{}./services/service{}.dhall config\n", n == 1 ? "  " : "      # ", n);
  }
  return text + "      : List kubernetes.Resource\n";
}

std::string package_file() {
  std::string text =
      "{ Configuration = ./configuration/package.dhall\n, Render = ./render.dhall\n, services =\n"
      "  { ";
  for (int n = 1; n <= service_count; ++n) {
    text += fmt::format("{0}service{1} = ./services/service{1}.dhall\n", n == 1 ? "" : "  , ", n);
  }
  return text + "  }\n}\n";
}

const char* projection_file =
    R"(-- Scenario: a small projection of the package (the default global settings).
(./package.dhall).Configuration.Global::{=}
)";

const char* full_render_file = R"(-- Scenario: the full render of a customized configuration.
let package = ./package.dhall

let Configuration = package.Configuration

in  package.Render
      Configuration::{
      , global =
              Configuration.Global.default
          with section1.group1.field4 = "production"
          with section2.group3.field1 = 42
      , services =
              Configuration.Services.default
          //  { service1 =
                  Configuration.Services.default.service1 with replicas = 5
              }
      }
)";

} // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: generate_deployment_package <output dir> <dhall-kubernetes package.dhall> "
               "<Prelude package.dhall>\n",
               stderr);
    return 2;
  }
  try {
    std::filesystem::path out = argv[1];
    write_generated_file(out, "kubernetes.dhall", std::string(argv[2]) + "\n");
    write_generated_file(out, "Prelude.dhall", std::string(argv[3]) + "\n");
    for (int s = 1; s <= section_count; ++s) {
      write_generated_file(out, fmt::format("configuration/global/section{}.dhall", s),
                           section_file(s));
    }
    write_generated_file(out, "configuration/Global.dhall", global_file());
    write_generated_file(out, "configuration/Service.dhall", service_schema_file());
    for (int n = 1; n <= service_count; ++n) {
      write_generated_file(out, fmt::format("configuration/services/service{}.dhall", n),
                           service_settings_file(n));
      write_generated_file(out, fmt::format("services/service{}.dhall", n), service_module_file(n));
    }
    write_generated_file(out, "configuration/Services.dhall", services_file());
    write_generated_file(out, "configuration/package.dhall", configuration_file());
    write_generated_file(out, "common/labels.dhall", labels_file);
    write_generated_file(out, "common/environment.dhall", environment_file());
    write_generated_file(out, "common/container.dhall", container_file);
    write_generated_file(out, "common/deployment.dhall", deployment_file);
    write_generated_file(out, "common/package.dhall", common_package_file);
    write_generated_file(out, "render.dhall", render_file());
    write_generated_file(out, "package.dhall", package_file());
    write_generated_file(out, "projection.dhall", projection_file);
    write_generated_file(out, "full-render.dhall", full_render_file);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_deployment_package: %s\n", error.what());
    return 1;
  }
  return 0;
}
