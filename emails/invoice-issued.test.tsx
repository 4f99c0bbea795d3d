import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import InvoiceIssuedEmail from "./invoice-issued";

const p = InvoiceIssuedEmail.PreviewProps;

describe("invoice-issued email", () => {
  it("offers a reader whose language is not the invoice's the copy in theirs, spaced as each language writes it", async () => {
    const en = await renderEmail("invoice-issued", "en", { ...p, invoiceLocale: "zh-CN", copyUrl: "https://billing.example/c?copy=en" });
    expect(en.text).toMatch(/A copy in English is also available: Download the copy in English/);
    expect(en.html).toMatch(/also available:(<!-- -->)? <a[^>]*href="https:\/\/billing\.example\/c\?copy=en"/);

    const zh = await renderEmail("invoice-issued", "zh-CN", { ...p, invoiceLocale: "en", copyUrl: "https://billing.example/c?copy=zh-CN" });
    // No space after a full-width colon: Chinese runs on.
    expect(zh.html).toMatch(/另有简体中文副本可供下载：<a[^>]*href="https:\/\/billing\.example\/c\?copy=zh-CN"/);

    const same = await renderEmail("invoice-issued", "zh-CN", { ...p, invoiceLocale: "zh-CN" });
    expect(same.text).not.toContain("副本");
  });
});
