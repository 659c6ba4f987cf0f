"""Run every benchmark in turn (``make bench``)."""

from __future__ import annotations

from bench import extraction_speed

if __name__ == "__main__":
    for bench in (extraction_speed,):
        bench.main()
