// The one output writer (include/corridor/core/output.hpp): CSV text and the atomic
// publication of a command's output set.

#include "corridor/core/output.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <system_error>

#include "corridor/error.hpp"

namespace corridor::core {

namespace fs = std::filesystem;

namespace {

std::mutex g_published_mutex;
std::vector<std::string> g_published;

void remember(const fs::path& p) {
  const std::lock_guard lock(g_published_mutex);
  g_published.push_back(p.string());
}

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw InputError(
      {Diagnostic{ErrorCode::kOutputFailed, Severity::kError, path.string(), 0, 0, "", what}});
}

std::string errno_text(int err) { return std::strerror(err); }

// A temporary entry of a publish in progress (ours or a concurrent run's): never
// carried over into a new set.
bool is_temporary_name(const std::string& name) {
  return !name.empty() && name.front() == '.' && name.find(".tmp-") != std::string::npos;
}

// Writes `content` to a new file and fsyncs it, so ENOSPC shows up here and not later.
// Takes ownership of `fd`.
void write_and_close(int fd, const fs::path& p, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      fail(p, "cannot write file: " + errno_text(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(p, "cannot write file: " + errno_text(err));
  }
  if (::close(fd) != 0) fail(p, "cannot write file: " + errno_text(errno));
}

void write_new_file(const fs::path& p, std::string_view content) {
  const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(p, "cannot create file: " + errno_text(errno));
  write_and_close(fd, p, content);
}

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename is what makes the set visible
  ::fsync(fd);
  ::close(fd);
}

// Creates the missing ancestors of `dir` (not `dir` itself) and returns them,
// outermost first, so a failed publish can remove exactly what it created.
std::vector<fs::path> create_parents(const fs::path& dir) {
  std::vector<fs::path> missing;
  for (fs::path p = dir.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    std::error_code ec;
    if (fs::exists(p, ec)) {
      if (!fs::is_directory(p, ec)) fail(p, "exists and is not a folder");
      break;
    }
    missing.push_back(p);
  }
  std::vector<fs::path> created;
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) {
      const int err = errno;
      for (auto c = created.rbegin(); c != created.rend(); ++c) ::rmdir(c->c_str());
      fail(*it, "cannot create folder: " + errno_text(err));
    }
    created.push_back(*it);
  }
  return created;
}

// Mirrors `from` into `to` by hard links (a copy where a link is refused), skipping
// the names the new set replaces and temporary entries.
void carry_over(const fs::path& from,
                const fs::path& to,
                const std::vector<std::pair<std::string, std::string>>* replaced) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    const std::string name = entry.path().filename().string();
    if (is_temporary_name(name)) continue;
    bool ours = false;
    if (replaced)
      for (const auto& [n, c] : *replaced) ours = ours || n == name;
    if (ours) continue;
    const fs::path dest = to / name;
    const auto status = entry.symlink_status(ec);
    if (fs::is_symlink(status)) {
      fs::copy_symlink(entry.path(), dest, ec);
    } else if (fs::is_directory(status)) {
      if (::mkdir(dest.c_str(), 0755) != 0)
        fail(dest, "cannot create folder: " + errno_text(errno));
      carry_over(entry.path(), dest, nullptr);
    } else if (::link(entry.path().c_str(), dest.c_str()) != 0) {
      fs::copy_file(entry.path(), dest, ec);
    }
    if (ec) fail(dest, "cannot carry over the existing entry: " + ec.message());
  }
  if (ec) fail(from, "cannot read the existing folder: " + ec.message());
}

fs::path make_temp_dir(const fs::path& parent, const std::string& stem) {
  std::string pattern = (parent / fmt::format(".{}.tmp-XXXXXX", stem)).string();
  if (::mkdtemp(pattern.data()) == nullptr)
    fail(parent, "cannot create a temporary folder: " + errno_text(errno));
  return fs::path(pattern);
}

}  // namespace

CsvWriter::CsvWriter(std::vector<std::string> header) : header_(std::move(header)) {}

void CsvWriter::add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

std::string CsvWriter::field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string q = "\"";
  for (char ch : text) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string CsvWriter::str() const {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += field(cells[i]);
    }
    out += '\n';
  };
  line(header_);
  for (const auto& r : rows_) line(r);
  return out;
}

