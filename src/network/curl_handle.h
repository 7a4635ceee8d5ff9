#pragma once
// Owning handles for libcurl's C objects, so every exit path frees them.
#include <curl/curl.h>

#include <memory>

namespace polar::network {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

} // namespace polar::network
