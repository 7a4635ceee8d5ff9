#pragma once
// The hosts the suite's remote tests fetch from, emulated on the loopback
// server and reached through URL mirrors, so the engine runs them unchanged
// and offline.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "imports/fetcher.h"
#include "loopback_server.h"

namespace polar::conformance {

// Adds one route per emulated host below "/<host>": what each answers is
// documented in test_hosts.cpp. `shared_dir` holds dhall-lang/.
void emulate_test_hosts(testing::LoopbackServer& server, const std::filesystem::path& shared_dir);

// The fetcher the remote tests use: URL mirrors from each emulated origin to
// its route on the server at `server_url` ("http://127.0.0.1:<port>"), over
// HTTP. Any other URL fails (is absent) without a request: no test may
// reach the network.
std::shared_ptr<dhall::Fetcher> test_host_fetcher(const std::string& server_url);

} // namespace polar::conformance
