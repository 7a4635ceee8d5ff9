#include "memory_limit.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <string>

#include <sys/resource.h>

namespace polar::cli {

namespace {

[[noreturn]] void invalid(std::string_view text) {
  throw CLI::ValidationError("--max-memory", "expected a size such as 512M, 2G or 1048576 (bytes), "
                                             "got \"" +
                                                 std::string(text) + "\"");
}

void set_address_space_limit(std::uint64_t bytes) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) != 0) {
    throw CLI::ValidationError("--max-memory", std::strerror(errno));
  }
  // A ceiling above the hard one cannot be set; the hard one holds anyway.
  rlim_t wanted = static_cast<rlim_t>(bytes);
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  if (::setrlimit(RLIMIT_AS, &limit) != 0) {
    throw CLI::ValidationError("--max-memory", std::strerror(errno));
  }
}

} // namespace

std::uint64_t parse_memory_size(std::string_view text) {
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end == text.data()) {
    invalid(text);
  }
  std::string unit(end, text.data() + text.size());
  for (char& c : unit) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (unit.ends_with("IB")) {
    unit.resize(unit.size() - 2);
  } else if (unit.size() > 1 && unit.ends_with("B")) {
    unit.pop_back();
  }
  int shift = 0;
  if (unit.empty() || unit == "B") {
    shift = 0;
  } else if (unit == "K") {
    shift = 10;
  } else if (unit == "M") {
    shift = 20;
  } else if (unit == "G") {
    shift = 30;
  } else if (unit == "T") {
    shift = 40;
  } else {
    invalid(text);
  }
  if (number == 0 || number > (std::numeric_limits<std::uint64_t>::max() >> shift)) {
    invalid(text);
  }
  return number << shift;
}

void add_memory_limit_option(CLI::App& command) {
  command
      .add_option_function<std::string>(
          "--max-memory",
          [](const std::string& size) { set_address_space_limit(parse_memory_size(size)); },
          "Stop with \"out of memory\" (exit code 1) beyond this much memory, e.g. 2G "
          "(address space; default: no limit)")
      ->envname("POLAR_HELM_MAX_MEMORY")
      ->type_name("SIZE");
}

} // namespace polar::cli
