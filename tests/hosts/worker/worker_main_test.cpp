// taskweave-worker as a program: how it answers a wrong start, a plugin it cannot load, and a
// host that goes away. The host side is played with the real WorkerProcess and frame reader.
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "isolation/frame_io.h"
#include "isolation/worker_process.h"
#include "run_process.h"

namespace taskweave::isolation {
namespace {

const std::string kTestkit = std::string(TW_TESTKIT_DIR) + "/taskweave-plugin-testkit.so";

// The next frame from the worker, blocking.
std::string next_payload(const WorkerProcess& worker, FrameAssembler& in) {
  std::string payload, error;
  EXPECT_EQ(read_frame(worker.socket(), in, payload, error, true), ReadStatus::Frame) << error;
  return payload;
}

TEST(WorkerMain, WithoutItsSocketItPrintsUsageAndExits2) {
  const testing::ProcessResult result = testing::run_process({TW_WORKER, "x.so", "Command"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("usage: taskweave-worker PLUGIN_FILE TASK_TYPE"), std::string::npos)
      << result.err;
}

TEST(WorkerMain, APluginItCannotLoadIsReportedWithTheLoadersMessage) {
  auto spawned = WorkerProcess::spawn(TW_WORKER, {"/nonexistent/taskweave-plugin-x.so", "X"});
  ASSERT_TRUE(spawned) << spawned.error();
  WorkerProcess& worker = spawned.value();
  FrameAssembler in;
  const std::string payload = next_payload(worker, in);
  FrameReader frame(payload);
  std::string_view message;
  ASSERT_EQ(frame.op(), Op::CannotStart);
  ASSERT_TRUE(frame.string(message) && frame.at_end()) << frame.error();
  EXPECT_NE(message.find("/nonexistent/taskweave-plugin-x.so"), std::string::npos) << message;
  EXPECT_EQ(worker.reap(std::chrono::seconds(5)), "exited with code 1");
}

TEST(WorkerMain, ItExitsWhenTheHostGoesAwayInsteadOfInventingAReply) {
  auto spawned = WorkerProcess::spawn(TW_WORKER, {kTestkit, "testkit.outcome"});
  ASSERT_TRUE(spawned) << spawned.error();
  WorkerProcess& worker = spawned.value();
  FrameAssembler in;
  const std::string payload = next_payload(worker, in);
  ASSERT_TRUE(FrameReader(payload).op().has_value());
  EXPECT_FALSE(is_one_way(*FrameReader(payload).op())) << "the worker now waits for a reply";
  shutdown(worker.socket(), SHUT_RDWR);
  EXPECT_EQ(worker.reap(std::chrono::seconds(5)), "exited with code 70");
}

TEST(WorkerMain, AMalformedReplyEndsTheWorker) {
  auto spawned = WorkerProcess::spawn(TW_WORKER, {kTestkit, "testkit.outcome"});
  ASSERT_TRUE(spawned) << spawned.error();
  WorkerProcess& worker = spawned.value();
  FrameAssembler in;
  next_payload(worker, in);
  FrameWriter wrong(Op::Resume);  // not a Reply
  ASSERT_EQ(send_frame(worker.socket(), wrong), "");
  EXPECT_EQ(worker.reap(std::chrono::seconds(5)), "exited with code 70");
}

}  // namespace
}  // namespace taskweave::isolation
