#!/usr/bin/env python3
"""Measures a full-screen terminal program from the outside, through a pseudo-terminal.

Starts PROGRAM in a pty of the given size (its own session, the pty as its controlling
terminal), drains everything it writes, and reports as one JSON object:

  first_byte_ms   start (just before fork) to the first byte written to the terminal, other
                  than a device attributes query (answered as an xterm without sixel would)
  first_frame_ms  start to the end of the first frame (the last byte before a pause of more
                  than 1 ms: ncurses writes one refresh in one go)
  first_burst_end_ms  start to the last byte before a pause of --quiet-ms
  ready_ms        start to the output chunk that completes --ready-text (e.g. a file name:
                  the listing is on screen), if given
  keys            for each group of --keys: per keystroke, from the write to the first output
                  byte, to the end of the frame drawn (1 ms pause), and to the end of all it set
                  off (--quiet-ms pause: e.g. pixel sizes read for rows scrolled into view and
                  drawn in a second frame); median/p95/max in ms
  idle            over --idle-seconds with no input: CPU time used (utime+stime of all threads,
                  from /proc/PID/stat, 10 ms ticks), context switches of all threads, and
                  memory (VmRSS, RssAnon, RssFile, Pss from smaps_rollup) in MB
  exit            after --quit-key: time to exit and the exit status

Usage: ui-pty.py [--cols 120] [--rows 40] [--ready-text TEXT] [--keys SPEC] [--idle-seconds 10]
                 [--quit-key q] [--settle-ms 500] [--env K=V]... -- PROGRAM [ARGS...]

--keys SPEC: comma-separated groups NAME:KEYS*COUNT, KEYS being one key (a character, or
DOWN, UP, PGDN, PGUP, BS, ENTER, ESC, TAB) or a string typed one key per sample, e.g.
  "down:DOWN*50,up:UP*50,filter-open:/*1,filter-type:img_0123*1,filter-erase:BS*8"
"""
import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

# What xterm sends in keypad-transmit mode (smkx), which ncurses, less and vim switch on: the
# cursor keys as SS3 sequences (terminfo kcud1=\EOB), the others as CSI.
KEYS = {"DOWN": b"\x1bOB", "UP": b"\x1bOA", "PGDN": b"\x1b[6~", "PGUP": b"\x1b[5~", "BS": b"\x7f",
        "ENTER": b"\r", "ESC": b"\x1b", "TAB": b"\t", "HOME": b"\x1bOH", "END": b"\x1bOF"}


