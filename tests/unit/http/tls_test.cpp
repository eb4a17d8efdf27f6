// HTTPS: a self-signed certificate made here with OpenSSL's API, the server started on
// it, and an OpenSSL client that trusts exactly that certificate.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "corridor/http.hpp"
#include "test_client.hpp"

namespace corridor::http {
namespace {

namespace fs = std::filesystem;
using testing::Client;

// A P-256 key and a self-signed certificate for CN=127.0.0.1, valid for a day, written
// as PEM into `dir`.
void make_self_signed(const fs::path& cert_path, const fs::path& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* f = std::fopen(cert_path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  PEM_write_X509(f, cert);
  std::fclose(f);
  f = std::fopen(key_path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(cert);
  EVP_PKEY_free(key);
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("corridor-http-tls-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    make_self_signed(dir_ / "cert.pem", dir_ / "key.pem");
    router_.add(Method::kGet, "/info", [](Request& r) {
      return Response::json(200, {{"tls", r.tls}, {"path", r.path}});
    });
    options_.port = 0;
    options_.tls_certificate = (dir_ / "cert.pem").string();
    options_.tls_private_key = (dir_ / "key.pem").string();
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    if (client_ctx_ != nullptr) SSL_CTX_free(client_ctx_);
    fs::remove_all(dir_);
  }
  void start() {
    server_ = std::make_unique<Server>(options_, router_);
    server_->start();
    thread_ = std::thread([this] { server_->run(); });
    client_ctx_ = SSL_CTX_new(TLS_client_method());
    // Verification on, trusting only our certificate: the server must present it.
    SSL_CTX_set_verify(client_ctx_, SSL_VERIFY_PEER, nullptr);
    ASSERT_EQ(SSL_CTX_load_verify_locations(client_ctx_, options_.tls_certificate.c_str(), nullptr),
              1);
  }

  fs::path dir_;
  Router router_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  SSL_CTX* client_ctx_ = nullptr;
};

TEST_F(TlsTest, RoundTripOverHttps) {
  start();
  Client c(server_->port(), client_ctx_);
  ASSERT_TRUE(c.send(testing::get("/info")));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json({{"tls", true}, {"path", "/info"}}));
  EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
  // Keep-alive works over TLS too.
  ASSERT_TRUE(c.send(testing::get("/nowhere")));
  r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST_F(TlsTest, PlainHttpIsNotServed) {
  start();
  Client c(server_->port());
  ASSERT_TRUE(c.send(testing::get("/info")));
  EXPECT_TRUE(c.wait_closed(1 << 16));
  EXPECT_NE(c.buffered().rfind("HTTP/", 0), 0u);  // whatever came back, not an HTTP answer
}

TEST_F(TlsTest, MissingKeyFileIsNamed) {
  options_.tls_private_key = (dir_ / "absent.pem").string();
  Server server(options_, router_);
  try {
    server.start();
    FAIL() << "start() accepted a missing key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("absent.pem"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace corridor::http
