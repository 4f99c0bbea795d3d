import { z } from "zod";
import { isDemoMode } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dollars, type Micros, MICROS_PER_CENT, parseMoney } from "@/lib/money";

/** Beyond the seed's one threshold: up to five, each with its own reminders. */
export const MAX_THRESHOLDS = 5;
export const THRESHOLD_MAX: Micros = dollars(10_000_000);

/** Threshold inputs are named threshold_0 … threshold_4 (a form sends each as its own field). */
export const thresholdField = (i: number) => `threshold_${i}`;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const slot = z.string().max(40, "alerts.errors.threshold").optional();

/** What the settings form sends; `parseAlertSettings` turns it into amounts and a URL. */
export const AlertSettingsSchema = z.object({
  enabled: checkbox,
  webhookUrl: z.string().trim().max(500, "alerts.errors.webhookUrl").optional(),
  threshold_0: slot,
  threshold_1: slot,
  threshold_2: slot,
  threshold_3: slot,
  threshold_4: slot,
});
export type AlertSettingsInput = z.infer<typeof AlertSettingsSchema>;

export interface AlertSettingsValues {
  enabled: boolean;
  /** Distinct, in ascending order. */
  thresholds: Micros[];
  webhookUrl: string | null;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Plain http to this machine is for developing a receiver: allowed in demo mode (the demo,
 * `npm run dev`, the tests), refused in production, where it would let a customer make the
 * server post to its own local services.
 */
export function localHttpAllowed(): boolean {
  return isDemoMode();
}

/** https anywhere; plain http only to this machine, when allowed. Returns an error key or null. */
export function webhookUrlError(raw: string, opts: { allowLocalHttp?: boolean } = {}): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "alerts.errors.webhookUrl";
  }
  if (url.username || url.password) return "alerts.errors.webhookUrl";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname) && (opts.allowLocalHttp ?? localHttpAllowed())) return null;
  return "alerts.errors.webhookHttps";
}

/**
 * Checks the whole form at once and either returns clean values or throws one VALIDATION
 * error whose field errors are message keys (translated by the form). Nothing is saved
 * unless everything is valid.
 */
export function parseAlertSettings(input: AlertSettingsInput): AlertSettingsValues {
  const errors: Record<string, string[]> = {};
  const seen = new Set<bigint>();
  const thresholds: Micros[] = [];
  for (let i = 0; i < MAX_THRESHOLDS; i++) {
    const field = thresholdField(i);
    const raw = (input[field as keyof AlertSettingsInput] as string | undefined)?.trim().replace(/^\$/, "") ?? "";
    if (raw === "") continue;
    let amount: Micros;
    try {
      amount = parseMoney(raw);
    } catch {
      errors[field] = ["alerts.errors.threshold"];
      continue;
    }
    if (amount % MICROS_PER_CENT !== 0n || amount > THRESHOLD_MAX) errors[field] = ["alerts.errors.threshold"];
    else if (seen.has(amount)) errors[field] = ["alerts.errors.duplicate"];
    else {
      seen.add(amount);
      thresholds.push(amount);
    }
  }
  if (input.enabled && thresholds.length === 0 && !Object.keys(errors).length) errors[thresholdField(0)] = ["alerts.errors.thresholdRequired"];
  const url = input.webhookUrl?.trim() ?? "";
  const urlError = url ? webhookUrlError(url) : null;
  if (urlError) errors.webhookUrl = [urlError];
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Please correct the highlighted fields.", errors);
  return { enabled: input.enabled, thresholds: thresholds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), webhookUrl: url || null };
}
