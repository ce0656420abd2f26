// `taskweave recover` through the real CLI, for what a recovery must carry over besides task
// transitions: user-defined events raised before the stop, and secret values (real in the state
// store, masked everywhere people look). The runs are stopped with SIGINT while a testkit task
// sleeps, then recovered with a short sleep.
#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "cli_runner.h"
#include "state/sqlite.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

std::string export_xml(const std::string& name, const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<POWERMART><REPOSITORY NAME=\"R\">"
         "<FOLDER NAME=\"F\"><WORKFLOW NAME=\"" +
         name +
         "\">\n<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
         "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
         // SLOW sleeps $PMSleep ms: long in the first run (it is stopped), short in recover.
         "<TASK NAME=\"slow\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Sleep Ms\" "
         "VALUE=\"$PMSleep\"/></TASK>\n"
         "<TASKINSTANCE NAME=\"SLOW\" TASKNAME=\"slow\" TASKTYPE=\"testkit.outcome\"/>\n"
         "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"SLOW\" CONDITION=\"\"/>\n" +
         body + "</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n";
}

class RecoveryCli : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> args(const std::string& command, const std::string& target,
                                const std::string& params, const std::string& events) const {
    // The testkit also serves Command: bind the real Command plugin.
    return {command,
            target,
            "--param-file",
            path(params),
            "--plugins-dir",
            testkit_dir(),
            "--plugin",
            "Command=command",
            "--state-dir",
            path("state"),
            "--log-dir",
            path("logs"),
            "--json-events=" + path(events)};
  }
  // Runs wf.xml with the long sleep and stops it (SIGINT) once `ready` is in its events.
  std::string run_and_stop(const std::string& ready) {
    BackgroundProcess cli(cli_argv(args("run", path("wf.xml"), "slow.par", "run.jsonl")));
    EXPECT_TRUE(wait_for_text(dir_ / "run.jsonl", ready, 20000));
    EXPECT_TRUE(wait_for_text(dir_ / "run.jsonl", "\"task_started\",\"task\":\"SLOW\"", 20000));
    cli.signal(SIGINT);
    const ProcessResult& stopped = cli.wait(seconds(30));
    EXPECT_EQ(stopped.exit_code, 3) << stopped.err;
    output_ += stopped.out + stopped.err;
    const RunEvents events = RunEvents::read(dir_ / "run.jsonl");
    EXPECT_EQ(events.run_status, "STOPPED");
    return events.lines.empty() ? "" : json_field(events.lines.front(), "run_id");
  }
  // Recovers with the short sleep; a recovery that hangs is killed after 30 s and fails.
  ProcessResult recover(const std::string& run_id) {
    BackgroundProcess cli(cli_argv(args("recover", run_id, "fast.par", "recover.jsonl")));
    ProcessResult result = cli.wait(seconds(30));
    EXPECT_FALSE(result.timed_out) << "recover hung";
    output_ += result.out + result.err;
    return result;
  }

  TempDir dir_{"tw-recovery-cli"};
  std::string output_;  // everything the CLI printed
};

// Every file under `root` whose content contains `needle`.
std::vector<std::string> files_containing(const fs::path& root, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && read_file(entry.path()).find(needle) != std::string::npos)
      found.push_back(entry.path().string());
  return found;
}

