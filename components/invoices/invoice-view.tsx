import type { ReactNode } from "react";
import { Card, ListCard } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { InvoiceViewModel } from "@/lib/invoices/view-model";
import { InvoiceStatusBadge } from "./status-badge";

const COLUMNS = ["orderNo", "item", "location", "mode", "start", "usage", "gross", "discount", "voucher", "net"] as const;
const NUMERIC = new Set(["gross", "discount", "voucher", "net"]);

/** One invoice on screen, from the same view-model as its PDF. */
export function InvoiceView({ vm, actions }: { vm: InvoiceViewModel; actions?: ReactNode }) {
  const L = vm.labels;
  return (
    <div className="space-y-4" data-testid="invoice-view">
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={L.billedTo}>
          <div className="space-y-0.5 text-sm text-gray-800" data-testid="billed-to">
            <p className="font-medium text-gray-900">{vm.billedTo.companyName}</p>
            {vm.billedTo.address && <p>{vm.billedTo.address}</p>}
            {vm.billedTo.country && <p>{vm.billedTo.country}</p>}
            {vm.billedTo.taxId && <p>{`${L.taxId}: ${vm.billedTo.taxId}`}</p>}
            {vm.billedTo.billingEmail && <p>{vm.billedTo.billingEmail}</p>}
            <p className="break-all text-xs text-gray-600">{`${L.accountId}: ${vm.accountId}`}</p>
          </div>
        </Card>
        <Card title={`${L.invoice} ${vm.number}`}>
          <dl className="space-y-1.5 text-sm">
            {[
              [L.period, `${vm.period} · ${vm.periodRange}`],
              [L.issued, vm.issued],
              [L.due, vm.due],
              [L.terms, vm.terms],
            ].map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4">
                <dt className="text-gray-600">{k}</dt>
                <dd className="text-right text-gray-900">{v}</dd>
              </div>
            ))}
            <div className="flex justify-between gap-4">
              <dt className="text-gray-600">{L.status}</dt>
              <dd>
                <InvoiceStatusBadge status={vm.status} label={vm.statusLabel} />
              </dd>
            </div>
          </dl>
          {actions && <div className="mt-4 flex flex-wrap gap-2">{actions}</div>}
        </Card>
        <Card title={L.summary}>
          <dl className="space-y-1.5 text-sm" data-testid="invoice-summary">
            {vm.summary.map((r) => (
              <div key={r.key} className={`flex justify-between gap-4 ${r.strong ? "border-t border-gray-100 pt-1.5 font-semibold text-gray-900" : "text-gray-700"}`} data-testid={`sum-${r.key}`}>
                <dt>{r.label}</dt>
                <dd className="tabular-nums">{r.value}</dd>
              </div>
            ))}
          </dl>
          {vm.taxNote && (
            <p className="mt-3 text-sm text-gray-600" data-testid="tax-note">
              {vm.taxNote}
            </p>
          )}
        </Card>
      </div>
      <InvoiceLines vm={vm} />
      <InvoicePayments vm={vm} />
    </div>
  );
}

function InvoiceLines({ vm }: { vm: InvoiceViewModel }) {
  const L = vm.labels;
  return (
    <ListCard title={L.lines} isEmpty={vm.lines.length === 0} emptyText={L.noLines}>
      <div className="-mx-5">
        <Table frame="bare" density="compact" small testId="invoice-lines" columns={COLUMNS.map((c) => ({ key: c, label: L[c], numeric: NUMERIC.has(c) }))}>
          {vm.lines.map((l) => (
            <tr key={l.position} data-testid="invoice-line" data-kind={l.kind}>
              {COLUMNS.map((c) => (
                <Td key={c} numeric={NUMERIC.has(c)} tone={c === "net" ? "strong" : "default"} className={`align-top ${c === "item" ? "min-w-52" : ""} ${c === "start" || c === "usage" ? "whitespace-nowrap" : ""}`}>
                  {l[c]}
                  {c === "item" && l.resourceId && <span className="block font-mono text-[10px] text-gray-500">{l.resourceId}</span>}
                  {c === "start" && l.end && <span className="block whitespace-nowrap">{`– ${l.end}`}</span>}
                </Td>
              ))}
            </tr>
          ))}
        </Table>
      </div>
    </ListCard>
  );
}

function InvoicePayments({ vm }: { vm: InvoiceViewModel }) {
  const L = vm.labels;
  return (
    <ListCard title={L.payments} isEmpty={vm.payments.length === 0} emptyText={L.paymentsEmpty}>
      <Table frame="bare" density="compact" columns={[{ label: L.paymentDate }, { label: L.paymentMethod }, { label: L.paymentAmount, numeric: true }]}>
        {vm.payments.map((p, i) => (
          <tr key={i}>
            <Td>{p.date}</Td>
            <Td>{p.method}</Td>
            <Td numeric>{p.amount}</Td>
          </tr>
        ))}
      </Table>
    </ListCard>
  );
}
