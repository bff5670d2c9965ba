"""How the benchmarks report: Markdown tables, printed and appended to bench/results.md under a dated heading."""
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def quick() -> bool:
    """BENCH_QUICK=1: shorter runs, for trying the benchmarks out (the figures are rougher)."""
    return os.environ.get("BENCH_QUICK") == "1"


def table(header: tuple, rows: list[tuple]) -> str:
    return "\n".join("| " + " | ".join(map(str, row)) + " |" for row in [header, ("---",) * len(header), *rows])


def stamp() -> str:
    mode = ", BENCH_QUICK" if quick() else ""
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores{mode}")


def publish(title: str, parts: list[str]) -> None:
    """Print the parts (tables and notes) and append them to results.md as one section."""
    text = "\n\n".join(parts)
    print(f"\n{title}\n\n{text}")
    with open(RESULTS, "a") as results:
        results.write(f"\n## {title} — {stamp()}\n\n{text}\n")
