import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { SubscriptionStoppedEmail } from "./subscription-lapse";

const p = SubscriptionStoppedEmail.PreviewProps;

describe("subscription lapse emails", () => {
  it("the stop says when it will be released and how to renew it; the release says it was released; in each language", async () => {
    const en = await renderEmail("subscription-stopped", "en", p);
    expect(en.subject).toBe("db-primary of Analytical Engines Ltd is stopped: renew it within 72 hours");
    expect(en.text).toContain("It will be released on 2026-03-04 09:00 UTC unless it is renewed before then");
    expect(en.text).toContain("add funds and it renews and resumes at once");
    expect(en.html).toContain(`href="${p.url}"`);
    expect((await renderEmail("subscription-stopped", "en", { ...p, autoRenew: false })).text).toContain("one more term costs $100.00");

    const zh = await renderEmail("subscription-stopped", "zh-CN", p);
    expect(zh.subject).toBe("Analytical Engines Ltd 的 db-primary 已停止：请在 72 小时内续费");
    expect(zh.html).toContain('lang="zh-CN"');
    expect(zh.text).toContain("该资源将于 2026-03-04 09:00 UTC 释放");

    expect((await renderEmail("subscription-released", "en", p)).subject).toBe("db-primary of Analytical Engines Ltd was released");
    expect((await renderEmail("subscription-released", "zh-CN", p)).text).toContain("已于 2026-03-04 09:00 UTC 释放");
  });
});
