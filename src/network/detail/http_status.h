#pragma once
// How an HTTP status is shown in messages: "HTTP 404 Not Found".
#include <string>
#include <string_view>

namespace polar::network {

// `reason` is the phrase the server sent on its status line; HTTP/2 sends
// none, so a missing one is filled in from the standard phrases.
std::string describe_status(long status, std::string_view reason);

} // namespace polar::network
