#!/usr/bin/env python3
"""Writes a PowerCenter export for the kernel benchmarks (bench/run-benchmarks.sh).

  run_make_workflow.py SHAPE N [options] > wf.xml

SHAPE: chain (Start -> T1 -> ... -> TN), independent (Start -> each task), layered (--width W:
N/W layers, every task of a layer linked to one task of the previous layer and vice versa so
each layer waits for the one before), skewed (one long task beside --chains chains of short
tasks). Tasks are instances of one reusable testkit definition (--type, --attr NAME=VALUE), the
way a real export instantiates a reusable session many times. --ninja FILE also writes a
build.ninja with the same DAG, each edge running --command.
"""
import argparse
import sys
from xml.sax.saxutils import quoteattr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("shape", choices=["chain", "independent", "layered", "skewed"])
    p.add_argument("n", type=int)
    p.add_argument("--width", type=int, default=1000)
    p.add_argument("--chains", type=int, default=4)
    p.add_argument("--type", default="testkit.noop")
    p.add_argument("--attr", action="append", default=[])
    p.add_argument("--long-attr", action="append", default=[],
                   help="attributes of the long task of the skewed shape")
    p.add_argument("--ninja")
    p.add_argument("--command", default="true")
    p.add_argument("--long-command", default="sleep 1")
    a = p.parse_args()

    names, edges = [], []  # edges: (from, to); "Start" is the root
    if a.shape == "chain":
        names = [f"T{i}" for i in range(a.n)]
        edges = [("Start", names[0])] + [(names[i - 1], names[i]) for i in range(1, a.n)]
    elif a.shape == "independent":
        names = [f"T{i}" for i in range(a.n)]
        edges = [("Start", t) for t in names]
    elif a.shape == "layered":
        layers = (a.n + a.width - 1) // a.width
        grid = [[f"L{l}_{i}" for i in range(min(a.width, a.n - l * a.width))] for l in range(layers)]
        names = [t for layer in grid for t in layer]
        edges = [("Start", t) for t in grid[0]]
        for l in range(1, layers):
            prev, cur = grid[l - 1], grid[l]
            # Each task waits for one task above it, and every task above has a successor, so
            # a layer can only finish after the one before: a real barrier-free layered DAG.
            for i, t in enumerate(cur):
                edges.append((prev[i % len(prev)], t))
            for i in range(len(cur), len(prev)):
                edges.append((prev[i], cur[i % len(cur)]))
    else:  # skewed
        length = (a.n - 1) // a.chains
        names = ["LONG"]
        edges = [("Start", "LONG")]
        for c in range(a.chains):
            chain = [f"C{c}_{i}" for i in range(length)]
            names += chain
            edges.append(("Start", chain[0]))
            edges += [(chain[i - 1], chain[i]) for i in range(1, length)]

    out = sys.stdout
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n<POWERMART><REPOSITORY NAME="R">'
      '<FOLDER NAME="BENCH">\n')
    attrs = "".join(f'<ATTRIBUTE NAME={quoteattr(k)} VALUE={quoteattr(v)}/>'
                    for k, v in (x.split("=", 1) for x in a.attr))
    w(f'<TASK NAME="work" REUSABLE="YES" TYPE={quoteattr(a.type)}>{attrs}</TASK>\n')
    if a.shape == "skewed":
        long_attrs = "".join(f'<ATTRIBUTE NAME={quoteattr(k)} VALUE={quoteattr(v)}/>'
                             for k, v in (x.split("=", 1) for x in a.long_attr))
        w(f'<TASK NAME="long" REUSABLE="YES" TYPE={quoteattr(a.type)}>{long_attrs}</TASK>\n')
    w(f'<WORKFLOW NAME="wf_{a.shape}_{a.n}">\n<TASK NAME="Start" TYPE="Start"/>\n'
      '<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>\n')
    for t in names:
        definition = "long" if t == "LONG" else "work"
        w(f'<TASKINSTANCE NAME="{t}" REUSABLE="YES" TASKNAME="{definition}" '
          f'TASKTYPE={quoteattr(a.type)}/>\n')
    for f, t in edges:
        w(f'<WORKFLOWLINK FROMTASK="{f}" TOTASK="{t}" CONDITION=""/>\n')
    w("</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n")

    if a.ninja:
        with open(a.ninja, "w") as n:
            n.write("rule run\n  command = $cmd\n\nbuild Start: phony\n")
            preds = {}
            for f, t in edges:
                preds.setdefault(t, []).append(f)
            for t in names:
                cmd = a.long_command if t == "LONG" else a.command
                # Order-only inputs: ninja runs the edge after its predecessors, like a link.
                n.write(f"build {t}: run || {' '.join(preds[t])}\n  cmd = {cmd} && touch {t}\n")
            n.write(f"default {' '.join(names)}\n")


if __name__ == "__main__":
    main()
