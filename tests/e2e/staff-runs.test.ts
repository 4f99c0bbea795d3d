import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { GLOBEX, hydrated, screenshot, signIn, useBrowser } from "./browser";

/**
 * The staff Runs page shows an account the billing run had to skip, with its error and a
 * link to the account, in both languages. How a failing account is recorded and retried is
 * tests/integration/billing-failures.test.ts; here the run's record is written straight into
 * the app's database, which only a PostgreSQL run can reach (on PGlite the server holds the
 * database alone, and the demo's runs skip nobody).
 */
const b = useBrowser();
const url = inject("databaseUrl");

describe.skipIf(!url)("the staff Runs page lists the accounts a run skipped", () => {
  it("a finance member sees the failed account with its error, follows the link, in English and 简体中文", async () => {
    const sql = postgres(url!, { max: 1, onnotice: () => {} });
    // An hour the scheduler never runs (the demo bills hours of today), started after every
    // real run so it is the job's latest.
    const period = "2020-01-01T00:00:00.000Z";
    const error = "new row for relation \"charges\" violates check constraint \"charges_amount_check\"";
    try {
      const [run] = await sql<{ id: string }[]>`
        insert into job_runs (job, period_key, status, started_at, finished_at)
        values ('billing-cycle', ${period}, 'done', now() + interval '1 hour', now() + interval '1 hour')
        returning id`;
      await sql`insert into job_run_failures (job_run_id, account_id, error, failed_at) values (${run!.id}, ${GLOBEX}, ${error}, now())`;

      const { context, page } = await b.newPage();
      await signIn(page, "staff@billing.example");
      await page.goto("/staff/runs");
      const row = page.getByTestId("job-row").filter({ hasText: "billing-cycle" });
      const failed = row.getByTestId("failed-accounts");
      expect(await failed.innerText()).toContain(`1 account failed in the last run (${period}) and was skipped:`);
      expect(await failed.getByTestId("failed-account").innerText()).toBe(`Globex Research: ${error}`);
      expect(await failed.innerText()).toContain("The other accounts went ahead; the next run tries these again.");
      await screenshot(page, "staff-runs-failed-account.en");

      await hydrated(page, "[data-testid=language-switch]");
      await page.getByTestId("language-switch").selectOption("zh-CN");
      await expect.poll(() => failed.innerText()).toContain(`上次运行（${period}）中有 1 个账户失败并已跳过：`);
      expect(await failed.innerText()).toContain("其他账户已照常处理；下次运行会重试这些账户。");
      await screenshot(page, "staff-runs-failed-account.zh-CN");
      await page.getByTestId("language-switch").selectOption("en");
      await expect.poll(() => failed.innerText()).toContain("1 account failed");

      await failed.getByRole("link", { name: "Globex Research" }).click();
      await page.waitForURL(`**/staff/accounts/${GLOBEX}`);
      await context.close();
    } finally {
      await sql`delete from job_runs where job = 'billing-cycle' and period_key = ${period}`;
      await sql.end();
    }
  });
});
