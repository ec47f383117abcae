"""The Markdown tables ``throughput.py`` prints: results, where the time goes, the targets.

Each is ready to paste into benchmarks/README.md.
"""

from __future__ import annotations

from throughput_measures import BATCH_START, Measurement

# Issue 8 and issue 5: what "fast enough" means.
SHARE_OF_BARE_SPACY = 0.80
SPEED_UP_TWO_WORKERS = 1.6
PEAK_PER_WORKER_MIB = 1.5e9 / (1 << 20)  # 1.5 GB


def rate(r: Measurement) -> float:
    return r.articles / r.seconds


def table(results: list[Measurement]) -> str:
    bare = {r.workers: r for r in results if r.mode == "spacy"}
    one = {r.mode: r for r in results if r.workers == 1}
    lines = ["| run | workers | wall s | articles/s | words/s | vs bare spaCy, same workers "
             "| vs 1 worker | CPU s | vs bare spaCy, CPU s | peak RSS per process (MiB) "
             "| load avg before → after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        base = bare.get(r.workers)
        vs_bare = f"{rate(r) / rate(base):.0%}" if base else "–"
        vs_bare_cpu = f"{base.cpu_seconds / r.cpu_seconds:.0%}" if base else "–"
        first = one.get(r.mode)
        vs_one = f"{rate(r) / rate(first):.2f}×" if first else "–"
        lines.append(
            f"| {r.mode} | {r.workers} | {r.seconds:.1f} | {rate(r):.1f} "
            f"| {r.words / r.seconds:,.0f} | {vs_bare} | {vs_one} | {r.cpu_seconds:.1f} "
            f"| {vs_bare_cpu} | {', '.join(f'{m:,.0f}' for m in r.peak_rss_mib)} "
            f"| {r.load[0]:.2f} → {r.load[1]:.2f} |")
    return "\n".join(lines)


def stage_table(results: list[Measurement]) -> str:
    coded = [r for r in results if r.mode == "code"]
    lines = ["| where the time goes (`code`) | " + " | ".join(f"{r.workers} worker(s)"
                                                            for r in coded) + " |",
             "|---|" + "---:|" * len(coded)]
    names = list(dict.fromkeys(k for r in coded for k in r.stages))
    for name in names:
        cells = [f"{r.stages[name]:.1f} s ({r.stages[name] / r.seconds:.0%})"
                 if name in r.stages else "–" for r in coded]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    bare = {r.workers: r for r in results if r.mode == "spacy"}
    for r in results:
        startup = r.stages.get(BATCH_START)
        if r.mode != "batch" or startup is None:
            continue
        warm = r.articles / (r.seconds - startup)
        base = bare.get(r.workers)
        versus = f", {warm / rate(base):.0%} of bare spaCy" if base else ""
        lines.append(f"\n`batch` × {r.workers}: {startup:.1f} s of its wall time is start-up "
                     f"(cluster, a pipeline per worker); without it {warm:.1f} articles/s{versus}.")
    return "\n".join(lines)


def targets(results: list[Measurement], small: list[Measurement]) -> str:
    """Issue 8's targets, and issue 5's on the small corpus, each met or not."""
    rows: list[tuple[str, str, bool]] = []
    for corpus, runs in (("", results), (" (first stories, issue 5)", small)):
        bare = {r.workers: r for r in runs if r.mode == "spacy"}
        for r in runs:
            if r.mode == "code" and r.workers in bare:
                share = rate(r) / rate(bare[r.workers])
                rows.append((f"`code` ≥ {SHARE_OF_BARE_SPACY:.0%} of bare spaCy, {r.workers} "
                             f"worker(s), {r.articles:,} stories{corpus}", f"{share:.0%}",
                             share >= SHARE_OF_BARE_SPACY))
    for mode in ("code", "batch"):
        by_workers = {r.workers: r for r in results if r.mode == mode}
        if 1 in by_workers and 2 in by_workers:
            gain = rate(by_workers[2]) / rate(by_workers[1])
            rows.append((f"`{mode}`: 2 workers ≥ {SPEED_UP_TWO_WORKERS}× one", f"{gain:.2f}×",
                         gain >= SPEED_UP_TWO_WORKERS))
    peaks = [m for r in results if r.mode in ("code", "batch") for m in r.peak_rss_mib]
    if peaks:
        rows.append(("peak memory per process < 1.5 GB (`code` and `batch`)",
                     f"{max(peaks):,.0f} MiB", max(peaks) < PEAK_PER_WORKER_MIB))
    lines = ["| target | measured | met |", "|---|---:|---|"]
    lines += [f"| {name} | {value} | {'yes' if met else '**no**'} |" for name, value, met in rows]
    return "\n".join(lines)


def print_report(results: list[Measurement], small: list[Measurement]) -> None:
    print()
    print(table(results))
    print()
    print(stage_table(results))
    if small:
        print()
        print(table(small))
    print()
    print(targets(results, small))
