// The one output writer: CSV text, the all-or-nothing publication of an output set,
// what it carries over, what a failure leaves, and concurrent runs into one folder.

#include "corridor/core/output.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "corridor/error.hpp"

namespace corridor::core {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("corridor_output_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int count_entries(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(CsvWriter, QuotesCommaQuoteCrAndLf) {
  CsvWriter w({"a", "b,c"});
  w.add_row({"plain", "say \"hi\""});
  w.add_row({"cr\rhere", "lf\nhere"});
  EXPECT_EQ(w.str(), "a,\"b,c\"\nplain,\"say \"\"hi\"\"\"\n\"cr\rhere\",\"lf\nhere\"\n");
  EXPECT_EQ(CsvWriter::field("Алматы 阿拉木图"), "Алматы 阿拉木图");
}

TEST(OutputSet, FirstPublishCreatesTheFolderWithEveryFile) {
  const fs::path root = fresh_dir("first");
  const fs::path dir = root / "a" / "b" / "out";
  OutputSet set(dir);
  set.add("x.json", "{}\n");
  set.add("y.csv", "h\n1\n");
  set.publish();
  EXPECT_EQ(slurp(dir / "x.json"), "{}\n");
  EXPECT_EQ(slurp(dir / "y.csv"), "h\n1\n");
  EXPECT_EQ(count_entries(dir), 2);
  EXPECT_EQ(count_entries(root / "a" / "b"), 1);  // no temporary folder left beside it
  fs::remove_all(root);
}

TEST(OutputSet, RepublishReplacesItsFilesAndKeepsEverythingElse) {
  const fs::path root = fresh_dir("again");
  const fs::path dir = root / "out";
  fs::create_directories(dir / "compare");
  std::ofstream(dir / "x.json") << "old";
  std::ofstream(dir / "sim.json") << "another command's";
  std::ofstream(dir / "compare" / "compare.json") << "nested";
  OutputSet set(dir);
  set.add("x.json", "new");
  set.publish();
  EXPECT_EQ(slurp(dir / "x.json"), "new");
  EXPECT_EQ(slurp(dir / "sim.json"), "another command's");
  EXPECT_EQ(slurp(dir / "compare" / "compare.json"), "nested");
  EXPECT_EQ(count_entries(root), 1);
  fs::remove_all(root);
}

TEST(OutputSet, AFileInPlaceOfTheFolderIsRefusedAndLeftAlone) {
  const fs::path root = fresh_dir("file");
  std::ofstream(root / "out") << "keep me";
  OutputSet set(root / "out");
  set.add("x.json", "{}");
  try {
    set.publish();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kOutputFailed);
    EXPECT_NE(e.diagnostics()[0].message.find("not a folder"), std::string::npos);
  }
  EXPECT_EQ(slurp(root / "out"), "keep me");
  EXPECT_EQ(count_entries(root), 1);
  fs::remove_all(root);
}

TEST(OutputSet, AFileInPlaceOfAParentLeavesNothingBehind) {
  const fs::path root = fresh_dir("parent");
  std::ofstream(root / "file") << "x";
  OutputSet set(root / "file" / "deeper" / "out");
  set.add("x.json", "{}");
  EXPECT_THROW(set.publish(), InputError);
  EXPECT_EQ(count_entries(root), 1);
  fs::remove_all(root);
}

TEST(PublishFile, ReplacesAtomicallyAndLeavesNoTemporaryFile) {
  const fs::path root = fresh_dir("single");
  publish_file(root / "sub" / "model.lp", "one");
  publish_file(root / "sub" / "model.lp", "two");
  EXPECT_EQ(slurp(root / "sub" / "model.lp"), "two");
  EXPECT_EQ(count_entries(root / "sub"), 1);
  EXPECT_THROW(publish_file(root / "sub", "a folder"), InputError);
  fs::remove_all(root);
}

// Two writers publish sets whose two files carry the same generation stamp; a reader
// opens the folder once per look and reads both files through that descriptor. It
// must never see files of two different generations (a mix), whatever the timing.
TEST(OutputSet, ConcurrentRunsNeverLeaveOrShowAMix) {
  const fs::path root = fresh_dir("race");
  const fs::path dir = root / "out";
  constexpr int kRounds = 150;
  std::atomic<bool> done{false};
  std::atomic<int> mixes{0}, looks{0};
  auto writer = [&](int id) {
    for (int i = 0; i < kRounds; ++i) {
      const std::string stamp = std::to_string(id) + ":" + std::to_string(i);
      OutputSet set(dir);
      set.add("a.txt", stamp);
      set.add("b.txt", stamp + std::string(4096, '.'));
      set.publish();
    }
  };
  auto read_at = [](int dfd, const char* name) {
    const int fd = ::openat(dfd, name, O_RDONLY);
    if (fd < 0) return std::string();
    std::string text(8192, '\0');
    const ssize_t n = ::read(fd, text.data(), text.size());
    ::close(fd);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return text.substr(0, text.find('.'));
  };
  std::thread reader([&] {
    while (!done) {
      const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
      if (dfd < 0) continue;
      const std::string a = read_at(dfd, "a.txt");
      const std::string b = read_at(dfd, "b.txt");
      ::close(dfd);
      // Empty: the old folder was being removed under the reader; not a mix.
      if (a.empty() || b.empty()) continue;
      ++looks;
      if (a != b) ++mixes;
    }
  });
  std::thread w1(writer, 1), w2(writer, 2);
  w1.join();
  w2.join();
  done = true;
  reader.join();
  EXPECT_EQ(mixes.load(), 0) << "of " << looks.load() << " looks";
  EXPECT_GT(looks.load(), 0);
  const std::string a = slurp(dir / "a.txt");
  EXPECT_EQ(slurp(dir / "b.txt").substr(0, a.size()), a);
  EXPECT_TRUE(a == "1:" + std::to_string(kRounds - 1) || a == "2:" + std::to_string(kRounds - 1));
  EXPECT_EQ(count_entries(dir), 2);
  EXPECT_EQ(count_entries(root), 1);
  fs::remove_all(root);
}

}  // namespace
}  // namespace corridor::core
