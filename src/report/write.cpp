#include <fstream>
#include <system_error>

#include "corridor/error.hpp"
#include "corridor/report.hpp"

namespace corridor::report {

void write_report(const std::filesystem::path& file, const std::string& html) {
  // Write beside the target and rename: a reader never sees a half-written report.
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw InputError({Diagnostic{ErrorCode::kOutputFailed,
                                 Severity::kError,
                                 file.string(),
                                 0,
                                 0,
                                 "",
                                 "cannot write the report: " + why}});
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create " + tmp.string());
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
    out.flush();
    if (!out) fail("write error");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) fail(ec.message());
}

}  // namespace corridor::report
