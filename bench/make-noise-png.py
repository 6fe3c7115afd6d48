#!/usr/bin/env python3
"""Writes an incompressible PNG of about the given size: random RGB noise, stored so its byte
count is predictable. Usage: make-noise-png.py OUT BYTES"""
import os, struct, sys, zlib

out, target = sys.argv[1], int(sys.argv[2])
side = int((target / 3) ** 0.5)
raw = bytearray()
for _ in range(side):
    raw += b"\x00" + os.urandom(side * 3)
data = zlib.compress(bytes(raw), 1)

def chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
with open(out, "wb") as f:
    f.write(png)
print(f"{out}: {side}x{side}, {len(png)} bytes")
