#pragma once
// Stores integrity cache entries on a thread of its own. A cold load of a
// pinned package creates hundreds of entries, and creating a file costs the
// kernel more than encoding it; written in the background, the files are
// created while the resolver goes on with the next import (docs/imports.md,
// "Integrity cache").
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "binary/encoding.h"
#include "imports/integrity_cache.h"

namespace polar::dhall {

class CacheWriter {
public:
  // `cache->store` is called on the writer's thread, one entry at a time,
  // while the owner may call `cache->load` on its own.
  explicit CacheWriter(std::shared_ptr<IntegrityCache> cache);
  CacheWriter(const CacheWriter&) = delete;
  CacheWriter& operator=(const CacheWriter&) = delete;
  // Waits for the entries still queued; failures not collected by finish()
  // are dropped.
  ~CacheWriter();

  // Queues `encoding` to be stored under `hash`. The thread starts with the
  // first entry, so a load that stores nothing starts none.
  void store(const Sha256& hash, EncodingPtr encoding);
  // Waits until every queued entry is stored and the thread has ended, and
  // returns the messages of the stores that failed (Error(io), as
  // IntegrityCache::store throws them), in the order queued.
  std::vector<std::string> finish();

private:
  struct Entry {
    Sha256 hash;
    EncodingPtr encoding;
  };

  void run();

  std::shared_ptr<IntegrityCache> cache_;
  std::mutex mutex_; // guards queue_, finishing_ and failures_
  std::condition_variable queued_;
  std::deque<Entry> queue_;
  bool finishing_ = false;
  std::vector<std::string> failures_;
  std::thread thread_;
};

} // namespace polar::dhall
