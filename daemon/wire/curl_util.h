// Small helpers shared by the libcurl edges (IMAP, SMTP): one-time global
// initialisation, the TLS and timeout options both set, and URLs made safe
// for messages (no user info, no password).
#pragma once

#include <curl/curl.h>

#include <string>

namespace deskd {

// curl_global_init, once per process; safe to call from any thread.
void EnsureCurlInitialized();

// TLS options for a connection: for "imaps://"/"smtps://" TLS from the start;
// for "imap://"/"smtp://" STARTTLS when the server offers it (CURLUSESSL_TRY).
// `tls_verify` checks the peer certificate and host name; `ca_file` ("" =
// the system store) is the trust anchor.
void SetTlsOptions(CURL* curl, bool tls_verify, const std::string& ca_file);

// `url` without any "user:password@" part, for error messages and logs.
std::string UrlForMessages(const std::string& url);

// True for libcurl results that mean a certificate or TLS handshake problem
// a person has to fix (untrusted CA, wrong host name, no common protocol).
bool IsTlsTrustError(CURLcode code);

}  // namespace deskd