std::string num(double v) { return fmt::format("{}", v); }

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {}

void OutputSet::add(const std::string& name, std::string content) {
  // Programmer error, not input: names are fixed by the commands.
  if (name.empty() || name.find('/') != std::string::npos || is_temporary_name(name))
    throw std::logic_error("OutputSet::add: not a plain file name: " + name);
  for (auto& [n, c] : files_)
    if (n == name) {
      c = std::move(content);
      return;
    }
  files_.emplace_back(name, std::move(content));
}

bool OutputSet::contains(const std::string& name) const {
  for (const auto& [n, c] : files_)
    if (n == name) return true;
  return false;
}

std::vector<std::string> OutputSet::names() const {
  std::vector<std::string> out;
  for (const auto& [n, c] : files_) out.push_back(n);
  return out;
}

void OutputSet::publish() const {
  const fs::path target = fs::absolute(dir_).lexically_normal();
  const fs::path clean = target.filename().empty() ? target.parent_path() : target;
  const fs::path parent = clean.parent_path();
  std::error_code ec;
  const bool existed = fs::exists(clean, ec);
  if (existed && !fs::is_directory(clean, ec)) fail(dir_, "exists and is not a folder");
  const std::vector<fs::path> created = create_parents(clean);
  fs::path tmp;
  auto undo = [&] {
    std::error_code ignored;
    if (!tmp.empty()) fs::remove_all(tmp, ignored);
    for (auto c = created.rbegin(); c != created.rend(); ++c) ::rmdir(c->c_str());
  };
  try {
    tmp = make_temp_dir(parent, clean.filename().string());
    // mkdtemp makes 0700; the published folder keeps the old one's mode, else 0755.
    struct stat old {};
    ::chmod(tmp.c_str(), existed && ::stat(clean.c_str(), &old) == 0 ? old.st_mode & 07777 : 0755);
    for (const auto& [name, content] : files_) write_new_file(tmp / name, content);
    bool done = false;
    if (!fs::exists(clean, ec)) {
      // First publish: a plain rename. A concurrent run may have created the folder
      // since; then the rename fails and the exchange below takes over.
      if (::rename(tmp.c_str(), clean.c_str()) == 0) {
        tmp.clear();
        done = true;
      } else if (errno != EEXIST && errno != ENOTEMPTY) {
        fail(dir_, "cannot move the outputs into place: " + errno_text(errno));
      }
    }
    if (!done) {
      if (!fs::is_directory(clean, ec)) fail(dir_, "exists and is not a folder");
      carry_over(clean, tmp, &files_);
      fsync_dir(tmp);
      if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, clean.c_str(), RENAME_EXCHANGE) != 0)
        fail(dir_, "cannot swap the outputs into place: " + errno_text(errno));
      // `tmp` now holds the previous set.
    }
    fsync_dir(parent);
    if (!tmp.empty()) fs::remove_all(tmp, ec);
  } catch (...) {
    undo();
    throw;
  }
  remember(dir_);
}

void publish_file(const fs::path& file, std::string_view content) {
  const fs::path target = fs::absolute(file).lexically_normal();
  std::error_code ec;
  if (fs::is_directory(target, ec)) fail(file, "is a folder, not a file");
  const std::vector<fs::path> created = create_parents(target);
  std::string pattern =
      (target.parent_path() / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(pattern.data());
  auto undo = [&] {
    if (fd >= 0) ::unlink(pattern.c_str());
    for (auto c = created.rbegin(); c != created.rend(); ++c) ::rmdir(c->c_str());
  };
  if (fd < 0) {
    const int err = errno;
    undo();
    fail(file, "cannot create a temporary file: " + errno_text(err));
  }
  ::fchmod(fd, 0644);  // mkstemp creates 0600; outputs are ordinary files
  try {
    write_and_close(fd, pattern, content);
    if (::rename(pattern.c_str(), target.c_str()) != 0)
      fail(file, "cannot move the file into place: " + errno_text(errno));
  } catch (...) {
    undo();
    throw;
  }
  fsync_dir(target.parent_path());
  remember(file);
}

std::vector<std::string> published_outputs() {
  const std::lock_guard lock(g_published_mutex);
  return g_published;
}

}  // namespace corridor::core
