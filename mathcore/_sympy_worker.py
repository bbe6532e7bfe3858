"""Entry point of the bounded-evaluation worker: ``python -m mathcore._sympy_worker FD MEMORY_LIMIT``."""
import sys

from mathcore.bounded import _worker_main

if __name__ == "__main__":
    _worker_main(int(sys.argv[1]), int(sys.argv[2]))
