import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { framePage, MetaRow, PageFooter } from "@/lib/pdf/frame";
import { SellerBlock } from "@/lib/pdf/seller-block";
import { Watermark } from "@/lib/pdf/watermark";
import type { InvoiceViewModel } from "../view-model";

/** How a copy in another language is marked: a watermark on every page, a line under the title and the footer naming the original. */
export interface CopyMark {
  watermark: string;
  notice: string;
  footer: string;
}

const s = StyleSheet.create({
  page: framePage({ fontSize: 8, padding: 32, paddingBottom: 48 }),
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 16 },
  title: { fontSize: 20, marginBottom: 4 },
  muted: { color: "#4b5563" },
  box: { flexDirection: "row", gap: 24, marginBottom: 16 },
  col: { flexGrow: 1, flexBasis: 0 },
  h2: { fontSize: 11, marginBottom: 6, marginTop: 6 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 3 },
  headRow: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#9ca3af", paddingBottom: 3, color: "#374151" },
  num: { textAlign: "right" },
  small: { fontSize: 6, color: "#6b7280" },
  summaryRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  strong: { fontSize: 10, color: "#111827" },
  mark: { marginTop: 6, marginBottom: 4, alignSelf: "flex-start", borderWidth: 1.5, borderRadius: 3, paddingVertical: 2, paddingHorizontal: 8, fontSize: 13, letterSpacing: 1 },
  copyNotice: { marginTop: -8, marginBottom: 12, paddingVertical: 4, paddingHorizontal: 6, backgroundColor: "#fef2f2", color: "#991b1b", fontSize: 9 },
});

/** The mark's ink: green when paid, amber when paid in part, red when nothing is paid yet. */
const MARK_COLOR = { paid: "#15803d", partial: "#b45309", unpaid: "#b91c1c" } as const;

const COLUMNS = [
  // The full width of a landscape A4 page inside its margins (778 pt); the money columns fit
  // "-US$12,345.67" (简体中文 prefixes US$) on one line, the service period its start and end
  // on two, "74,400 Mbps-hours × US$0.0125" two at most.
  { key: "orderNo", width: 64 },
  { key: "item", width: 160 },
  { key: "location", width: 72 },
  { key: "mode", width: 70 },
  { key: "start", width: 74 },
  { key: "usage", width: 112 },
  { key: "gross", width: 58, num: true },
  { key: "discount", width: 54, num: true },
  { key: "voucher", width: 54, num: true },
  { key: "net", width: 60, num: true },
] as const;

/** The invoice as a PDF: a pure component over the view-model (no data access, no clock); `copy` marks a copy rendered after issue. */
export function InvoiceDocument({ vm, copy }: { vm: InvoiceViewModel; copy?: CopyMark }) {
  const L = vm.labels;
  return (
    <Document title={`${L.invoice} ${vm.number}${copy ? ` (${copy.watermark})` : ""}`} author={L.appName} subject={`${L.period} ${vm.period}`} language={vm.locale}>
      <Page size="A4" orientation="landscape" style={s.page}>
        {copy ? <Watermark text={copy.watermark} top={230} /> : null}
        <View style={s.header}>
          <SellerBlock seller={vm.seller} nameSize={14} maxWidth={380} />
          <View>
            <Text style={s.title}>
              {L.invoice} {vm.number}
            </Text>
            <Meta label={L.period} value={`${vm.period} · ${vm.periodRange}`} />
            <Meta label={L.issued} value={vm.issued} />
            <Meta label={L.due} value={vm.due} />
            <Meta label={L.terms} value={vm.terms} />
            <Text style={[s.mark, { color: MARK_COLOR[vm.mark], borderColor: MARK_COLOR[vm.mark] }]}>{vm.markLabel}</Text>
            <Text style={s.muted}>{vm.markAsOf}</Text>
          </View>
        </View>
        {copy ? <Text style={s.copyNotice}>{copy.notice}</Text> : null}

        <View style={s.box}>
          <View style={s.col}>
            <Text style={s.h2}>{L.billedTo}</Text>
            <Text style={{ fontSize: 10 }}>{vm.billedTo.companyName}</Text>
            {vm.billedTo.address ? <Text>{vm.billedTo.address}</Text> : null}
            {vm.billedTo.country ? <Text>{vm.billedTo.country}</Text> : null}
            {vm.billedTo.taxId ? <Text>{`${L.taxId}: ${vm.billedTo.taxId}`}</Text> : null}
            {vm.billedTo.billingEmail ? <Text>{vm.billedTo.billingEmail}</Text> : null}
            <Text style={s.muted}>{`${L.accountId}: ${vm.accountId}`}</Text>
          </View>
          <View style={[s.col, { maxWidth: 260 }]}>
            <Text style={s.h2}>{L.summary}</Text>
            {vm.summary.map((r) => (
              <View key={r.key} style={s.summaryRow}>
                <Text style={r.strong ? s.strong : s.muted}>{r.label}</Text>
                <Text style={r.strong ? s.strong : {}}>{r.value}</Text>
              </View>
            ))}
            {vm.taxNote ? <Text style={[s.muted, { marginTop: 4 }]}>{vm.taxNote}</Text> : null}
          </View>
        </View>

        <Text style={s.h2}>{L.lines}</Text>
        <View style={s.headRow} fixed>
          {COLUMNS.map((c) => (
            <Text key={c.key} style={[{ width: c.width, paddingRight: 4 }, "num" in c ? s.num : {}]}>
              {L[c.key]}
            </Text>
          ))}
        </View>
        {vm.lines.length === 0 ? <Text style={[s.muted, { paddingVertical: 6 }]}>{L.noLines}</Text> : null}
        {vm.lines.map((l) => (
          <View key={l.position} style={s.row} wrap={false}>
            {COLUMNS.map((c) => (
              <View key={c.key} style={{ width: c.width, paddingRight: 4 }}>
                <Text style={"num" in c ? s.num : {}}>{l[c.key]}</Text>
                {c.key === "start" && l.end ? <Text>{`– ${l.end}`}</Text> : null}
                {c.key === "item" && l.resourceId ? <Text style={s.small}>{l.resourceId}</Text> : null}
              </View>
            ))}
          </View>
        ))}

        <View wrap={false}>
          <Text style={[s.h2, { marginTop: 14 }]}>{L.payments}</Text>
          {vm.payments.length === 0 ? <Text style={s.muted}>{L.paymentsEmpty}</Text> : null}
          {vm.payments.map((p, i) => (
            <View key={i} style={s.row}>
              <Text style={{ width: 100 }}>{p.date}</Text>
              <Text style={{ width: 300 }}>{p.method}</Text>
              <Text style={[{ width: 80 }, s.num]}>{p.amount}</Text>
            </View>
          ))}
        </View>

        <PageFooter text={copy ? copy.footer : L.footer} textWidth={600} number={vm.number} inset={32} bottom={20} pageLabel={L.page} />
      </Page>
    </Document>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return <MetaRow label={label} value={value} labelWidth={70} gap={2} />;
}
