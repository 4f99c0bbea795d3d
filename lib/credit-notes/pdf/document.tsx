import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { framePage, MetaRow, PageFooter } from "@/lib/pdf/frame";
import { SellerBlock } from "@/lib/pdf/seller-block";
import type { CreditNoteViewModel } from "../view-model";

const s = StyleSheet.create({
  page: framePage({ fontSize: 9, padding: 40, paddingBottom: 56 }),
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 18 },
  title: { fontSize: 20, marginBottom: 6 },
  muted: { color: "#4b5563" },
  h2: { fontSize: 11, marginBottom: 6, marginTop: 10 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 4 },
  headRow: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#9ca3af", paddingBottom: 3, color: "#374151" },
  num: { textAlign: "right" },
  summaryRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2, gap: 12 },
  strong: { fontSize: 11, color: "#111827" },
});

/** The credit note as a PDF: a pure component over its view-model (portrait A4, the invoice's seller block). */
export function CreditNoteDocument({ vm }: { vm: CreditNoteViewModel }) {
  const L = vm.labels;
  return (
    <Document title={`${vm.title} ${vm.number}`} author={vm.seller.name} subject={vm.creditsInvoice} language={vm.locale}>
      <Page size="A4" style={s.page}>
        <View style={s.header}>
          <SellerBlock seller={vm.seller} nameSize={13} maxWidth={280} />
          <View>
            <Text style={s.title}>
              {vm.title} {vm.number}
            </Text>
            {vm.meta.map((m) => (
              <MetaRow key={m.label} label={m.label} value={m.value} labelWidth={80} gap={2} />
            ))}
          </View>
        </View>
        <Text style={{ fontSize: 11, marginBottom: 10 }}>{vm.creditsInvoice}</Text>

        <Text style={s.h2}>{vm.billedTo.heading}</Text>
        {vm.billedTo.lines.map((l, i) => (
          <Text key={i} style={i === 0 ? { fontSize: 10 } : s.muted}>
            {l}
          </Text>
        ))}

        <Text style={s.h2}>{L.lines}</Text>
        <View style={s.headRow} fixed>
          <Text style={{ width: 260 }}>{L.item}</Text>
          <Text style={{ width: 140 }} />
          <Text style={[{ width: 115 }, s.num]}>{L.amount}</Text>
        </View>
        {vm.lines.map((l, i) => (
          <View key={i} style={s.row} wrap={false}>
            <Text style={{ width: 260, paddingRight: 6 }}>{l.item}</Text>
            <Text style={[{ width: 140 }, s.muted]}>{l.detail}</Text>
            <Text style={[{ width: 115 }, s.num]}>{l.amount}</Text>
          </View>
        ))}

        <View style={{ marginTop: 14, marginLeft: 235, width: 280 }} wrap={false}>
          {vm.summary.map((r) => (
            <View key={r.label} style={s.summaryRow}>
              <Text style={r.strong ? s.strong : s.muted}>{r.label}</Text>
              <Text style={[r.strong ? s.strong : {}, { maxWidth: 180, textAlign: "right" }]}>{r.value}</Text>
            </View>
          ))}
        </View>

        <PageFooter text={L.footer} textWidth={380} number={vm.number} inset={40} bottom={24} />
      </Page>
    </Document>
  );
}
