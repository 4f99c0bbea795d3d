import { useFormatter, useTranslations } from "next-intl";
import { RevokePlatformKeyButton } from "@/components/platform-keys/platform-key-forms";
import { Table, Td } from "@/components/ui/table";

export interface PlatformKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = ["colName", "colPrefix", "colCreated", "colLastUsed", "colExpires", "colStatus"] as const;

/** The platform keys (never their secret), newest first; a revoke button per live key for those who may. */
export function PlatformKeyTable({ keys, now, canManage }: { keys: PlatformKeyView[]; now: Date; canManage: boolean }) {
  const t = useTranslations("platformKeys");
  const format = useFormatter();
  if (keys.length === 0) return <p className="text-sm text-gray-600">{t("none")}</p>;
  const when = (d: Date | null, empty: string) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) : empty);
  const status = (k: PlatformKeyView) => (k.revokedAt ? t("revokedOn", { date: when(k.revokedAt, "") }) : k.expiresAt && k.expiresAt <= now ? t("expired") : t("active"));
  const columns = [...COLUMNS.map((k) => ({ key: k, label: t(k) })), ...(canManage ? [{ key: "revoke", label: <span className="sr-only">{t("revoke")}</span> }] : [])];
  return (
    <Table frame="bare" density="compact" testId="platform-keys-table" columns={columns}>
      {keys.map((k) => (
        <tr key={k.id} data-testid="platform-key-row">
          <Td tone="strong">{k.name}</Td>
          <Td className="whitespace-nowrap font-mono">{k.prefix}…</Td>
          <Td>{when(k.createdAt, t("never"))}</Td>
          <Td>{when(k.lastUsedAt, t("never"))}</Td>
          <Td>{when(k.expiresAt, t("noExpiry"))}</Td>
          <Td>{status(k)}</Td>
          {canManage && <Td className="text-right">{!k.revokedAt && <RevokePlatformKeyButton keyId={k.id} name={k.name} prefix={k.prefix} />}</Td>}
        </tr>
      ))}
    </Table>
  );
}
