#include "upload.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <memory>
#include <optional>

namespace corridor::server {

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80         ? 1
                            : (b >> 5) == 6  ? 2
                            : (b >> 4) == 14 ? 3
                            : (b >> 3) == 30 ? 4
                                             : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

/// The common first path component of every name, when there is one and it is a folder.
std::optional<std::string> common_folder(const std::vector<std::string>& names) {
  std::optional<std::string> first;
  for (const auto& n : names) {
    const auto slash = n.find('/');
    if (slash == std::string::npos) return std::nullopt;
    const std::string head = n.substr(0, slash);
    if (!first) first = head;
    if (*first != head) return std::nullopt;
  }
  return first;
}

/// Inflates one entry, stopping one byte past `cap` so that a lying header cannot make
/// us allocate more than the cap.
std::optional<std::string> read_entry(zip_t* z, zip_uint64_t index, std::size_t cap) {
  std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(z, index, 0));
  if (!f) return std::nullopt;
  std::string out;
  char buf[65536];
  while (true) {
    const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > cap) break;
  }
  return out;
}

}  // namespace

UploadError::UploadError(std::vector<UploadProblem> problems)
    : std::runtime_error(problems.empty()
                             ? "bad upload"
                             : problems.front().file + ": " + problems.front().message),
      problems_(std::move(problems)) {}

std::string unsafe_path_reason(std::string_view path) {
  if (path.empty()) return "empty file name";
  if (path.find('\0') != std::string_view::npos) return "file name contains a NUL byte";
  if (!valid_utf8(path)) return "file name is not valid UTF-8";
  if (path.size() > 255) return "file name longer than 255 bytes";
  if (path.front() == '/') return "absolute path (must be relative to the scenario folder)";
  if (path.find('\\') != std::string_view::npos) return "backslash in the path (use /)";
  if (path.size() >= 2 && path[1] == ':') return "drive letter in the path";
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto part = path.substr(start, end - start);
    if (part == "..") return "'..' in the path (would leave the scenario folder)";
    if (part.empty() && end != path.size()) return "empty path component";
    if (!part.empty() && part.front() == '.')
      return "hidden file or folder ('" + std::string(part) + "')";
    for (const char c : part)
      if (static_cast<unsigned char>(c) < 0x20) return "control character in the file name";
    start = end + 1;
  }
  return {};
}

Files unzip(std::string_view archive, const UploadLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (src == nullptr)
    throw UploadError(std::vector<UploadProblem>{{"", "cannot read the archive"}});
  std::unique_ptr<zip_t, ZipCloser> z(
      zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!z) {
    zip_source_free(src);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw UploadError(std::vector<UploadProblem>{{"", "not a zip archive (" + why + ")"}});
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(z.get(), 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries)
    throw UploadError(
        std::vector<UploadProblem>{{"",
                                    "too many entries: " + std::to_string(count) + " (at most " +
                                        std::to_string(limits.max_entries) + ")"}});
  std::vector<UploadProblem> problems;
  std::vector<std::pair<std::string, zip_uint64_t>> entries;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    const std::string name = raw != nullptr ? raw : "";
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    zip_file_get_external_attributes(z.get(), static_cast<zip_uint64_t>(i), 0, &opsys, &attributes);
    if (opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      problems.push_back({name, "symbolic link (only regular files are accepted)"});
      continue;
    }
    if (!name.empty() && name.back() == '/') {
      if (auto why = unsafe_path_reason(name.substr(0, name.size() - 1)); !why.empty())
        problems.push_back({name, why});
      continue;
    }
    if (auto why = unsafe_path_reason(name); !why.empty()) {
      problems.push_back({name, why});
      continue;
    }
    entries.emplace_back(name, static_cast<zip_uint64_t>(i));
  }
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.first);
  const auto folder = common_folder(names);
  Files files;
  std::size_t total = 0;
  for (const auto& [name, index] : entries) {
    const std::size_t cap = std::min(
        limits.max_file_bytes, limits.max_total_bytes - std::min(total, limits.max_total_bytes));
    auto content = read_entry(z.get(), index, cap);
    if (!content) {
      problems.push_back({name, "cannot be inflated (corrupt entry or unsupported compression)"});
      continue;
    }
    if (content->size() > cap) {
      problems.push_back({name,
                          "inflates beyond the limit (" + std::to_string(limits.max_file_bytes) +
                              " bytes per file, " + std::to_string(limits.max_total_bytes) +
                              " in all): refused as a possible zip bomb"});
      break;
    }
    total += content->size();
    const std::string rel = folder ? name.substr(folder->size() + 1) : name;
    if (!files.emplace(rel, std::move(*content)).second)
      problems.push_back({name, "duplicate entry"});
  }
  if (problems.empty() && files.empty()) problems.push_back({"", "the archive holds no file"});
  if (!problems.empty()) throw UploadError(std::move(problems));
  return files;
}

void check_files(const Files& files, const UploadLimits& limits) {
  std::vector<UploadProblem> problems;
  if (files.empty()) problems.push_back({"", "no file uploaded"});
  if (files.size() > limits.max_entries)
    problems.push_back({"", "too many files: " + std::to_string(files.size())});
  std::size_t total = 0;
  for (const auto& [path, content] : files) {
    if (auto why = unsafe_path_reason(path); !why.empty()) problems.push_back({path, why});
    if (content.size() > limits.max_file_bytes) problems.push_back({path, "file too large"});
    total += content.size();
  }
  if (total > limits.max_total_bytes) problems.push_back({"", "upload too large"});
  if (!problems.empty()) throw UploadError(std::move(problems));
}

std::string zip(const Files& files, const std::string& folder) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (z == nullptr) {
    zip_source_free(out);
    throw std::runtime_error("zip: cannot create an archive in memory");
  }
  for (const auto& [path, content] : files) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    const std::string name = folder + "/" + path;
    if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      zip_discard(z);
      zip_source_free(out);
      throw std::runtime_error("zip: cannot add " + name);
    }
  }
  if (zip_close(z) < 0) {
    zip_discard(z);
    zip_source_free(out);
    throw std::runtime_error("zip: cannot finish the archive");
  }
  std::string bytes;
  if (zip_source_open(out) == 0) {
    zip_source_seek(out, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(out);
    zip_source_seek(out, 0, SEEK_SET);
    bytes.resize(static_cast<std::size_t>(std::max<zip_int64_t>(size, 0)));
    zip_source_read(out, bytes.data(), bytes.size());
    zip_source_close(out);
  }
  zip_source_free(out);
  return bytes;
}

}  // namespace corridor::server
