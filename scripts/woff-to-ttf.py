#!/usr/bin/env python3
"""WOFF 1.0 -> TTF (stdlib only), so LibreOffice can use @fontsource/sarabun for the render check."""
import struct, sys, zlib

def convert(src, dst):
    data = open(src, 'rb').read()
    sig, flavor, _len, num, _r, _total, _maj, _min, *_ = struct.unpack('>4sIIHHIHHIIIII', data[:44])
    assert sig == b'wOFF', src
    entries = []
    for i in range(num):
        tag, off, comp, orig, csum = struct.unpack('>4sIIII', data[44 + 20 * i:64 + 20 * i])
        raw = data[off:off + comp]
        entries.append((tag, csum, zlib.decompress(raw) if comp < orig else raw))
    search = 1
    while search * 2 <= num: search *= 2
    entry_sel = search.bit_length() - 1
    out = bytearray(struct.pack('>IHHHH', flavor, num, search * 16, entry_sel, num * 16 - search * 16))
    offset = 12 + 16 * num
    body = bytearray()
    for tag, csum, table in entries:
        out += struct.pack('>4sIII', tag, csum, offset + len(body), len(table))
        body += table + b'\0' * ((4 - len(table) % 4) % 4)
    open(dst, 'wb').write(bytes(out + body))

for src in sys.argv[2:]:
    convert(src, sys.argv[1] + '/' + src.rsplit('/', 1)[-1].replace('.woff', '.ttf'))
