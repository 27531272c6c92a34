#!/usr/bin/env python3
"""Plots compile time against tunnels from scripts/bench.sh's CSV, as SVG (no packages needed).

Log-log axes: the networks span 12 to ~20,000 tunnels, and linear growth is then a line of
slope 1, drawn dotted through the largest network for comparison.
Usage: bench/plot.py results.csv results.svg
"""
import csv
import math
import sys

W, H, L, R, T, B = 640, 420, 70, 170, 30, 50
SERIES = [("wall_s", "compile (whole process)", "#1f77b4"),
          ("cp_s", "cp -r of its output", "#ff7f0e"),
          ("recompile_s", "recompile, nothing changed", "#2ca02c")]


def kind(row):
    """The topology of a case: "hub" for hub-N, "mesh" for the rest (mesh-N and the reference)."""
    return "hub" if row["case"].startswith("hub") else "mesh"


def main(src, dst):
    rows = sorted(csv.DictReader(open(src, newline="")), key=lambda r: int(r["tunnels"]))
    xs = [int(r["tunnels"]) for r in rows]
    ys = [float(r[k]) for r in rows for k, _, _ in SERIES]
    x0, x1 = 10 ** math.floor(math.log10(min(xs))), 10 ** math.ceil(math.log10(max(xs)))
    y0, y1 = 10 ** math.floor(math.log10(max(min(ys), 0.001))), 10 ** math.ceil(math.log10(max(ys)))

    def px(x):
        return L + (math.log10(x) - math.log10(x0)) / (math.log10(x1) - math.log10(x0)) * (W - L - R)

    def py(y):
        y = max(y, y0)
        return H - B - (math.log10(y) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)) * (H - T - B)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{L}" y="18" font-size="14">vpnc compile time against tunnels (log-log)</text>']
    d = 0
    while x0 * 10 ** d <= x1:
        v = x0 * 10 ** d
        out.append(f'<line x1="{px(v):.1f}" y1="{T}" x2="{px(v):.1f}" y2="{H - B}" stroke="#ddd"/>')
        out.append(f'<text x="{px(v):.1f}" y="{H - B + 16}" text-anchor="middle">{v:g}</text>')
        d += 1
    d = 0
    while y0 * 10 ** d <= y1 * 1.0001:
        v = y0 * 10 ** d
        out.append(f'<line x1="{L}" y1="{py(v):.1f}" x2="{W - R}" y2="{py(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{v:g} s</text>')
        d += 1
    out.append(f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">tunnels</text>')
    # Linear growth through the largest network's compile time.
    top = rows[-1]
    k = float(top["wall_s"]) / int(top["tunnels"])
    out.append(f'<line x1="{px(x0):.1f}" y1="{py(k * x0):.1f}" x2="{px(x1):.1f}" y2="{py(k * x1):.1f}" '
               f'stroke="#999" stroke-dasharray="3,3"/>')
    # One line per topology (full meshes with the reference; hub-and-spoke), squares for hubs.
    kinds = sorted({kind(r) for r in rows})
    for i, (key, label, color) in enumerate(SERIES):
        for k in kinds:
            pts = " ".join(f"{px(x):.1f},{py(float(r[key])):.1f}" for x, r in zip(xs, rows) if kind(r) == k)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, r in zip(xs, rows):
            cx, cy = px(x), py(float(r[key]))
            if kind(r) == "hub":
                out.append(f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{color}">'
                           f'<title>{r["case"]}: {r[key]} s</title></rect>')
            else:
                out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{color}">'
                           f'<title>{r["case"]}: {r[key]} s</title></circle>')
        ly = T + 10 + 20 * i
        out.append(f'<line x1="{W - R + 10}" y1="{ly}" x2="{W - R + 30}" y2="{ly}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<text x="{W - R + 34}" y="{ly + 4}">{label}</text>')
    ly = T + 10 + 20 * len(SERIES)
    out.append(f'<line x1="{W - R + 10}" y1="{ly}" x2="{W - R + 30}" y2="{ly}" stroke="#999" stroke-dasharray="3,3"/>')
    out.append(f'<text x="{W - R + 34}" y="{ly + 4}">linear growth</text>')
    if "hub" in kinds:
        ly += 20
        out.append(f'<rect x="{W - R + 16}" y="{ly - 4}" width="8" height="8" fill="#555"/>')
        out.append(f'<text x="{W - R + 34}" y="{ly + 4}">hub-and-spoke</text>')
    for x, r in zip(xs, rows):
        # Hub cases one line higher: their tunnel counts fall near the meshes'.
        y = H - B - (18 if kind(r) == "hub" else 6)
        out.append(f'<text x="{px(x):.1f}" y="{y}" text-anchor="middle" font-size="10" fill="#555">{r["case"]}</text>')
    out.append("</svg>")
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
