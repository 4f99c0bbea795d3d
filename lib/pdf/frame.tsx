import { Text, View } from "@react-pdf/renderer";
import { PDF_FONT_FAMILY } from "./render";

/** The page of every document: the shared font and ink, with the document's own size and margins. */
export function framePage(o: { fontSize: number; padding: number; paddingBottom: number }) {
  return { fontFamily: PDF_FONT_FAMILY, color: "#111827", ...o };
}

/**
 * The footer on every page: the document's notice on the left, "number · page / pages" on the
 * right, or with `pageLabel` ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页") in words.
 */
export function PageFooter({ text, textWidth, number, inset, bottom, pageLabel }: { text: string; textWidth: number; number: string; inset: number; bottom: number; pageLabel?: string }) {
  return (
    <View style={{ position: "absolute", bottom, left: inset, right: inset, flexDirection: "row", justifyContent: "space-between", color: "#6b7280", fontSize: 7 }} fixed>
      <Text style={{ maxWidth: textWidth }}>{text}</Text>
      <Text
        render={({ pageNumber, totalPages }) =>
          `${number} · ${pageLabel ? pageLabel.replace("{page}", String(pageNumber)).replace("{pages}", String(totalPages)) : `${pageNumber} / ${totalPages}`}`
        }
      />
    </View>
  );
}

/** One line of a document's meta block: a muted label of a fixed width, then the value. */
export function MetaRow({ label, value, labelWidth, gap = 0 }: { label: string; value: string; labelWidth: number; gap?: number }) {
  return (
    <View style={{ flexDirection: "row", ...(gap ? { marginBottom: gap } : {}) }}>
      <Text style={{ width: labelWidth, color: "#4b5563" }}>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}
