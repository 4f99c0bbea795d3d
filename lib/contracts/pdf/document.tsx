import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { framePage, MetaRow, PageFooter } from "@/lib/pdf/frame";
import { SellerBlock } from "@/lib/pdf/seller-block";
import { Watermark } from "@/lib/pdf/watermark";
import type { ContractViewModel } from "../view-model";

const s = StyleSheet.create({
  page: framePage({ fontSize: 9, padding: 40, paddingBottom: 56 }),
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 18 },
  brand: { fontSize: 14, color: "#1d4ed8" },
  title: { fontSize: 20, marginBottom: 6 },
  muted: { color: "#4b5563" },
  parties: { flexDirection: "row", gap: 24, marginBottom: 14 },
  col: { flexGrow: 1, flexBasis: 0 },
  h2: { fontSize: 11.5, marginBottom: 4, marginTop: 10, color: "#1f2937" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 3 },
  headRow: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#9ca3af", paddingBottom: 3, color: "#374151" },
  clause: { marginBottom: 4 },
  sigs: { flexDirection: "row", gap: 24, marginTop: 8 },
  sig: { flexGrow: 1, flexBasis: 0, borderTopWidth: 1, borderTopColor: "#9ca3af", paddingTop: 6 },
  sigName: { fontSize: 13, color: "#1e3a8a", marginBottom: 2 },
});

/** The contract as a PDF: a pure component over the view-model (no data access, no clock). */
export function ContractDocument({ vm }: { vm: ContractViewModel }) {
  const L = vm.labels;
  return (
    <Document title={`${vm.title} ${vm.number}`} author={L.appName} subject={vm.title} language={vm.locale}>
      <Page size="A4" style={s.page}>
        {vm.watermark ? <Watermark text={vm.watermark} top={330} /> : null}
        <View style={s.header}>
          <View>
            <Text style={s.brand}>{L.appName}</Text>
            <Text style={s.title}>{vm.title}</Text>
          </View>
          <View>
            <Meta label={L.number} value={vm.number} />
            <Meta label={L.template} value={`v${vm.templateVersion}`} />
            <Meta label={L.status} value={vm.statusLabel} />
          </View>
        </View>

        <View style={s.parties}>
          <View style={s.col}>
            <SellerBlock seller={vm.provider} heading={L.provider} headingStyle={s.h2} nameSize={11} />
          </View>
          <Party heading={L.customer} name={vm.customer.name} lines={vm.customer.lines} />
        </View>

        <Text style={s.h2}>{L.terms}</Text>
        {vm.terms.map((r) => (
          <View key={r.label} style={s.row}>
            <Text style={{ width: 170, color: "#4b5563" }}>{r.label}</Text>
            <Text style={{ flexGrow: 1, flexBasis: 0 }}>{r.value}</Text>
          </View>
        ))}

        {vm.items.length > 0 ? (
          <View>
            <Text style={s.h2}>{L.items}</Text>
            <View style={s.headRow}>
              <Text style={{ flexGrow: 1, flexBasis: 0 }}>{L.product}</Text>
              <Text style={{ width: 70, textAlign: "right" }}>{L.quantity}</Text>
              <Text style={{ width: 110, paddingLeft: 8 }}>{L.unit}</Text>
            </View>
            {vm.items.map((i, n) => (
              <View key={n} style={s.row} wrap={false}>
                <Text style={{ flexGrow: 1, flexBasis: 0 }}>{i.product}</Text>
                <Text style={{ width: 70, textAlign: "right" }}>{i.quantity}</Text>
                <Text style={{ width: 110, paddingLeft: 8 }}>{i.unit}</Text>
              </View>
            ))}
          </View>
        ) : null}

        <View style={{ marginTop: 8 }}>
          {vm.clauses.map((c, n) => (
            <View key={n} style={s.clause} wrap={false}>
              <Text style={s.h2}>{`${n + 1}. ${c.heading}`}</Text>
              <Text>{c.body}</Text>
            </View>
          ))}
        </View>

        <View wrap={false}>
          <Text style={[s.h2, { marginTop: 16 }]}>{L.signatures}</Text>
          <View style={s.sigs}>
            {vm.signatures.map((g, n) => (
              <View key={n} style={s.sig}>
                <Text style={s.muted}>{g.party}</Text>
                {g.name ? <Text style={s.sigName}>{g.name}</Text> : <Text style={[s.sigName, { color: "#9ca3af" }]}>{L.notSigned}</Text>}
                {g.title ? <Meta label={L.jobTitle} value={g.title} /> : null}
                {g.date ? <Meta label={L.date} value={g.date} /> : null}
                {g.address ? <Meta label={L.address} value={g.address} /> : null}
              </View>
            ))}
          </View>
        </View>

        <PageFooter text={vm.footer} textWidth={400} number={vm.number} inset={40} bottom={22} />
      </Page>
    </Document>
  );
}

function Party({ heading, name, lines }: { heading: string; name: string; lines: string[] }) {
  return (
    <View style={s.col}>
      <Text style={s.h2}>{heading}</Text>
      <Text style={{ fontSize: 11 }}>{name}</Text>
      {lines.map((l, i) => (
        <Text key={i} style={s.muted}>
          {l}
        </Text>
      ))}
    </View>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return <MetaRow label={label} value={value} labelWidth={80} />;
}
