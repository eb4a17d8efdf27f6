// Uploads from anyone on the network: archives are built here with libzip, each with
// one hostile feature (a path leaving the folder, a symlink, a zip bomb, too many
// entries), and each must be refused with the entry named, while a normal folder
// round-trips byte for byte.

#include "upload.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <string>
#include <vector>

namespace corridor::server {
namespace {

struct Entry {
  std::string name;
  std::string content;
  bool symlink = false;
};

/// A zip archive of `entries`, made by libzip itself (so names are stored as given).
std::string make_zip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& e : entries) {
    zip_source_t* s = zip_source_buffer(z, e.content.data(), e.content.size(), 0);
    const zip_int64_t i = zip_file_add(z, e.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(i, 0) << e.name;
    if (e.symlink)
      zip_file_set_external_attributes(z,
                                       static_cast<zip_uint64_t>(i),
                                       0,
                                       ZIP_OPSYS_UNIX,
                                       static_cast<zip_uint32_t>(S_IFLNK | 0777) << 16);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string bytes;
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  bytes.resize(static_cast<std::size_t>(zip_source_tell(out)));
  zip_source_seek(out, 0, SEEK_SET);
  zip_source_read(out, bytes.data(), bytes.size());
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

std::vector<UploadProblem> problems_of(const std::string& archive,
                                       const UploadLimits& limits = {}) {
  try {
    unzip(archive, limits);
  } catch (const UploadError& e) {
    return e.problems();
  }
  return {};
}

TEST(Upload, AFolderRoundTripsAndItsTopFolderIsStripped) {
  const Files files = {{"scenario.yaml", "name: t\n"},
                       {"nodes.csv", "id,name\nA,Алматы 阿拉木图\n"},
                       {"sub/README.md", std::string("bytes\0with NUL", 14)}};
  const Files back = unzip(zip(files, "kz-xj"));
  EXPECT_EQ(back, files);
}

TEST(Upload, FilesAtTheTopStayAsTheyAre) {
  const Files back = unzip(make_zip({{"scenario.yaml", "a"}, {"nodes.csv", "b"}}));
  EXPECT_EQ(back, (Files{{"scenario.yaml", "a"}, {"nodes.csv", "b"}}));
}

TEST(Upload, PathsLeavingTheFolderAreRefusedAndNamed) {
  const auto p = problems_of(make_zip({{"ok.csv", "x"},
                                       {"../evil.csv", "x"},
                                       {"/etc/passwd", "x"},
                                       {"a/../../b.csv", "x"},
                                       {"c:\\windows.csv", "x"},
                                       {".hidden", "x"}}));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].file, "../evil.csv");
  EXPECT_NE(p[0].message.find(".."), std::string::npos);
  EXPECT_EQ(p[1].file, "/etc/passwd");
  EXPECT_NE(p[1].message.find("absolute"), std::string::npos);
  EXPECT_EQ(p[2].file, "a/../../b.csv");
  EXPECT_EQ(p[3].file, "c:\\windows.csv");
  EXPECT_EQ(p[4].file, ".hidden");
}

TEST(Upload, SymlinksAreRefused) {
  const auto p = problems_of(make_zip({{"nodes.csv", "x"}, {"link.csv", "/etc/shadow", true}}));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].file, "link.csv");
  EXPECT_NE(p[0].message.find("symbolic link"), std::string::npos);
}

TEST(Upload, AZipBombStopsAtTheCapNotAtItsClaimedSize) {
  // 8 MB of zeros deflate to a few KB; with a 1 MB cap the entry is refused after
  // inflating just past the cap.
  const std::string zeros(8u << 20, '\0');
  const std::string bomb = make_zip({{"nodes.csv", zeros}});
  ASSERT_LT(bomb.size(), 64u << 10);
  UploadLimits limits;
  limits.max_file_bytes = 1u << 20;
  limits.max_total_bytes = 2u << 20;
  const auto p = problems_of(bomb, limits);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].file, "nodes.csv");
  EXPECT_NE(p[0].message.find("zip bomb"), std::string::npos);
}

TEST(Upload, TheTotalIsCappedAcrossEntries) {
  UploadLimits limits;
  limits.max_file_bytes = 1000;
  limits.max_total_bytes = 1500;
  const auto p = problems_of(
      make_zip({{"a.csv", std::string(800, 'a')}, {"b.csv", std::string(800, 'b')}}), limits);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].file, "b.csv");
}

TEST(Upload, TooManyEntriesAreRefusedBeforeReading) {
  std::vector<Entry> many;
  for (int i = 0; i < 12; ++i) many.push_back({"f" + std::to_string(i) + ".csv", "x"});
  UploadLimits limits;
  limits.max_entries = 10;
  const auto p = problems_of(make_zip(many), limits);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].message.find("too many entries: 12"), std::string::npos);
}

TEST(Upload, NotAZipIsSaidSo) {
  const auto p = problems_of("PK\x03\x04 this is not really a zip");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].message.find("not a zip archive"), std::string::npos);
}

TEST(Upload, FileNamesMustBeCleanUtf8) {
  EXPECT_EQ(unsafe_path_reason("nodes.csv"), "");
  EXPECT_EQ(unsafe_path_reason("данные/узлы.csv"), "");
  EXPECT_NE(unsafe_path_reason("bad\xff.csv"), "");
  EXPECT_NE(unsafe_path_reason(std::string("a\0b", 3)), "");
  EXPECT_NE(unsafe_path_reason("a//b"), "");
  EXPECT_NE(unsafe_path_reason("tab\there"), "");
}

TEST(Upload, CheckFilesAppliesTheSameRulesToJsonUploads) {
  EXPECT_NO_THROW(check_files({{"scenario.yaml", "x"}}));
  try {
    check_files({{"../x", "y"}, {"ok", "z"}});
    FAIL() << "accepted a path leaving the folder";
  } catch (const UploadError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].file, "../x");
  }
}

}  // namespace
}  // namespace corridor::server
