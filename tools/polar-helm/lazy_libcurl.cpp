// libcurl, loaded on the first remote fetch instead of at startup.
//
// libcurl pulls some thirty shared libraries (TLS, Kerberos, LDAP, SSH,
// IDN, ...) into the process; the dynamic loader takes about 7 ms to map and
// relocate them, a third of a warm per-file render that never touches the
// network. This file defines the libcurl functions the network module calls;
// polar-helm links it with --as-needed (CMakeLists.txt), so libcurl is no
// longer a startup dependency, and each function loads libcurl.so.4 with
// dlopen when first called and forwards to it. Other programs of the project
// (tests, benchmarks) link libcurl directly.
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <string>

namespace {

// The loaded library, or why it could not be loaded.
class Libcurl {
public:
  static Libcurl& get() {
    static Libcurl instance; // loaded once, thread-safely, on first use
    return instance;
  }

  // The function `name` of libcurl, or null when libcurl is not available.
  template <typename Function>
  Function* function(const char* name) {
    return handle_ == nullptr ? nullptr : reinterpret_cast<Function*>(::dlsym(handle_, name));
  }
  bool loaded() const { return handle_ != nullptr; }
  const std::string& error() const { return error_; }

private:
  Libcurl() : handle_(::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) {
      const char* why = ::dlerror();
      error_ = std::string("libcurl could not be loaded: ") + (why != nullptr ? why : "unknown");
    }
  }
  // Never unloaded: libcurl may keep threads or atexit handlers.

  void* handle_;
  std::string error_;
};

// The libcurl function `name` of type `Function`, or null.
template <typename Function>
Function* resolve(const char* name) {
  return Libcurl::get().function<Function>(name);
}

} // namespace

extern "C" {

CURLcode curl_global_init(long flags) {
  static auto* const real = resolve<decltype(curl_global_init)>("curl_global_init");
  return real == nullptr ? CURLE_FAILED_INIT : real(flags);
}

const char* curl_easy_strerror(CURLcode code) {
  if (!Libcurl::get().loaded()) {
    return Libcurl::get().error().c_str();
  }
  static auto* const real = resolve<decltype(curl_easy_strerror)>("curl_easy_strerror");
  return real == nullptr ? "libcurl has no curl_easy_strerror" : real(code);
}

CURL* curl_easy_init() {
  static auto* const real = resolve<decltype(curl_easy_init)>("curl_easy_init");
  return real == nullptr ? nullptr : real();
}

// Handles and lists only exist when libcurl was loaded, so these functions
// have something to forward to whenever they get a non-null argument.
void curl_easy_cleanup(CURL* handle) {
  static auto* const real = resolve<decltype(curl_easy_cleanup)>("curl_easy_cleanup");
  if (real != nullptr) {
    real(handle);
  }
}

void curl_easy_reset(CURL* handle) {
  static auto* const real = resolve<decltype(curl_easy_reset)>("curl_easy_reset");
  if (real != nullptr) {
    real(handle);
  }
}

CURLcode curl_easy_perform(CURL* handle) {
  static auto* const real = resolve<decltype(curl_easy_perform)>("curl_easy_perform");
  return real == nullptr ? CURLE_FAILED_INIT : real(handle);
}

curl_slist* curl_slist_append(curl_slist* list, const char* line) {
  static auto* const real = resolve<decltype(curl_slist_append)>("curl_slist_append");
  return real == nullptr ? nullptr : real(list, line);
}

void curl_slist_free_all(curl_slist* list) {
  static auto* const real = resolve<decltype(curl_slist_free_all)>("curl_slist_free_all");
  if (real != nullptr) {
    real(list);
  }
}

// The variadic functions take exactly one more argument, whose type the
// option's number range announces (curl.h, CURLOPTTYPE_*): it is read with
// that type and passed on. Callbacks are passed as a generic function
// pointer: POSIX (dlsym) requires all pointers to share one representation.
CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  static auto* const real = resolve<decltype(curl_easy_setopt)>("curl_easy_setopt");
  if (real == nullptr) {
    return CURLE_FAILED_INIT;
  }
  va_list arguments;
  va_start(arguments, option);
  CURLcode result = CURLE_OK;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    result = real(handle, option, va_arg(arguments, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    result = real(handle, option, va_arg(arguments, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    result = real(handle, option, va_arg(arguments, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    result = real(handle, option, va_arg(arguments, curl_off_t));
  } else {
    result = real(handle, option, va_arg(arguments, void*));
  }
  va_end(arguments);
  return result;
}

// Every CURLINFO_* takes a pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  static auto* const real = resolve<decltype(curl_easy_getinfo)>("curl_easy_getinfo");
  if (real == nullptr) {
    return CURLE_FAILED_INIT;
  }
  va_list arguments;
  va_start(arguments, info);
  CURLcode result = real(handle, info, va_arg(arguments, void*));
  va_end(arguments);
  return result;
}

} // extern "C"
