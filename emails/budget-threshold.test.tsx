import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import BudgetThresholdEmail from "./budget-threshold";

const p = BudgetThresholdEmail.PreviewProps;

describe("budget threshold email", () => {
  it("names the budget, its scope, the threshold, the figure and the budget, and links to the budgets page, in each language", async () => {
    const en = await renderEmail("budget-threshold", "en", p);
    expect(en.subject).toBe("Budget “Compute” of Analytical Engines Ltd: 80 % of actual spend reached");
    expect(en.text).toContain("The net spend of Analytical Engines Ltd covered by the budget “Compute” (Tag team: ml) is $812.40 for December 2026: 80 % of its $1,000.00.");
    expect(en.text).toContain("Budgets only warn");
    expect(en.html).toContain(`href="${p.budgetsUrl}"`);

    const zh = await renderEmail("budget-threshold", "zh-CN", { ...p, kind: "forecast", percent: 100, scope: { kind: "product", product: "裸金属 · 洛杉矶" }, figure: "$1,204.00" });
    expect(zh.subject).toBe("Analytical Engines Ltd 的预算“Compute”：已达到预测支出的 100%");
    expect(zh.html).toContain('lang="zh-CN"');
    expect(zh.text).toContain("（产品：裸金属 · 洛杉矶）范围内 2026年12月 的净支出预计将达到 $1,204.00");
    expect(zh.text).toContain("目前已支出：$812.40");
    expect(zh.text).toContain("查看预算");
  });
});
