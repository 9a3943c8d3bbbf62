// A fixed set of threads that run a batch of tasks together with the calling thread:
// the photo check's rules and output JPEG (CheckerOptions::parallel_tasks) in the wasm
// build with threads. Its threads are started once, by the first startThreads() or
// check (bindings.cpp), each on a Web Worker Emscripten starts for it. Such a Worker
// starts only when the calling thread yields, which it does not during a check: a batch
// posted before the threads are up is run by the calling thread alone.
// OpenCV keeps running on one thread: handing each network layer to another thread
// cost more than it saved (a Web Worker takes tens of microseconds to wake; the face
// analysis took 19.1 ms on two threads against 16.7 on one in Chromium).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gradphoto::wasm {

class WorkerPool {
 public:
  // threads: how many run a batch, the calling thread included.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs task(0) .. task(count - 1), each once, and returns when all have ended.
  // One batch at a time (the module is called from one thread).
  void run(int count, const std::function<void(int)>& task);

  // Whether every thread has started (its Web Worker loaded) and is waiting for a batch.
  bool allRunning() const { return running_ == static_cast<int>(workers_.size()); }

 private:
  void workerLoop();
  void runTasks(const std::function<void(int)>& task, int count);

  std::mutex lock_;
  std::condition_variable wake_;      // a batch was posted, or the pool stops
  std::condition_variable finished_;  // the last task ended, or a worker left a batch
  const std::function<void(int)>* task_ = nullptr;
  int count_ = 0;
  std::uint64_t batch_ = 0;           // one per batch, so a worker joins each batch once
  std::atomic<int> next_task_{0};
  std::atomic<int> tasks_left_{0};
  int workers_inside_ = 0;            // workers between taking a batch and leaving it
  bool stopping_ = false;
  std::atomic<int> running_{0};       // threads that have entered workerLoop()
  std::vector<std::thread> workers_;
};

}  // namespace gradphoto::wasm
