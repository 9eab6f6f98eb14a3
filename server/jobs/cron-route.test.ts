import { describe, expect, it } from "vitest";
import { isAuthorizedCronCall } from "./cron-route";

describe("isAuthorizedCronCall", () => {
  const secret = "a-very-long-cron-secret";

  it("accepts exactly the bearer secret", () => {
    expect(isAuthorizedCronCall(`Bearer ${secret}`, secret)).toBe(true);
    expect(isAuthorizedCronCall(`bearer ${secret}`, secret)).toBe(true);
  });

  it("refuses anything else", () => {
    expect(isAuthorizedCronCall(null, secret)).toBe(false);
    expect(isAuthorizedCronCall(secret, secret)).toBe(false);
    expect(isAuthorizedCronCall(`Bearer ${secret}x`, secret)).toBe(false);
    expect(isAuthorizedCronCall(`Basic ${secret}`, secret)).toBe(false);
    expect(isAuthorizedCronCall(`Bearer ${secret}`, undefined)).toBe(false);
  });
});
