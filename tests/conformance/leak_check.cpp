#include "leak_check.h"

#if defined(__SANITIZE_ADDRESS__)
#define POLAR_HELM_LEAK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POLAR_HELM_LEAK_SANITIZER 1
#endif
#endif

#ifdef POLAR_HELM_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace polar::conformance {

bool leaks_found() {
#ifdef POLAR_HELM_LEAK_SANITIZER
  // Zero when ASAN_OPTIONS has detect_leaks=0.
  return __lsan_do_recoverable_leak_check() != 0;
#else
  return false;
#endif
}

} // namespace polar::conformance
