#!/usr/bin/env python
"""Same as the `zhengwu` console command (see zhengwu/cli.py)."""

from zhengwu.cli import main

if __name__ == "__main__":
    main()
