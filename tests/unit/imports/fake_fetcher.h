#pragma once
// A Fetcher serving fixed pages and recording every request: remote import
// tests without a network.
#include <map>
#include <string>
#include <vector>

#include "imports/fetcher.h"

namespace polar::dhall::testing {

class FakeFetcher final : public Fetcher {
public:
  struct Page {
    std::string body;
    std::vector<HttpHeader> headers;
  };

  FetchResult fetch(const FetchRequest& request) override {
    requests.push_back(request);
    auto found = pages.find(request.url);
    if (found == pages.end()) {
      return FetchResult{std::nullopt, "404 Not Found"};
    }
    return FetchResult{FetchResponse{found->second.body, found->second.headers}, ""};
  }

  std::map<std::string, Page> pages; // by URL
  std::vector<FetchRequest> requests;
};

} // namespace polar::dhall::testing
