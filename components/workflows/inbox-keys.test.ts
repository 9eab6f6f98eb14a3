import { describe, expect, it } from "vitest";
import { inboxKeyAction, moveSelection } from "./inbox-keys";

describe("inboxKeyAction", () => {
  it("approves, rejects and requests changes only on an approval", () => {
    expect(inboxKeyAction("a", "approval")).toBe("approve");
    expect(inboxKeyAction("r", "approval")).toBe("reject");
    expect(inboxKeyAction("e", "approval")).toBe("request_changes");
    expect(inboxKeyAction("a", "task")).toBeNull();
    expect(inboxKeyAction("c", "approval")).toBeNull();
  });

  it("completes only a task, and acts on nothing when nothing is selected", () => {
    expect(inboxKeyAction("c", "task")).toBe("complete");
    expect(inboxKeyAction("c", null)).toBeNull();
    expect(inboxKeyAction("Enter", null)).toBeNull();
    expect(inboxKeyAction("d", null)).toBeNull();
    expect(inboxKeyAction("j", null)).toBe("next");
    expect(inboxKeyAction("x", "task")).toBeNull();
  });
});

describe("moveSelection", () => {
  it("starts at either end and stops at the edges", () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(1, 1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});
