#!/usr/bin/env python3
"""Times kubeadm-lint, a parse-only floor and yamllint on the generated tree; see README.md.

Run through bench/run.sh, which installs and builds what this needs. Every figure is the
median of interleaved rounds (each round runs every configuration once, so a burst of load
from elsewhere hits all of them alike). Wall time is measured around each process; CPU time
and peak memory (maximum resident set size) come from the kernel's rusage for that process.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def yaml_files(root):
    found = []
    for directory, _, names in os.walk(root):
        found.extend(os.path.join(directory, n) for n in names if n.endswith((".yaml", ".yml")))
    return sorted(found)


def run(cmd):
    """Runs cmd with its output discarded; returns (wall s, cpu s, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def peak_mb(cmd):
    """Peak resident memory of cmd in MB, from GNU time. (The rusage of a child of this Python
    process would not do: Linux carries the forked interpreter's peak over the exec.)"""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return int(out.read().split()[-1]) / 1024.0


class Series:
    """The runs of one configuration."""

    def __init__(self, name, cmd, files, size):
        self.name, self.cmd, self.files, self.size = name, cmd, files, size
        self.walls, self.cpus, self.rss = [], [], []

    def once(self):
        wall, cpu, code = run(self.cmd)
        if code not in (0, 1):
            sys.exit(f"{self.name}: exit code {code} from {' '.join(self.cmd[:4])} ...")
        self.walls.append(wall)
        self.cpus.append(cpu)

    def measure_memory(self, runs):
        self.rss = [peak_mb(self.cmd) for _ in range(runs)]

    @property
    def wall(self):
        return statistics.median(self.walls)

    @property
    def cpu(self):
        return statistics.median(self.cpus)

    @property
    def files_per_s(self):
        return self.files / self.wall

    @property
    def mb_per_s(self):
        return self.size / self.wall / 1e6

    def row(self, note=""):
        spread = f"{min(self.walls):.3f}-{max(self.walls):.3f}"
        return (f"  {self.name:<38} {self.wall:8.3f} s {spread:>13}  {self.cpu:7.3f} s"
                f" {self.files_per_s:10.0f} {self.mb_per_s:8.1f} {max(self.rss):7.1f}  {note}")


HEADER = (f"  {'configuration':<38} {'wall':>10} {'min-max':>13}  {'cpu':>9}"
          f" {'files/s':>10} {'MB/s':>8} {'peak MB':>7}")


def verdict(ok):
    return "met" if ok else "MISSED"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", required=True)
    parser.add_argument("--lint", required=True, help="the kubeadm-lint binary")
    parser.add_argument("--floor", required=True, help="the parse_only example binary")
    parser.add_argument("--yamllint", required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--yamllint-rounds", type=int, default=3)
    parser.add_argument("--sample", type=int, default=0,
                        help="time yamllint on this many files of the tree and extrapolate"
                             " (0: on the whole tree, as the targets are stated)")
    parser.add_argument("--single", required=True, help="the file for single-file timings")
    parser.add_argument("--results", help="write the figures here as JSON")
    args = parser.parse_args()

    tree = yaml_files(args.tree)
    half_dir = os.path.join(args.tree, "h0")
    half = [f for f in tree if f.startswith(half_dir + os.sep)]
    size = sum(os.path.getsize(f) for f in tree)
    half_size = sum(os.path.getsize(f) for f in half)
    if args.sample:
        step = max(1, len(tree) // args.sample)
        sample = tree[::step][: args.sample]
        sample_size = sum(os.path.getsize(f) for f in sample)

    cpus = os.cpu_count()
    load = os.getloadavg()[0]
    print(f"machine: {cpus} CPUs, load average {load:.2f} at start"
          + (" (BUSY: other work competes for the CPUs, figures will be noisy)"
             if load > 0.5 * cpus else ""))
    print(f"tree: {len(tree)} files, {size / 1e6:.1f} MB (MB = 10^6 bytes) in {args.tree}")
    print(f"half tree (h0/): {len(half)} files, {half_size / 1e6:.1f} MB")
    if args.sample:
        print(f"yamllint sample: every {step}th file of the tree, {len(sample)} files,"
              f" {sample_size / 1e6:.1f} MB")
    else:
        print("yamllint: on the whole tree")
    print(f"rounds: {args.rounds} (yamllint: {args.yamllint_rounds}); figures are medians\n")

    lint, floor = args.lint, args.floor
    check = {j: Series(f"kubeadm-lint check, {j} thread{'s' * (j > 1)}",
                       [lint, "check", "-j", str(j), args.tree], len(tree), size)
             for j in (1, 2)}
    # The floor of the targets: the same parser over the same bytes, every file, no rules.
    parse = {j: Series(f"parse-only floor, {j} thread{'s' * (j > 1)}",
                       [floor, "-j", str(j), "--all", args.tree], len(tree), size)
             for j in (1, 2)}
    # A stricter reference: only the files check itself parses (those with a kubeadm marker).
    parse_candidates = {j: Series(f"parse-only, candidates, {j} thread{'s' * (j > 1)}",
                                  [floor, "-j", str(j), args.tree], len(tree), size)
                        for j in (1, 2)}
    half_check = {j: Series(f"kubeadm-lint check h0/, {j} thread{'s' * (j > 1)}",
                            [lint, "check", "-j", str(j), half_dir], len(half), half_size)
                  for j in (1, 2)}
    series = [*check.values(), *parse.values(), *parse_candidates.values(),
              *half_check.values()]

    for s in series:  # warm the page cache and the binaries
        run(s.cmd)
    for _ in range(args.rounds):
        for s in series:
            s.once()

    if args.sample:
        sample_lint = Series("kubeadm-lint check, sample, 2 threads",
                             [lint, "check", "-j", "2", *sample], len(sample), sample_size)
        yamllint = Series("yamllint, sample", [args.yamllint, *sample], len(sample),
                          sample_size)
        extra = [sample_lint, yamllint]
    else:
        yamllint = Series("yamllint", [args.yamllint, args.tree], len(tree), size)
        extra = [yamllint]
    run(yamllint.cmd[:1] + tree[:10])
    for _ in range(args.yamllint_rounds):
        for s in extra:
            s.once()

    for s in [*series, *extra]:
        s.measure_memory(3 if s in check.values() else 1)

    single_size = os.path.getsize(args.single)
    single_lint = Series("kubeadm-lint check, one file", [lint, "check", args.single], 1,
                         single_size)
    single_yamllint = Series("yamllint, one file", [args.yamllint, args.single], 1, single_size)
    for _ in range(4 * args.rounds):
        single_lint.once()
    for _ in range(args.yamllint_rounds + 2):
        single_yamllint.once()
    single_lint.measure_memory(1)
    single_yamllint.measure_memory(1)

    print(HEADER)
    for s in series:
        print(s.row())
    if args.sample:
        print(sample_lint.row())
        print(yamllint.row("(sample; files/s taken as the tree's)"))
    else:
        print(yamllint.row())
    print(single_lint.row(f"({os.path.basename(args.single)}, {single_size} bytes)"))
    print(single_yamllint.row())

    vs_yamllint = check[2].files_per_s / yamllint.files_per_s
    vs_yamllint_1 = check[1].files_per_s / yamllint.files_per_s
    vs_yamllint_sample = yamllint.wall / sample_lint.wall if args.sample else None
    vs_floor = {j: check[j].wall / parse[j].wall for j in (1, 2)}
    vs_candidates = {j: check[j].wall / parse_candidates[j].wall for j in (1, 2)}
    scaling = check[1].wall / check[2].wall
    floor_scaling = parse[1].wall / parse[2].wall
    linear = {j: check[j].wall / half_check[j].wall for j in (1, 2)}
    peak = max(max(check[1].rss), max(check[2].rss))

    def line(label, value, unit="x", target=""):
        print(f"  {label:<68} {value:9.2f} {unit:<2} {target}")

    print("\nratios (higher is better for speed, lower for time and memory)")
    which = "yamllint on a sample" if args.sample else "both on the whole tree"
    line(f"kubeadm-lint vs yamllint, files/s (2 threads; {which})", vs_yamllint,
         target=f"target >= 300: {verdict(vs_yamllint >= 300)}")
    line("  the same, kubeadm-lint on 1 thread", vs_yamllint_1)
    line("  kubeadm-lint files/s, 2 threads, against the issue's 28 000", check[2].files_per_s,
         "/s", target=verdict(check[2].files_per_s >= 28000))
    if args.sample:
        line(f"  both on the same {len(sample)}-file sample (kubeadm-lint on 2 threads)",
             vs_yamllint_sample)
    line(f"single file: yamllint time / kubeadm-lint time"
         f" ({single_yamllint.wall * 1000:.0f} ms / {single_lint.wall * 1000:.1f} ms)",
         single_yamllint.wall / single_lint.wall)
    for j in (1, 2):
        line(f"kubeadm-lint time / parse-only floor time, {j} thread{'s' * (j > 1)}",
             vs_floor[j], target=f"target <= 2: {verdict(vs_floor[j] <= 2)}")
    for j in (1, 2):
        line(f"  against parsing only the candidates, {j} thread{'s' * (j > 1)}",
             vs_candidates[j])
    line("speed-up of kubeadm-lint from 1 to 2 threads", scaling,
         target=f"target >= 1.7: {verdict(scaling >= 1.7)}")
    line("  the same for the parse-only floor (what the machine gives)", floor_scaling)
    for j in (1, 2):
        line(f"linearity: time(tree) / time(h0/, half the files), {j} thread{'s' * (j > 1)}",
             linear[j], target=f"target <= 2.1: {verdict(linear[j] <= 2.1)}")
    line("peak memory of kubeadm-lint on the tree", peak, "MB",
         target=f"target < 50: {verdict(peak < 50)}")
    if args.sample:
        print(f"\nyamllint was timed on {len(sample)} of the {len(tree)} files (every {step}th,"
              " the same mix of kubeadm configs and other manifests); its files/s is"
              " extrapolated to the tree.")

    if args.results:
        figures = {s.name: {"wall_s": s.wall, "walls_s": s.walls, "cpu_s": s.cpu,
                            "files_per_s": s.files_per_s, "mb_per_s": s.mb_per_s,
                            "peak_rss_mb": max(s.rss), "files": s.files, "bytes": s.size}
                   for s in [*series, *extra, single_lint, single_yamllint]}
        figures["ratios"] = {
            "vs_yamllint": vs_yamllint, "vs_yamllint_1_thread": vs_yamllint_1,
            "vs_yamllint_same_sample": vs_yamllint_sample,
            "vs_floor_1_thread": vs_floor[1], "vs_floor_2_threads": vs_floor[2],
            "vs_candidates_1_thread": vs_candidates[1],
            "vs_candidates_2_threads": vs_candidates[2], "threads_2_vs_1": scaling,
            "floor_threads_2_vs_1": floor_scaling, "linearity_1_thread": linear[1],
            "linearity_2_threads": linear[2], "peak_rss_mb": peak,
            "load_average_at_start": load,
        }
        with open(args.results, "w") as f:
            json.dump(figures, f, indent=2)
        print(f"figures written to {args.results}")


if __name__ == "__main__":
    main()
