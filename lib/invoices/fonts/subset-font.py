# Makes NotoSansSC-Regular.ttf: Noto Sans CJK SC (OFL 1.1) subset to GB 2312 + Latin +
# punctuation, CFF outlines converted to TrueType (react-pdf embeds TrueType reliably).
# Needs python3-fonttools and fonts-noto-cjk (Debian). Usage: python3 subset-font.py out.ttf
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
import sys
src = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
coll = TTCollection(src)
idx = [i for i,f in enumerate(coll.fonts) if "SC" in f["name"].getDebugName(1)][0]
font = TTFont(src, fontNumber=idx)
print(font["name"].getDebugName(1), font["name"].getDebugName(4))
# GB2312 characters
chars = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try: chars.add(ord(bytes([b1,b2]).decode("gb2312")))
        except Exception: pass
chars |= set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070)) | set(range(0x20A0, 0x20C0)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2116, 0x2122, 0x2190, 0x2192}
opts = subset.Options(); opts.layout_features = ["kern"]; opts.name_IDs = ["*"]; opts.hinting = False; opts.notdef_outline = True; opts.drop_tables += ["GSUB","GPOS","VORG","vhea","vmtx"]
s = subset.Subsetter(opts); s.populate(unicodes=chars); s.subset(font)
# CFF -> TrueType glyf (quadratic), which every PDF toolchain reads
gs = font.getGlyphOrder(); glyphSet = font.getGlyphSet()
glyf = newTable("glyf"); glyf.glyphOrder = gs; glyf.glyphs = {}
for name in gs:
    pen = TTGlyphPen(glyphSet)
    glyphSet[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
font["glyf"] = glyf; font["loca"] = newTable("loca")
maxp = font["maxp"]; maxp.tableVersion = 0x00010000
for a in ("maxZones","maxTwilightPoints","maxStorage","maxFunctionDefs","maxInstructionDefs","maxStackElements","maxSizeOfInstructions","maxComponentElements"):
    setattr(maxp, a, 0)
maxp.maxZones = 1
post = font["post"]; post.formatType = 2.0; post.extraNames = []; post.mapping = {}; post.glyphOrder = gs
del font["CFF "]
font["head"].glyphDataFormat = 0
font.sfntVersion = "\x00\x01\x00\x00"
font.save(sys.argv[1])
print("glyphs", len(gs))
