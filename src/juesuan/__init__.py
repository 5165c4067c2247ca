"""juesuan — read, check, render and compare 部门决算公开 reports."""

__version__ = "0.1.0"