TEST_F(RecoveryCli, AnEventRaisedBeforeTheStopIsStillRaisedAfterRecover) {
  write_file(
      dir_ / "wf.xml",
      export_xml("wf_event_recover",
                 "<TASK NAME=\"raise\" TYPE=\"Event-raise\"><ATTRIBUTE NAME=\"User Defined "
                 "Event\" VALUE=\"ev_ready\"/></TASK>\n"
                 "<TASK NAME=\"wait\" TYPE=\"Event-wait\"><ATTRIBUTE NAME=\"User Defined "
                 "Event\" VALUE=\"ev_ready\"/></TASK>\n"
                 "<TASKINSTANCE NAME=\"RAISE\" TASKNAME=\"raise\" TASKTYPE=\"Event-raise\"/>\n"
                 "<TASKINSTANCE NAME=\"WAIT\" TASKNAME=\"wait\" TASKTYPE=\"Event-wait\"/>\n"
                 "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"RAISE\" CONDITION=\"\"/>\n"
                 "<WORKFLOWLINK FROMTASK=\"SLOW\" TOTASK=\"WAIT\" CONDITION=\"\"/>\n"
                 "<WORKFLOWEVENT NAME=\"ev_ready\" DESCRIPTION=\"\"/>\n"));
  write_file(dir_ / "slow.par", "[Global]\n$PMSleep=30000\n");
  write_file(dir_ / "fast.par", "[Global]\n$PMSleep=0\n");
  const std::string run_id = run_and_stop("\"task_finished\",\"task\":\"RAISE\"");
  EXPECT_EQ(RunEvents::read(dir_ / "run.jsonl").final_status["WAIT"], "DID_NOT_RUN");

  const ProcessResult recovered = recover(run_id);
  EXPECT_EQ(recovered.exit_code, 0) << recovered.err;
  const RunEvents events = RunEvents::read(dir_ / "recover.jsonl");
  EXPECT_EQ(events.final_status.count("RAISE"), 0u) << "succeeded tasks never run again";
  EXPECT_EQ(events.status("WAIT"), "SUCCEEDED");
  EXPECT_LT(events.seconds("WAIT"), 5.0) << "the event was raised before the stop";

  // The recovery appends to the run's workflow log.
  const std::vector<std::string> logs = files_containing(dir_ / "logs", "TW_RUN_RECOVER");
  ASSERT_EQ(logs.size(), 1u);
  const std::string log = read_file(logs.front());
  EXPECT_LT(log.find("TW_RUN_START"), log.find("TW_RUN_RECOVER")) << log;
}

TEST_F(RecoveryCli, ADamagedRecordIsRefusedNamingTheRunAndTheDatabase) {
  write_file(dir_ / "wf.xml", export_xml("wf_damaged", ""));
  write_file(dir_ / "slow.par", "[Global]\n$PMSleep=30000\n");
  write_file(dir_ / "fast.par", "[Global]\n$PMSleep=0\n");
  const std::string run_id = run_and_stop("\"run_started\"");
  {
    // A batch that cannot be read, as a damaged or hand-edited database would hold.
    auto db = state::sqlite::Database::open(dir_ / "state" / "taskweave.db");
    ASSERT_TRUE(db) << db.error();
    const std::string insert =
        "INSERT INTO transitions (run, events) VALUES ('" + run_id + "', '[{oops')";
    ASSERT_TRUE(db.value().exec(insert.c_str()).ok());
  }
  const ProcessResult refused = recover(run_id);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("cannot recover run " + run_id), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(path("state/taskweave.db")), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("damaged"), std::string::npos) << refused.err;
  EXPECT_EQ(read_file(dir_ / "recover.jsonl"), "") << "nothing ran";
}

