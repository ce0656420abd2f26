#!/usr/bin/env python3
"""Writes one DAG of `true` commands twice: as a PowerCenter workflow export (Command tasks)
and as a ninja build file, so bench/command-vs-ninja.sh can time taskweave against ninja on
exactly the same graph.

  command_dag.py independent N OUT_DIR      N tasks, all linked from Start
  command_dag.py layered LAYERS WIDTH OUT_DIR
      LAYERS x WIDTH tasks; task (k, i) waits for (k-1, i) and (k-1, (i+1) % WIDTH)

OUT_DIR receives wf.xml and build.ninja.
"""
import os
import sys


def edges_of(shape, args):
    """(names, edges): task names in order and (from, to) links between them ("" = Start)."""
    if shape == "independent":
        count = int(args[0])
        names = [f"cmd_{i}" for i in range(count)]
        return names, [("", n) for n in names]
    layers, width = int(args[0]), int(args[1])
    name = lambda k, i: f"cmd_{k}_{i}"
    names = [name(k, i) for k in range(layers) for i in range(width)]
    edges = [("", name(0, i)) for i in range(width)]
    for k in range(1, layers):
        for i in range(width):
            edges.append((name(k - 1, i), name(k, i)))
            if width > 1:
                edges.append((name(k - 1, (i + 1) % width), name(k, i)))
    return names, edges


def workflow_xml(names, edges):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE POWERMART SYSTEM "powrmart.dtd">',
           '<POWERMART CREATION_DATE="11/27/2026 09:00:00" REPOSITORY_VERSION="188.97">',
           '<REPOSITORY NAME="REP_BENCH" VERSION="188" CODEPAGE="UTF-8" DATABASETYPE="Oracle">',
           '<FOLDER NAME="BENCH" GROUP="" OWNER="bench" SHARED="NOTSHARED" DESCRIPTION="" '
           'PERMISSIONS="rwx---r--" UUID="00000000-0000-0000-0000-000000000001">',
           '<WORKFLOW DESCRIPTION="" ISENABLED="YES" ISRUNNABLESERVICE="NO" ISSERVICE="NO" '
           'ISVALID="YES" NAME="wf_command_bench" REUSABLE_SCHEDULER="NO" '
           'SCHEDULERNAME="Scheduler" SERVERNAME="IS" SERVER_DOMAINNAME="Domain" '
           'SUSPEND_ON_ERROR="NO" TASKS_MUST_RUN_ON_SERVER="NO" VERSIONNUMBER="1">',
           '<TASK DESCRIPTION="" NAME="Start" REUSABLE="NO" TYPE="Start" VERSIONNUMBER="1"/>']
    for n in names:
        out.append(f'<TASK DESCRIPTION="" NAME="{n}" REUSABLE="NO" TYPE="Command" '
                   'VERSIONNUMBER="1"><ATTRIBUTE NAME="Fail task if any command fails" '
                   'VALUE="YES"/><VALUEPAIR EXECORDER="1" NAME="run" REVERSEASSIGNMENT="NO" '
                   'VALUE="true"/></TASK>')
    out.append('<TASKINSTANCE DESCRIPTION="" ISENABLED="YES" NAME="Start" REUSABLE="NO" '
               'TASKNAME="Start" TASKTYPE="Start"/>')
    for n in names:
        out.append(f'<TASKINSTANCE DESCRIPTION="" FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN="NO" '
                   f'FAIL_PARENT_IF_INSTANCE_FAILS="YES" ISENABLED="YES" NAME="{n}" '
                   f'REUSABLE="NO" TASKNAME="{n}" TASKTYPE="Command" '
                   'TREAT_INPUTLINK_AS_AND="YES"/>')
    for src, dst in edges:
        out.append(f'<WORKFLOWLINK CONDITION="" FROMTASK="{src or "Start"}" TOTASK="{dst}"/>')
    out += ['</WORKFLOW>', '</FOLDER>', '</REPOSITORY>', '</POWERMART>']
    return "\n".join(out) + "\n"


def ninja_file(names, edges):
    # Outputs are never written, so every invocation runs every command, as a workflow run does.
    inputs = {n: [] for n in names}
    for src, dst in edges:
        if src:
            inputs[dst].append(src)
    out = ["rule run", "  command = true", ""]
    for n in names:
        deps = " || " + " ".join(inputs[n]) if inputs[n] else ""
        out.append(f"build {n}: run{deps}")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("independent", "layered"):
        sys.exit(__doc__)
    shape, args, out_dir = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
    names, edges = edges_of(shape, args)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "wf.xml"), "w") as f:
        f.write(workflow_xml(names, edges))
    with open(os.path.join(out_dir, "build.ninja"), "w") as f:
        f.write(ninja_file(names, edges))


if __name__ == "__main__":
    main()
