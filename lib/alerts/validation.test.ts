import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { dollars } from "@/lib/money";
import { AlertSettingsSchema, parseAlertSettings, webhookUrlError } from "./validation";

const form = (v: Record<string, string>) => AlertSettingsSchema.parse(v);
function errors(v: Record<string, string>) {
  try {
    parseAlertSettings(form(v));
  } catch (e) {
    if (isAppError(e)) return e.fieldErrors;
    throw e;
  }
  return null;
}

describe("alert settings input", () => {
  it("parses thresholds as decimal dollars, sorted and distinct, and an optional webhook URL", () => {
    expect(parseAlertSettings(form({ enabled: "on", threshold_0: "500", threshold_2: "$200.50", webhookUrl: " https://hooks.example/billing " }))).toEqual({
      enabled: true,
      thresholds: [200_500_000n, dollars(500)],
      webhookUrl: "https://hooks.example/billing",
    });
    expect(parseAlertSettings(form({}))).toEqual({ enabled: false, thresholds: [], webhookUrl: null });
  });

  it("says which field is wrong, with a message key for each", () => {
    expect(errors({ enabled: "on" })).toEqual({ threshold_0: ["alerts.errors.thresholdRequired"] });
    expect(errors({ threshold_0: "abc", threshold_1: "-5", threshold_2: "0", threshold_3: "1.005" })).toEqual({
      threshold_0: ["alerts.errors.threshold"],
      threshold_1: ["alerts.errors.threshold"],
      threshold_2: ["alerts.errors.threshold"],
      threshold_3: ["alerts.errors.threshold"],
    });
    expect(errors({ threshold_0: "50", threshold_1: "50.00" })).toEqual({ threshold_1: ["alerts.errors.duplicate"] });
    expect(errors({ threshold_0: "50", webhookUrl: "http://hooks.example/x" })).toEqual({ webhookUrl: ["alerts.errors.webhookHttps"] });
  });

  it("takes https anywhere, plain http only to this machine, never credentials in the URL", () => {
    expect(webhookUrlError("https://hooks.example/a?b=1")).toBeNull();
    expect(webhookUrlError("http://localhost:4000/hook")).toBeNull();
    expect(webhookUrlError("http://127.0.0.1:4000/hook")).toBeNull();
    expect(webhookUrlError("http://localhost:4000/hook", { allowLocalHttp: false })).toBe("alerts.errors.webhookHttps");
    expect(webhookUrlError("http://10.0.0.5/hook")).toBe("alerts.errors.webhookHttps");
    expect(webhookUrlError("ftp://hooks.example")).toBe("alerts.errors.webhookHttps");
    expect(webhookUrlError("https://user:pw@hooks.example")).toBe("alerts.errors.webhookUrl");
    expect(webhookUrlError("not a url")).toBe("alerts.errors.webhookUrl");
  });
});
