#include "release/oci_push.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "chart/files.h"
#include "release/chart_package.h"
#include "release/detail/registry_credentials.h"
#include "release/registry_error.h"

namespace polar::release {
namespace {

TEST(OciReference, HostAndRepository) {
  OciReference reference = parse_oci_reference("oci://127.0.0.1:5000/team/charts/");
  EXPECT_EQ(reference.host, "127.0.0.1:5000");
  EXPECT_EQ(reference.repository, "team/charts");
  EXPECT_THROW(parse_oci_reference("https://h/r"), RegistryError);
  EXPECT_THROW(parse_oci_reference("oci://hostonly"), RegistryError);
  EXPECT_THROW(parse_oci_reference("oci://h/Upper"), RegistryError);
}

TEST(OciReference, TagWritesPlusAsUnderscore) {
  EXPECT_EQ(tag_for_version("1.2.3+build.4"), "1.2.3_build.4");
}

TEST(RegistryCredentials, FromAuthOrUsernameAndPassword) {
  std::string config = R"({"auths":{"https://reg.example:5000":{"auth":"dXNlcjpwYTpzcw=="},
                           "other":{"username":"u","password":"p"}}})";
  auto found = credentials_from_config(config, "reg.example:5000", "config.json");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->username, "user");
  EXPECT_EQ(found->password, "pa:ss"); // split at the first colon
  auto other = credentials_from_config(config, "other", "config.json");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->password, "p");
  EXPECT_FALSE(credentials_from_config(config, "absent", "config.json"));
}

TEST(RegistryCredentials, ErrorsNameTheSourceNotTheContents) {
  try {
    (void)credentials_from_config("{\"auths\": [hunter2", "h", "DOCKER_AUTH_JSON");
    FAIL() << "expected an error";
  } catch (const RegistryError& error) {
    EXPECT_EQ(std::string(error.what()), "DOCKER_AUTH_JSON is not valid JSON");
  }
  try {
    (void)credentials_from_config(R"({"auths":{"h":{"auth":"hunter2!"}}})", "h", "c.json");
    FAIL() << "expected an error";
  } catch (const RegistryError& error) {
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos);
  }
}

ChartContents demo_chart() {
  ChartContents chart;
  chart.name = "demo";
  chart.version = "1.0.0";
  chart.entries = {{"demo/Chart.yaml", "version: 1.0.0\nname: demo\napiVersion: v2\n"
                                       "dependencies:\n- name: sub\n  version: 0.1.0\n"
                                       "home: https://example.org\nsources: [https://src]\n"},
                   {"demo/values.yaml", "a: 1\n"}};
  return chart;
}

TEST(ChartArtifact, ConfigInHelmsFieldOrderAndNoClockTime) {
  ::unsetenv("SOURCE_DATE_EPOCH");
  ChartArtifact artifact = chart_artifact(package_bytes(demo_chart(), 0));
  EXPECT_EQ(artifact.config,
            R"({"name":"demo","home":"https://example.org","sources":["https://src"],)"
            R"("version":"1.0.0","apiVersion":"v2",)"
            R"("dependencies":[{"name":"sub","version":"0.1.0","repository":""}]})");
  EXPECT_EQ(artifact.manifest.find("created"), std::string::npos);
  EXPECT_NE(artifact.manifest.find(R"("org.opencontainers.image.url":"https://example.org")"),
            std::string::npos);
  EXPECT_NE(artifact.manifest.find(R"("org.opencontainers.image.source":"https://src")"),
            std::string::npos);
  EXPECT_EQ(artifact.manifest_digest, sha256_digest(artifact.manifest));
  EXPECT_EQ(artifact.layer_digest, sha256_digest(package_bytes(demo_chart(), 0)));
  EXPECT_EQ(chart_artifact(package_bytes(demo_chart(), 0)).manifest, artifact.manifest);
}

TEST(ChartArtifact, SourceDateEpochIsTheCreatedTimeInUtc) {
  ::setenv("SOURCE_DATE_EPOCH", "0", 1);
  ChartArtifact artifact = chart_artifact(package_bytes(demo_chart(), 0));
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(artifact.manifest.find(R"("org.opencontainers.image.created":"1970-01-01T00:00:00Z")"),
            std::string::npos);
}

TEST(ChartArtifact, RejectsWhatIsNotAChartPackage) {
  EXPECT_THROW((void)chart_artifact("not gzip"), chart::ChartError);
}

} // namespace
} // namespace polar::release

namespace polar::release {
namespace {

TEST(OciReference, FluxFormWithATag) {
  TaggedReference tagged = parse_tagged_oci_reference("oci://127.0.0.1:5000/apps/polar:v1", "x");
  EXPECT_EQ(tagged.where.host, "127.0.0.1:5000");
  EXPECT_EQ(tagged.where.repository, "apps/polar");
  EXPECT_EQ(tagged.tag, "v1");
  TaggedReference untagged = parse_tagged_oci_reference("oci://127.0.0.1:5000/apps", "latest");
  EXPECT_EQ(untagged.where.repository, "apps");
  EXPECT_EQ(untagged.tag, "latest");
  EXPECT_THROW(parse_tagged_oci_reference("oci://h/apps:bad+tag", "x"), RegistryError);
}

} // namespace
} // namespace polar::release