TEST_F(RecoveryCli, SecretsAreRealInTheStoreAndMaskedInLogsEventsAndShow) {
  const std::string secret = "hunter2-real-secret";
  // ASSIGN records a value built from the secret before the stop; USE, after the recovery,
  // writes what it sees to seen.txt with the real Command plugin.
  write_file(dir_ / "wf.xml",
             export_xml("wf_secret_recover",
                        "<TASK NAME=\"assign\" TYPE=\"Assignment\"><VALUEPAIR EXECORDER=\"1\" "
                        "NAME=\"$$LOGIN\" VALUE=\"'scott:' || $$DB_PASSWORD\"/></TASK>\n"
                        "<TASK NAME=\"use\" TYPE=\"Command\"><VALUEPAIR EXECORDER=\"1\" "
                        "NAME=\"write\" VALUE=\"echo $$LOGIN $$DB_PASSWORD &gt; " +
                            path("seen.txt") +
                            "\"/></TASK>\n"
                            "<TASKINSTANCE NAME=\"ASSIGN\" TASKNAME=\"assign\" "
                            "TASKTYPE=\"Assignment\"/>\n"
                            "<TASKINSTANCE NAME=\"USE\" TASKNAME=\"use\" TASKTYPE=\"Command\"/>\n"
                            "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"ASSIGN\" CONDITION=\"\"/>\n"
                            "<WORKFLOWLINK FROMTASK=\"SLOW\" TOTASK=\"USE\" CONDITION=\"\"/>\n"
                            "<WORKFLOWLINK FROMTASK=\"ASSIGN\" TOTASK=\"USE\" CONDITION=\"\"/>\n"
                            "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$DB_PASSWORD\" "
                            "USERDEFINED=\"YES\"/>\n"
                            "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$LOGIN\" "
                            "USERDEFINED=\"YES\"/>\n"));
  write_file(dir_ / "slow.par", "[Global]\n$PMSleep=30000\n$$DB_PASSWORD=" + secret + "\n");
  write_file(dir_ / "fast.par", "[Global]\n$PMSleep=0\n$$DB_PASSWORD=" + secret + "\n");
  const std::string run_id = run_and_stop("\"task_finished\",\"task\":\"ASSIGN\"");

  const ProcessResult recovered = recover(run_id);
  EXPECT_EQ(recovered.exit_code, 0) << recovered.err;
  EXPECT_EQ(RunEvents::read(dir_ / "recover.jsonl").status("USE"), "SUCCEEDED");
  // $$LOGIN comes from the state store: it must be the real value, not "scott:********".
  EXPECT_EQ(read_file(dir_ / "seen.txt"), "scott:" + secret + " " + secret + "\n");

  for (const ProcessResult& show :
       {run_cli({"show", run_id, "--state-dir", path("state")}),
        run_cli({"show", run_id, "--state-dir", path("state"), "--json"})}) {
    EXPECT_EQ(show.exit_code, 0) << show.err;
    output_ += show.out + show.err;
  }
  EXPECT_EQ(output_.find(secret), std::string::npos) << output_;
  EXPECT_NE(output_.find("scott:********"), std::string::npos) << output_;
  EXPECT_EQ(files_containing(dir_ / "logs", secret), std::vector<std::string>{});
  EXPECT_EQ(read_file(dir_ / "run.jsonl").find(secret), std::string::npos);
  EXPECT_EQ(read_file(dir_ / "recover.jsonl").find(secret), std::string::npos);
  EXPECT_FALSE(files_containing(dir_ / "logs", "********").empty());
}

TEST_F(RecoveryCli, PersistentSecretsAreSavedRealAndLoggedMasked) {
  const std::string secret = "tok-0123456789";
  // The first run saves $$API_TOKEN; the second starts from the saved value and uses it.
  write_file(dir_ / "wf.xml",
             export_xml("wf_persistent_secret",
                        "<TASK NAME=\"assign\" TYPE=\"Assignment\"><VALUEPAIR EXECORDER=\"1\" "
                        "NAME=\"$$API_TOKEN\" VALUE=\"IIF($$API_TOKEN = '', '" +
                            secret +
                            "', $$API_TOKEN)\"/></TASK>\n"
                            "<TASK NAME=\"use\" TYPE=\"Command\"><VALUEPAIR EXECORDER=\"1\" "
                            "NAME=\"write\" VALUE=\"echo $$API_TOKEN &gt;&gt; " +
                            path("seen.txt") +
                            "\"/></TASK>\n"
                            "<TASKINSTANCE NAME=\"ASSIGN\" TASKNAME=\"assign\" "
                            "TASKTYPE=\"Assignment\"/>\n"
                            "<TASKINSTANCE NAME=\"USE\" TASKNAME=\"use\" TASKTYPE=\"Command\"/>\n"
                            "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"ASSIGN\" CONDITION=\"\"/>\n"
                            "<WORKFLOWLINK FROMTASK=\"ASSIGN\" TOTASK=\"USE\" CONDITION=\"\"/>\n"
                            "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$API_TOKEN\" "
                            "ISPERSISTENT=\"YES\" USERDEFINED=\"YES\"/>\n"));
  write_file(dir_ / "fast.par", "[Global]\n$PMSleep=0\n");
  for (const char* events : {"1.jsonl", "2.jsonl"}) {
    const ProcessResult run = run_cli(args("run", path("wf.xml"), "fast.par", events));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    output_ += run.out + run.err + read_file(dir_ / events);
  }
  EXPECT_EQ(read_file(dir_ / "seen.txt"), secret + "\n" + secret + "\n");
  EXPECT_EQ(output_.find(secret), std::string::npos) << output_;
  EXPECT_EQ(files_containing(dir_ / "logs", secret), std::vector<std::string>{});
}

}  // namespace
}  // namespace taskweave::testing
