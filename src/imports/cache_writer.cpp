#include "imports/detail/cache_writer.h"

#include <system_error>
#include <utility>

#include "binary/hash.h"
#include "syntax/source.h"

namespace polar::dhall {

CacheWriter::CacheWriter(std::shared_ptr<IntegrityCache> cache) : cache_(std::move(cache)) {
}

CacheWriter::~CacheWriter() {
  finish();
}

void CacheWriter::store(const Sha256& hash, EncodingPtr encoding) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Entry{hash, std::move(encoding)});
  }
  if (thread_.joinable()) {
    queued_.notify_one();
    return;
  }
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    // No thread to be had: store on this one, as if finishing.
    finishing_ = true;
    run();
    finishing_ = false;
  }
}

std::vector<std::string> CacheWriter::finish() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      finishing_ = true;
    }
    queued_.notify_one();
    thread_.join();
    finishing_ = false; // the thread has ended: nothing else reads it
  }
  return std::exchange(failures_, {});
}

void CacheWriter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    queued_.wait(lock, [&] { return finishing_ || !queue_.empty(); });
    if (queue_.empty()) {
      return; // finishing, and all is written
    }
    Entry entry = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    std::string failure;
    try {
      cache_->store(entry.hash, *entry.encoding);
    } catch (const Error& error) {
      failure = error.message();
    } catch (const std::exception& error) {
      // Nothing may escape the thread; out of memory is just a failed store.
      failure =
          "cannot cache the import with hash sha256:" + to_hex(entry.hash) + ": " + error.what();
    }
    lock.lock();
    if (!failure.empty()) {
      failures_.push_back(std::move(failure));
    }
  }
}

} // namespace polar::dhall
