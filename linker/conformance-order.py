#!/usr/bin/env python3
"""Prints the binary's protocol conformance descriptors in the order of its conformance records.

The Swift runtime answers a protocol's first lookup for a type by reading every record's
descriptor, in record order, and an upload makes about 200 such first lookups. lld leaves the
11,000 descriptors scattered over 37 MB of .rodata; listed in this order in the symbol ordering
file they sit side by side in the order they are read, which the CPU can prefetch.
"""
import struct
import subprocess
import sys

binary = sys.argv[1]
sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
for line in sections.splitlines():
    if "swift5_protocol_conformances" in line:
        fields = line.split("]", 1)[1].split()
        address, offset, size = int(fields[2], 16), int(fields[3], 16), int(fields[4], 16)
        break
else:
    sys.exit(f"{binary}: no swift5_protocol_conformances section")

with open(binary, "rb") as file:
    file.seek(offset)
    records = file.read(size)

# Each record is a 32-bit offset from itself to its descriptor.
targets = [address + at + struct.unpack_from("<i", records, at)[0] for at in range(0, size, 4)]

names = {}
symbols = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
for line in symbols.splitlines():
    fields = line.split()
    if len(fields) == 3 and fields[2].endswith("Mc"):
        names.setdefault(int(fields[0], 16), fields[2])

seen = set()
for target in targets:
    name = names.get(target)
    if name and name not in seen:
        seen.add(name)
        print(name)
