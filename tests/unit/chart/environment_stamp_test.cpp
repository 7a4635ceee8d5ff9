// Environment stamps: a stamp changes exactly when a variable its render read
// changes, and a secret render's stamp never holds a value.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "chart/environment_stamp.h"
#include "chart/files.h"
#include "scratch_folder.h"

namespace polar::chart {
namespace {

namespace fs = std::filesystem;
using testing::ScratchFolder;

// A fake environment the tests change between builds.
struct Environment {
  std::map<std::string, std::string> variables;

  dhall::EnvironmentLookup lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto found = variables.find(name);
      if (found == variables.end()) {
        return std::nullopt;
      }
      return found->second;
    };
  }
};

// Sets the stamp's modification time back, so that a rewrite shows as a
// change whatever the file system's time resolution.
void age(const fs::path& stamp) {
  fs::last_write_time(stamp, fs::last_write_time(stamp) - std::chrono::hours(1));
}

TEST(EnvironmentStamp, ChangesOnlyWhenAValueItsRenderReadChanges) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "env/values.yaml.env";
  Environment environment{{{"TAG", "v1"}, {"UNRELATED", "a"}}};
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  record_environment_reads(stamp, {"OPTIONAL", "TAG"}, StampValues::recorded, environment.lookup());
  age(stamp);
  auto written = fs::last_write_time(stamp);

  environment.variables["UNRELATED"] = "b";
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
  EXPECT_EQ(fs::last_write_time(stamp), written);

  environment.variables["TAG"] = "v2";
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  EXPECT_NE(fs::last_write_time(stamp), written);
  // The render, running next, finds the stamp as it would write it.
  age(stamp);
  written = fs::last_write_time(stamp);
  record_environment_reads(stamp, {"OPTIONAL", "TAG"}, StampValues::recorded, environment.lookup());
  EXPECT_EQ(fs::last_write_time(stamp), written);

  // Setting a variable that was unset (a `?` fell back from it) counts too.
  environment.variables["OPTIONAL"] = "";
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
}

TEST(EnvironmentStamp, ValuesWithNewlinesAndOddNamesReadBack) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "a.env";
  Environment environment{{{"a b", "x\n3:y\n"}, {"C\nD", " unset\n"}}};
  record_environment_reads(stamp, {"C\nD", "a b"}, StampValues::recorded, environment.lookup());
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
  environment.variables["a b"] = "x\n3:z\n";
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
}

TEST(EnvironmentStamp, ASecretStampHoldsNoValueAndIsRenewedOnEveryCheck) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "db-secret.yaml.env";
  Environment environment{{{"DB_PASSWORD", "hunter2-correct-horse"}}};
  record_environment_reads(stamp, {"DB_PASSWORD"}, StampValues::withheld, environment.lookup());
  EXPECT_EQ(read_file(stamp).find("hunter2"), std::string::npos) << read_file(stamp);
  EXPECT_NE(read_file(stamp).find("DB_PASSWORD"), std::string::npos) << read_file(stamp);
  age(stamp);
  auto written = fs::last_write_time(stamp);
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::renewed);
  EXPECT_NE(fs::last_write_time(stamp), written);
  EXPECT_EQ(read_file(stamp).find("hunter2"), std::string::npos);
}

// A secret whose variables are all unset rendered its fallbacks, which are
// in its source: it re-renders when one is set, not on every build.
TEST(EnvironmentStamp, ASecretWhoseVariablesAreUnsetWaitsForOneToBeSet) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "db-secret.yaml.env";
  Environment environment;
  record_environment_reads(stamp, {"DB_PASSWORD", "DB_USER"}, StampValues::withheld,
                           environment.lookup());
  age(stamp);
  auto written = fs::last_write_time(stamp);
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
  EXPECT_EQ(fs::last_write_time(stamp), written);

  environment.variables["DB_USER"] = "admin-user-value";
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  EXPECT_EQ(read_file(stamp).find("admin-user-value"), std::string::npos) << read_file(stamp);
  record_environment_reads(stamp, {"DB_PASSWORD", "DB_USER"}, StampValues::withheld,
                           environment.lookup());
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::renewed);

  environment.variables.erase("DB_USER");
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
}

TEST(EnvironmentStamp, ASecretThatReadNothingIsLeftAlone) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "tls-secret.yaml.env";
  Environment environment;
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  record_environment_reads(stamp, {}, StampValues::withheld, environment.lookup());
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
}

TEST(EnvironmentStamp, ARenderThatReadNothingLeavesAMissingOrEmptyStampAlone) {
  ScratchFolder folder;
  fs::path missing = folder.path() / "env/config.yaml.env";
  Environment environment{{{"TAG", "v1"}}};
  record_environment_reads(missing, {}, StampValues::recorded, environment.lookup());
  EXPECT_FALSE(fs::exists(missing));

  // An unwatched render's stamp: empty until the render reads a variable.
  fs::path unwatched = folder.path() / "env/tagged.yaml.env";
  write_file_atomically(unwatched, "");
  record_environment_reads(unwatched, {}, StampValues::recorded, environment.lookup());
  EXPECT_EQ(read_file(unwatched), "");
  record_environment_reads(unwatched, {"TAG"}, StampValues::recorded, environment.lookup());
  EXPECT_NE(read_file(unwatched).find("TAG"), std::string::npos);
}

TEST(EnvironmentStamp, AStampNotWrittenByPolarHelmIsReplaced) {
  ScratchFolder folder;
  fs::path stamp = folder.path() / "x.env";
  write_file_atomically(stamp, "garbage\n12:short");
  Environment environment;
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::rewritten);
  EXPECT_EQ(check_environment_stamp(stamp, environment.lookup()), StampCheck::unchanged);
}

// The variables check depends on the changes file: it is written when a
// stamp was rewritten or when it is missing, and left alone when a render
// wrote its stamp or a secret's stamp was only renewed (issue #17).
TEST(EnvironmentStamp, TheChangesFileMovesOnlyWhenAStampWasRewritten) {
  ScratchFolder folder;
  fs::path plain = folder.path() / "env/plain.env";
  fs::path secret = folder.path() / "env/secret.env";
  fs::path changes = folder.path() / "env-changes";
  Environment environment{{{"TAG", "v1"}, {"PASSWORD", "p1"}}};
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  ASSERT_TRUE(fs::exists(changes)); // new stamps
  record_environment_reads(plain, {"TAG"}, StampValues::recorded, environment.lookup());
  record_environment_reads(secret, {"PASSWORD"}, StampValues::withheld, environment.lookup());
  age(changes);
  auto written = fs::last_write_time(changes);

  // The renders' own stamps and the renewed secret stamp: no change.
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  EXPECT_EQ(fs::last_write_time(changes), written);
  environment.variables["PASSWORD"] = "p2"; // unknowable: renewed, not rewritten
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  EXPECT_EQ(fs::last_write_time(changes), written);

  environment.variables.erase("PASSWORD"); // unset: the secret's stamp says so
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  EXPECT_NE(fs::last_write_time(changes), written);
  age(changes);
  written = fs::last_write_time(changes);

  environment.variables["TAG"] = "v2";
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  EXPECT_NE(fs::last_write_time(changes), written);

  fs::remove(changes); // a missing one is written, whatever the stamps say
  check_environment_stamps({plain, secret}, {}, environment.lookup(), changes);
  EXPECT_TRUE(fs::exists(changes));
}

} // namespace
} // namespace polar::chart
