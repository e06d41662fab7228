#!/usr/bin/env python3
"""Builds Parley's bundled emoji set from the npm package emoji-datasource-twitter 16.0.0.

Twemoji graphics: (c) Twitter, Inc and other contributors, CC-BY 4.0; emoji-data: (c) Cal Henderson, MIT.
Run from the project root, with `npm`, ImageMagick `convert` and `pngquant` on the PATH:

    python3 src/build/emoji/make-assets.py

It writes src/main/resources/dev/parley/app/emoji/png/<code points>.png (40 px, palette-quantized to 50-80 quality;
only the emoji actually shown are ever decoded) and .../emoji/emoji.tsv, one emoji a line in the
order of the Unicode emoji list:
    unified <TAB> non-qualified <TAB> category <TAB> short names (comma) <TAB> skin-tone variants (space)
"""
import json, os, pathlib, shutil, subprocess, sys, tarfile, tempfile

OUT = pathlib.Path("src/main/resources/dev/parley/app/emoji")
SIZE = 40

def main():
    work = pathlib.Path(tempfile.mkdtemp())
    subprocess.run(["npm", "pack", "emoji-datasource-twitter@16.0.0"], cwd=work, check=True)
    with tarfile.open(next(work.glob("*.tgz"))) as tgz:
        tgz.extractall(work)
    pkg = work / "package"
    data = [e for e in json.load(open(pkg / "emoji.json")) if e.get("has_img_twitter")]
    data.sort(key=lambda e: e["sort_order"])
    png = OUT / "png"
    shutil.rmtree(png, ignore_errors=True)
    png.mkdir(parents=True)
    lines = []
    for e in data:
        variants = [v["unified"] for v in (e.get("skin_variations") or {}).values() if v.get("has_img_twitter")]
        lines.append("\t".join([e["unified"].lower(), (e.get("non_qualified") or "").lower(), e["category"],
                                ",".join(e["short_names"]), " ".join(v.lower() for v in variants)]))
        for code in [e["unified"]] + variants:
            source = pkg / "img" / "twitter" / "64" / (code.lower() + ".png")
            subprocess.run(["convert", str(source), "-resize", f"{SIZE}x{SIZE}", "-strip",
                            str(png / source.name)], check=True)
    (OUT / "emoji.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = sorted(str(p) for p in png.glob("*.png"))
    for i in range(0, len(files), 200):
        subprocess.run(["pngquant", "--quality=50-80", "--speed", "1", "--strip", "--force", "--ext", ".png"]
                       + files[i:i + 200], check=True)
    shutil.rmtree(work)

if __name__ == "__main__":
    sys.exit(main())
