"""Reads `perf script` output (with call stacks): shared by bench/perf-components.py and bench/perf-layers.py."""


def samples(path):
    """Each sample as a list of lines: its header (comm, tid, ...) and then one line per stack frame."""
    current = None
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif not line[0].isspace():
                current = [line.strip()]
            elif current is not None:
                current.append(line.strip())
    if current:
        yield current
