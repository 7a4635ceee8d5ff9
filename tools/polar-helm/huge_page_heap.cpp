#include "huge_page_heap.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace polar::cli {
namespace {

constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
// How far the heap grows at once, in address space only: an untouched page
// costs nothing. Far below --max-memory's smallest sensible ceiling.
constexpr std::size_t heap_step = std::size_t{16} << 20;
#ifndef MADV_COLLAPSE
constexpr int MADV_COLLAPSE = 25; // Linux 6.1; older headers lack it
#endif

char* program_break() {
  return static_cast<char*>(::sbrk(0));
}

// POLAR_HELM_NO_HUGE_PAGES: 0, false, no or empty (or unset) leaves huge
// pages on; any other value switches them off. Read before anything else
// runs, so there is no error to report: a value that is no switch word
// errs on the side of the switch, whose purpose is to avoid a stall.
bool switched_off() {
  const char* value = std::getenv("POLAR_HELM_NO_HUGE_PAGES");
  if (value == nullptr) {
    return false;
  }
  std::string_view text(value);
  return !(text.empty() || text == "0" || text == "false" || text == "no");
}

} // namespace

void use_huge_pages_for_heap() {
  if (switched_off()) {
    return;
  }
  char* end = program_break();
  if (end == reinterpret_cast<char*>(-1)) {
    return;
  }
  // Move the break to a 2 MiB boundary: malloc's next growth of the heap
  // starts there (glibc takes a break it did not set as a gap it never uses).
  auto address = reinterpret_cast<std::uintptr_t>(end);
  std::uintptr_t aligned = (address + huge_page - 1) & ~(huge_page - 1);
  if (aligned != address &&
      ::sbrk(static_cast<intptr_t>(aligned - address)) == reinterpret_cast<void*>(-1)) {
    return;
  }
  // Grow the heap by a step now: more than the top of the heap holds, so
  // malloc extends the break by that plus the step.
  ::mallopt(M_TOP_PAD, static_cast<int>(heap_step));
  std::size_t beyond_top = ::mallinfo2().keepcost + 4096;
  void* block = std::malloc(beyond_top);
  std::free(block);
  char* grown = program_break();
  if (block == nullptr || reinterpret_cast<std::uintptr_t>(grown) < aligned + 2 * huge_page) {
    return;
  }
  std::size_t length = (reinterpret_cast<std::uintptr_t>(grown) - aligned) & ~(huge_page - 1);
  auto* start = reinterpret_cast<void*>(aligned);
  if (::madvise(start, length, MADV_HUGEPAGE) != 0) {
    return;
  }
  // malloc has written its bookkeeping into the first 2 MiB already, so
  // those pages are small ones: collapse them into a huge page at once.
  ::madvise(start, huge_page, MADV_COLLAPSE);
}

} // namespace polar::cli
