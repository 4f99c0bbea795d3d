import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { framePage, MetaRow, PageFooter } from "@/lib/pdf/frame";
import type { Locale } from "@/lib/i18n/config";
import { SellerBlock } from "@/lib/pdf/seller-block";
import type { SellerView } from "@/lib/seller-view";

export interface ReceiptViewModel {
  locale: Locale;
  number: string;
  labels: Record<"appName" | "title" | "number" | "date" | "amount" | "method" | "purpose" | "status" | "receivedFrom" | "accountId" | "taxId" | "refunded" | "paymentId" | "footer" | "issuer", string>;
  seller: SellerView;
  date: string;
  amount: string;
  refunded: string | null;
  method: string;
  purpose: string;
  status: string;
  paymentId: string;
  accountId: string;
  accountName: string;
  company: string | null;
  address: string | null;
  taxId: string | null;
}

const s = StyleSheet.create({
  page: framePage({ fontSize: 10, padding: 48, paddingBottom: 64 }),
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 28 },
  muted: { color: "#4b5563" },
  title: { fontSize: 22, marginBottom: 4, textAlign: "right" },
  h2: { fontSize: 9, color: "#4b5563", marginBottom: 4, textTransform: "uppercase" },
  cols: { flexDirection: "row", gap: 32, marginBottom: 24 },
  col: { flexGrow: 1, flexBasis: 0 },
  amountBox: { marginTop: 8, marginBottom: 20, padding: 12, backgroundColor: "#f0fdf4", flexDirection: "row", justifyContent: "space-between", alignItems: "center" },
  amount: { fontSize: 18 },
});

/** A top-up receipt on one A4 page: a pure component over its view-model. */
export function ReceiptDocument({ vm }: { vm: ReceiptViewModel }) {
  const L = vm.labels;
  return (
    <Document title={`${L.title} ${vm.number}`} author={L.appName} language={vm.locale}>
      <Page size="A4" style={s.page}>
        <View style={s.header}>
          <SellerBlock seller={vm.seller} heading={L.issuer} maxWidth={300} />
          <View>
            <Text style={s.title}>{L.title}</Text>
            <Text style={{ textAlign: "right" }}>{vm.number}</Text>
          </View>
        </View>
        <View style={s.cols}>
          <View style={s.col}>
            <Text style={s.h2}>{L.receivedFrom}</Text>
            <Text>{vm.company ?? vm.accountName}</Text>
            {vm.company && vm.company !== vm.accountName ? <Text style={s.muted}>{vm.accountName}</Text> : null}
            {vm.address ? <Text style={s.muted}>{vm.address}</Text> : null}
            {vm.taxId ? <Text style={s.muted}>{`${L.taxId}: ${vm.taxId}`}</Text> : null}
            <Text style={s.muted}>{`${L.accountId}: ${vm.accountId}`}</Text>
          </View>
          <View style={s.col}>
            <MetaRow label={L.number} value={vm.number} labelWidth={90} gap={3} />
            <MetaRow label={L.date} value={vm.date} labelWidth={90} gap={3} />
            <MetaRow label={L.purpose} value={vm.purpose} labelWidth={90} gap={3} />
            <MetaRow label={L.method} value={vm.method} labelWidth={90} gap={3} />
            <MetaRow label={L.status} value={vm.status} labelWidth={90} gap={3} />
          </View>
        </View>
        <View style={s.amountBox}>
          <Text>{L.amount}</Text>
          <Text style={s.amount}>{vm.amount}</Text>
        </View>
        {vm.refunded ? <MetaRow label={L.refunded} value={vm.refunded} labelWidth={90} gap={3} /> : null}
        <MetaRow label={L.paymentId} value={vm.paymentId} labelWidth={90} />
        <PageFooter text={L.footer} textWidth={400} number={vm.number} inset={48} bottom={28} />
      </Page>
    </Document>
  );
}
