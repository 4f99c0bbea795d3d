import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import LowFundsEmail from "./low-funds";

const p = LowFundsEmail.PreviewProps;

describe("low-funds email", () => {
  it("says the account, the figures and the reminder's number, and links to top up and to the alert settings, in each language", async () => {
    const en = await renderEmail("low-funds", "en", p);
    expect(en.subject).toBe("Available funds of Analytical Engines Ltd are below $50.00");
    expect(en.text).toContain("The available funds of Analytical Engines Ltd are $12.34, below the alert threshold of $50.00.");
    expect(en.text).toContain("This is reminder 2 of at most 7");
    expect(en.html).toContain(`href="${p.topUpUrl}"`);
    expect(en.html).toContain(`href="${p.settingsUrl}"`);

    const zh = await renderEmail("low-funds", "zh-CN", p);
    expect(zh.subject).toBe("Analytical Engines Ltd 的可用金低于 $50.00");
    expect(zh.html).toContain('lang="zh-CN"');
    expect(zh.text).toContain("这是第 2 封提醒（最多 7 封）");
    expect(zh.text).toContain("充值");
  });
});
