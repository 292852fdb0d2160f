import { describe, expect, it } from "vitest";
import { departureOf, type AnchorLike, type ClickLike } from "./leave-guard";

const here = "https://passage.example/cases/C-TEST-0001/screening";
const click = (over: Partial<ClickLike> = {}): ClickLike => ({
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  defaultPrevented: false,
  ...over,
});
const link = (href: string, over: Partial<AnchorLike> = {}): AnchorLike => ({ href, target: "", hasDownload: false, ...over });

describe("departureOf", () => {
  it("holds a plain click on a menu link to another page of the app", () => {
    expect(departureOf(click(), link("https://passage.example/cases"), here)).toBe("/cases");
    expect(departureOf(click(), link("/cases?status=open#top"), here)).toBe("/cases?status=open#top");
  });

  it("lets through clicks that do not leave this page", () => {
    // A jump within the page (e.g. the error summary's links to fields).
    expect(departureOf(click(), link(`${here}#field-interviewDate`), here)).toBeNull();
    // Not a link, or a click something else already handled.
    expect(departureOf(click(), null, here)).toBeNull();
    expect(departureOf(click({ defaultPrevented: true }), link("/cases"), here)).toBeNull();
  });

  it("lets through clicks that open another tab or window, downloads, and other sites", () => {
    for (const modifier of ["metaKey", "ctrlKey", "shiftKey", "altKey"] as const) {
      expect(departureOf(click({ [modifier]: true }), link("/cases"), here)).toBeNull();
    }
    expect(departureOf(click({ button: 1 }), link("/cases"), here)).toBeNull();
    expect(departureOf(click(), link("/cases", { target: "_blank" }), here)).toBeNull();
    expect(departureOf(click(), link("/api/export", { hasDownload: true }), here)).toBeNull();
    // Another site: the browser's own beforeunload prompt covers it.
    expect(departureOf(click(), link("https://elsewhere.example/"), here)).toBeNull();
  });
});