class Terminal:
    def __init__(self, argv, env, cols, rows):
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.output = bytearray()
        self.status = None

    def read(self, timeout):
        """Reads what is there within `timeout` seconds; returns (bytes, time of arrival)."""
        ready, _, _ = select.select([self.fd], [], [], max(0, timeout))
        if not ready:
            return b"", None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return None, None  # the program closed the terminal (exited)
        now = time.perf_counter()
        if not data:
            return None, None
        data = self.answer_queries(data)
        if not data:
            return b"", None
        self.output += data
        return data, now

    def answer_queries(self, data):
        """Answers the primary device attributes query (ESC [ c) as a real terminal does, as
        an xterm without sixel, and takes the query bytes out of what was drawn: the UI asks
        what graphics the terminal shows before its first frame, and a terminal that never
        answers would cost the probe's whole timeout."""
        at = data.find(b"\x1b[c")
        if at < 0:
            return data
        os.write(self.fd, b"\x1b[?62;22c")
        begin = data.rfind(b"\x1b_G", 0, at)
        return data[:begin if begin >= 0 else at] + data[at + 3:]

    def burst(self, quiet, limit, ready_text=None, frame_gap=0.001):
        """Waits for output, then reads until `quiet` seconds pass with none. Returns the times
        of the first byte, of the end of the first frame (the last byte before a pause longer
        than `frame_gap`, 1 ms: ncurses writes a refresh in one go, and the next frame takes longer than that to make), of the last byte, and of the
        chunk that completed ready_text; None where there was nothing."""
        first = frame = last = ready = None
        deadline = time.perf_counter() + limit
        mark = len(self.output)
        while time.perf_counter() < deadline:
            wait = quiet if first is not None else deadline - time.perf_counter()
            data, at = self.read(wait)
            if data is None:
                break
            if not data:
                if first is not None:
                    break
                continue
            if first is None:
                first = at
            elif frame is None and at - last > frame_gap:
                frame = last
            last = at
            if ready_text and ready is None and ready_text.encode() in self.output[max(0, mark - len(ready_text.encode())):]:
                ready = at
        if first is not None and frame is None:
            frame = last
        return first, frame, last, ready

    def drain(self, seconds):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            data, _ = self.read(end - time.perf_counter())
            if data is None:
                return

    def write(self, data):
        os.write(self.fd, data)

    def alive(self):
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == self.pid:
            self.status = status
            return False
        return True

    def end(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if not self.alive():
                break
            os.kill(self.pid, sig)
            stop = time.perf_counter() + 5
            while time.perf_counter() < stop and self.alive():
                self.drain(0.05)
        try:
            os.close(self.fd)
        except OSError:
            pass


def proc_cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (all threads)


def proc_switches(pid):
    """Context switches per thread id (threads come and go: Dispatch ends idle workers)."""
    counts = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                counts[task] = sum(int(line.split()[1]) for line in f
                                   if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
        except FileNotFoundError:
            pass
    return counts


def switches_between(before, after):
    """Switches made in between by threads alive at the end (new threads count from zero)."""
    return sum(count - before.get(tid, 0) for tid, count in after.items())


def top_mappings(pid, count=6):
    """The largest resident file mappings, in MB, to say where the memory is."""
    sizes, current = {}, None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5 and ":" in parts[3]:
                current = parts[5] if len(parts) > 5 else "[anon]"
            elif parts[0] == "Rss:" and current is not None:
                sizes[current] = sizes.get(current, 0) + int(parts[1])
    ranked = sorted(sizes.items(), key=lambda item: -item[1])[:count]
    return {os.path.basename(name) or name: round(kb / 1024, 1) for name, kb in ranked}


def proc_memory(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem", "Threads"):
                value = int(line.split()[1])
                out[key] = value if key == "Threads" else round(value / 1024, 1)
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    out["Pss"] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return out


def parse_keys(spec):
    """Groups in order of first appearance; a name given again adds to its group's keys."""
    groups = []
    for part in filter(None, spec.split(",")):
        name, _, rest = part.partition(":")
        keys, _, count = rest.rpartition("*")
        count = int(count)
        if keys in KEYS:
            sequence = [KEYS[keys]] * count
        else:
            sequence = [c.encode() for c in keys] * count
        groups.append((name, sequence))
    return groups



def summary(samples):
    if not samples:
        return None
    ordered = sorted(samples)
    return {"n": len(ordered), "median": round(statistics.median(ordered), 3),
            "p95": round(ordered[min(len(ordered) - 1, int(round((len(ordered) - 1) * 0.95)))], 3),
            "max": round(ordered[-1], 3)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--ready-text")
    parser.add_argument("--ready-timeout", type=float, default=60)
    parser.add_argument("--keys", default="")
    parser.add_argument("--key-gap-ms", type=float, default=30, help="pause between keystrokes")
    parser.add_argument("--quiet-ms", type=float, default=40)
    parser.add_argument("--settle-ms", type=float, default=500)
    parser.add_argument("--idle-seconds", type=float, default=0)
    parser.add_argument("--quit-key", default="")
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no program given")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    for item in args.env:
        key, _, value = item.partition("=")
        env[key] = value

    result = {"command": " ".join(command), "size": f"{args.cols}x{args.rows}"}
    term = Terminal(command, env, args.cols, args.rows)
    try:
        quiet = args.quiet_ms / 1000
        first, frame, last, ready = term.burst(quiet, args.ready_timeout, args.ready_text)
        if first is None:
            result["error"] = "no output"
            print(json.dumps(result))
            return 1
        result["first_byte_ms"] = round((first - term.start) * 1000, 2)
        result["first_frame_ms"] = round((frame - term.start) * 1000, 2)
        result["first_burst_end_ms"] = round((last - term.start) * 1000, 2)
        if args.ready_text:
            if ready is None:
                # The text may come in a later burst (e.g. after the folder is listed).
                stop = time.perf_counter() + args.ready_timeout
                while ready is None and time.perf_counter() < stop:
                    data, at = term.read(stop - time.perf_counter())
                    if data is None:
                        break
                    if data and args.ready_text.encode() in term.output:
                        ready = at
            result["ready_ms"] = round((ready - term.start) * 1000, 2) if ready else None
        term.drain(args.settle_ms / 1000)

        measured = {}
        for name, sequence in parse_keys(args.keys):
            to_first, to_drawn, to_settled, silent = measured.setdefault(name, ([], [], [], [0]))
            for key in sequence:
                term.drain(args.key_gap_ms / 1000)
                sent = time.perf_counter()
                term.write(key)
                first, frame, last, _ = term.burst(quiet, 5)
                if first is None:
                    silent[0] += 1
                    continue
                to_first.append((first - sent) * 1000)
                to_drawn.append((frame - sent) * 1000)
                to_settled.append((last - sent) * 1000)
        if measured:
            result["keys"] = [{"name": name, "to_first_byte": summary(f), "to_drawn": summary(d), "to_settled": summary(t),
                               "no_output": s[0]} for name, (f, d, t, s) in measured.items()]

        if args.idle_seconds > 0:
            term.drain(args.settle_ms / 1000)
            ticks_per_second = os.sysconf("SC_CLK_TCK")
            cpu0, sw0, t0 = proc_cpu_ticks(term.pid), proc_switches(term.pid), time.perf_counter()
            term.drain(args.idle_seconds)
            cpu1, sw1, t1 = proc_cpu_ticks(term.pid), proc_switches(term.pid), time.perf_counter()
            idle = {"seconds": round(t1 - t0, 2), "cpu_ms": round((cpu1 - cpu0) * 1000 / ticks_per_second, 1),
                    "context_switches": switches_between(sw0, sw1), "output_bytes_while_idle": None}
            mark = len(term.output)
            term.drain(0.2)
            idle["output_bytes_while_idle"] = len(term.output) - mark
            idle.update(proc_memory(term.pid))
            idle["largest_mappings_mb"] = top_mappings(term.pid)
            result["idle"] = idle
        else:
            result["memory"] = proc_memory(term.pid)

        if args.quit_key:
            key = KEYS.get(args.quit_key) or args.quit_key.encode().decode("unicode_escape").encode()
            sent = time.perf_counter()
            term.write(key)
            stop = sent + 20
            while time.perf_counter() < stop and term.alive():
                term.drain(0.01)
            if term.status is not None:
                result["exit"] = {"ms": round((time.perf_counter() - sent) * 1000, 1),
                                  "status": os.waitstatus_to_exitcode(term.status)}
            else:
                result["exit"] = {"ms": None, "status": "still running after 20 s"}
    finally:
        term.end()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
