// The PostgreSQL backend (placeholder until the libpq pool lands).

#include "internal.hpp"

namespace corridor::store::detail {

std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions&) {
  throw DbError(DbError::Kind::kConnection,
                "postgresql: not built yet in this version (" + redact_url(url) + ")");
}

}  // namespace corridor::store::detail
