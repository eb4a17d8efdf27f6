# Every dependency comes from Debian packages installed by scripts/install-deps.
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto SSL)  # SHA-256 of fingerprints; TLS (http)
find_package(Boost 1.81 REQUIRED)  # Beast and Asio, header-only (http)
find_package(TBB REQUIRED)         # solver: parallel Lagrangian evaluations (--threads)
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)     # store: the embedded database
find_package(PostgreSQL REQUIRED)  # store: libpq
pkg_check_modules(COIN_CLP REQUIRED IMPORTED_TARGET clp coinutils)
# Cbc: only the design solver's single-sourcing variant uses it.
pkg_check_modules(COIN_CBC REQUIRED IMPORTED_TARGET cbc)
add_library(corridor_coin INTERFACE)
target_link_libraries(corridor_coin INTERFACE PkgConfig::COIN_CLP PkgConfig::COIN_CBC)
if(CORRIDOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
