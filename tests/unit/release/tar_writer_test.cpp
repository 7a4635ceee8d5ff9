#include "release/detail/tar_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace polar::release {
namespace {

std::string field(const std::string& archive, std::size_t header, std::size_t offset,
                  std::size_t size) {
  return archive.substr(header + offset, size);
}

unsigned byte_sum_with_blank_checksum(const std::string& archive, std::size_t header) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i) {
    bool in_checksum = i >= 148 && i < 156;
    sum += in_checksum ? ' ' : static_cast<unsigned char>(archive[header + i]);
  }
  return sum;
}

TEST(TarWriter, WritesUstarHeadersWithFixedOwnerTimeAndMode) {
  TarWriter tar(1700000000);
  tar.add_file("polar/Chart.yaml", "name: polar\n");
  std::string archive = std::move(tar).finish();
  ASSERT_EQ(archive.size(), 512U + 512U + 1024U); // header, padded data, end
  EXPECT_EQ(field(archive, 0, 0, 17), std::string("polar/Chart.yaml\0", 17));
  EXPECT_EQ(field(archive, 0, 100, 8), std::string("0000644\0", 8));
  EXPECT_EQ(field(archive, 0, 108, 8), std::string("0000000\0", 8)); // uid
  EXPECT_EQ(field(archive, 0, 116, 8), std::string("0000000\0", 8)); // gid
  EXPECT_EQ(field(archive, 0, 124, 12), std::string("00000000014\0", 12));
  EXPECT_EQ(field(archive, 0, 136, 12), std::string("14524770400\0", 12)); // 1700000000
  EXPECT_EQ(archive[156], '0');
  EXPECT_EQ(field(archive, 0, 257, 8), std::string("ustar\0"
                                                   "00",
                                                   8));
  EXPECT_EQ(field(archive, 0, 265, 64), std::string(64, '\0')); // no user or group names
  EXPECT_EQ(field(archive, 0, 512, 12), "name: polar\n");
  EXPECT_EQ(archive.substr(1024), std::string(1024, '\0'));
}

TEST(TarWriter, ChecksumIsTheByteSumInSixOctalDigitsNulSpace) {
  TarWriter tar(0);
  tar.add_file("a.txt", "a");
  std::string archive = std::move(tar).finish();
  unsigned expected = byte_sum_with_blank_checksum(archive, 0);
  std::string checksum = field(archive, 0, 148, 8);
  EXPECT_EQ(checksum[6], '\0');
  EXPECT_EQ(checksum[7], ' ');
  EXPECT_EQ(std::stoul(checksum.substr(0, 6), nullptr, 8), expected);
}

TEST(TarWriter, SplitsLongNamesIntoPrefixAndName) {
  std::string folder(120, 'd');
  UstarName split = split_ustar_name(folder + "/file.yaml");
  EXPECT_FALSE(split.needs_pax);
  EXPECT_EQ(split.prefix, folder);
  EXPECT_EQ(split.name, "file.yaml");
  EXPECT_EQ(split_ustar_name("short/name").name, "short/name");
  EXPECT_TRUE(split_ustar_name(std::string(101, 'x')).needs_pax);        // no `/` to split at
  EXPECT_TRUE(split_ustar_name(std::string(200, 'p') + "/f").needs_pax); // prefix too long
  EXPECT_TRUE(split_ustar_name("p/" + std::string(101, 'n')).needs_pax); // name too long
}

TEST(TarWriter, PaxRecordLengthCountsItsOwnDigits) {
  EXPECT_EQ(pax_record("path", "a"), "9 path=a\n");
  // " path=" + 91 + "\n" is 98 bytes: two more digits make 100, which needs three.
  std::string record = pax_record("path", std::string(91, 'v'));
  EXPECT_EQ(record.substr(0, 4), "101 ");
  EXPECT_EQ(record.size(), 101U);
  record = pax_record("path", std::string(90, 'v')); // 97 + "99" fits two digits
  EXPECT_EQ(record.substr(0, 3), "99 ");
  EXPECT_EQ(record.size(), 99U);
}

TEST(TarWriter, WritesAPaxHeaderBeforeANameUstarCannotHold) {
  std::string name = "chart/" + std::string(150, 'n') + ".yaml";
  TarWriter tar(0);
  tar.add_file(name, "x");
  std::string archive = std::move(tar).finish();
  EXPECT_EQ(archive[156], 'x'); // the pax header first
  std::string records = pax_record("path", name);
  EXPECT_EQ(archive.substr(512, records.size()), records);
  std::size_t file_header = 512 + 512; // the records fit one block
  EXPECT_EQ(archive[file_header + 156], '0');
  EXPECT_EQ(byte_sum_with_blank_checksum(archive, file_header),
            std::stoul(field(archive, file_header, 148, 6), nullptr, 8));
}

TEST(TarWriter, SameInputSameBytes) {
  auto make = [] {
    TarWriter tar(42);
    tar.add_file("c/Chart.yaml", "name: c\n");
    tar.add_file("c/values.yaml", std::string(700, 'v'));
    return std::move(tar).finish();
  };
  EXPECT_EQ(make(), make());
  TarWriter later(43);
  later.add_file("c/Chart.yaml", "name: c\n");
  later.add_file("c/values.yaml", std::string(700, 'v'));
  EXPECT_NE(make(), std::move(later).finish()); // the time is in the bytes
}

TEST(TarWriter, RejectsEmptyNamesAndTimesBefore1970) {
  TarWriter tar(0);
  EXPECT_THROW(tar.add_file("", "x"), std::invalid_argument);
  TarWriter early(-1);
  EXPECT_THROW(early.add_file("a", "x"), std::invalid_argument);
}

} // namespace
} // namespace polar::release
