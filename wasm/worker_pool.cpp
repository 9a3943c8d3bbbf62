#include "worker_pool.h"

namespace gradphoto::wasm {

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard<std::mutex> hold(lock_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

// Tasks are handed out one at a time from a shared counter, so a thread that is done
// early (a short rule) takes the next one.
void WorkerPool::runTasks(const std::function<void(int)>& task, int count) {
  for (int i = next_task_++; i < count; i = next_task_++) {
    task(i);
    if (--tasks_left_ == 0) {
      const std::lock_guard<std::mutex> hold(lock_);
      finished_.notify_all();
    }
  }
}

void WorkerPool::run(int count, const std::function<void(int)>& task) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {
    for (int i = 0; i < count; ++i) task(i);
    return;
  }
  {
    // A worker that woke after the last batch ended may still be inside it (finding no
    // task left): it must leave before the counter is reset for this batch.
    std::unique_lock<std::mutex> hold(lock_);
    finished_.wait(hold, [this] { return workers_inside_ == 0; });
    task_ = &task;
    count_ = count;
    next_task_ = 0;
    tasks_left_ = count;
    ++batch_;
  }
  wake_.notify_all();
  runTasks(task, count);
  // Every task has ended once tasks_left_ is 0; the workers still inside only found
  // the counter past the end, and the next run() waits for them to leave.
  std::unique_lock<std::mutex> hold(lock_);
  finished_.wait(hold, [this] { return tasks_left_ == 0; });
}

void WorkerPool::workerLoop() {
  ++running_;
  std::uint64_t seen = 0;
  std::unique_lock<std::mutex> hold(lock_);
  for (;;) {
    wake_.wait(hold, [&] { return stopping_ || batch_ != seen; });
    if (stopping_) return;
    seen = batch_;
    const std::function<void(int)>* task = task_;
    const int count = count_;
    ++workers_inside_;
    hold.unlock();
    runTasks(*task, count);
    hold.lock();
    --workers_inside_;
    if (workers_inside_ == 0) finished_.notify_all();
  }
}

}  // namespace gradphoto::wasm
