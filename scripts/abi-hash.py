#!/usr/bin/env python3
"""Prints the TW_ABI_HASH value for sdk/include/taskweave/abi.h.

The hash is FNV-1a 64 over the header's bytes with the `#define TW_ABI_HASH` line left out.
Run it after an intentional ABI change and paste the value into the header (and bump
TW_ABI_MINOR or TW_ABI_MAJOR); tests/sdk/abi_hash_test.cpp fails until you do.
"""
import pathlib
import sys

header = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                      pathlib.Path(__file__).parent.parent / "sdk/include/taskweave/abi.h")
h = 0xcbf29ce484222325
for line in header.read_bytes().splitlines(keepends=True):
    if line.startswith(b"#define TW_ABI_HASH"):
        continue
    for b in line:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print(f"0x{h:016x}ULL")
