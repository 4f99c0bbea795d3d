import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { InvoiceViewModel } from "@/lib/invoices/view-model";
import { InvoiceStatusBadge } from "./status-badge";

const COLUMNS = ["orderNo", "item", "location", "mode", "start", "usage", "unitPrice", "gross", "discount", "voucher", "net"] as const;
const NUMERIC = new Set(["unitPrice", "gross", "discount", "voucher", "net"]);

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
        </Card>
      </div>
      <Card title={L.lines}>
        {vm.lines.length === 0 ? (
          <p className="text-sm text-gray-600">{L.noLines}</p>
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <table className="min-w-full text-left text-xs" data-testid="invoice-lines">
              <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c} scope="col" className={`px-2 py-2 font-medium ${NUMERIC.has(c) ? "whitespace-nowrap text-right" : ""}`}>
                      {L[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-200">
                {vm.lines.map((l) => (
                  <tr key={l.position} data-testid="invoice-line" data-kind={l.kind}>
                    {COLUMNS.map((c) => (
                      <td key={c} className={`px-2 py-2 align-top ${NUMERIC.has(c) ? "whitespace-nowrap text-right tabular-nums" : ""} ${c === "item" ? "min-w-52" : ""} ${c === "net" ? "font-medium text-gray-900" : "text-gray-700"}`}>
                        {l[c]}
                        {c === "item" && l.resourceId && <span className="block font-mono text-[10px] text-gray-500">{l.resourceId}</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={L.payments}>
        {vm.payments.length === 0 ? (
          <p className="text-sm text-gray-600">{L.paymentsEmpty}</p>
        ) : (
          <table className="min-w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-gray-600">
              <tr>
                <th scope="col" className="py-1.5 font-medium">{L.paymentDate}</th>
                <th scope="col" className="py-1.5 font-medium">{L.paymentMethod}</th>
                <th scope="col" className="py-1.5 text-right font-medium">{L.paymentAmount}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {vm.payments.map((p, i) => (
                <tr key={i}>
                  <td className="py-1.5 text-gray-700">{p.date}</td>
                  <td className="py-1.5 text-gray-700">{p.method}</td>
                  <td className="py-1.5 text-right tabular-nums text-gray-900">{p.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
