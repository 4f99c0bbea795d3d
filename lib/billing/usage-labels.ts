import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { chargedUnits, type ChargeUsage, isKnownUnit } from "./usage-units";

/** How a charge's usage reads in one language: the page's column and the CSV's quantity and unit. */
export function usageLabels(locale: Locale) {
  const t = translator(locale);
  return {
    /** "744 instance-hours" / "744 实例·小时": the usage in its product's unit. */
    text(c: ChargeUsage & { unitLabel: string }): string {
      const count = chargedUnits(c);
      return isKnownUnit(c.unitLabel) ? t(`usage.units.${c.unitLabel}`, { count }) : t("usage.unitOther", { count, unit: c.unitLabel });
    },
    /** The unit's name alone, for a CSV column beside the number. */
    unit(unitLabel: string): string {
      return isKnownUnit(unitLabel) ? t(`usage.unitNames.${unitLabel}`) : unitLabel;
    },
    mode: (mode: "payg_hourly" | "payg_daily") => t(`usage.modes.${mode}`),
  };
}
