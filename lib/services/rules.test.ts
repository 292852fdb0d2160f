import { describe, expect, it } from "vitest";
import { canTransition, caseFundingSource, nextStatuses, serviceIssues, SERVICE_STATUSES, type ServiceStatus } from "./rules";

const fields = (s: Parameters<typeof serviceIssues>[0]) => serviceIssues(s).map((i) => i.field);

describe("service status rules", () => {
  it("a service not provided needs a reason", () => {
    expect(fields({ status: "not_provided" })).toEqual(["reason"]);
    expect(fields({ status: "not_provided", reason: "no_funding" })).toEqual([]);
  });

  it("a provided service needs a provider, and a partner provider needs the organisation", () => {
    expect(fields({ status: "provided" })).toEqual(["provider"]);
    expect(fields({ status: "provided", provider: "self" })).toEqual([]);
    expect(fields({ status: "provided", provider: "partner" })).toEqual(["organisationId"]);
    expect(fields({ status: "provided", provider: "partner", organisationId: 3 })).toEqual([]);
  });

  it("needed, offered and declined services need neither provider nor reason", () => {
    for (const status of ["needed", "offered", "declined"] as const) expect(fields({ status })).toEqual([]);
  });

  it("dates are in order and an end needs a start", () => {
    expect(fields({ status: "provided", provider: "self", startedOn: "2026-03-02", endedOn: "2026-03-01" })).toEqual(["endedOn"]);
    expect(fields({ status: "provided", provider: "self", endedOn: "2026-03-01" })).toEqual(["startedOn"]);
    expect(fields({ status: "provided", provider: "self", startedOn: "2026-03-01", endedOn: "2026-03-01" })).toEqual([]);
  });
});

describe("service status transitions", () => {
  const allowed: Record<ServiceStatus, ServiceStatus[]> = {
    needed: ["needed", "offered", "provided", "not_provided", "declined"],
    offered: ["offered", "provided", "not_provided", "declined"],
    provided: ["provided"],
    not_provided: ["not_provided", "needed", "offered", "provided"],
    declined: ["declined", "needed", "offered"],
  };
  for (const from of SERVICE_STATUSES) {
    for (const to of SERVICE_STATUSES) {
      const expected = allowed[from].includes(to);
      it(`${from} -> ${to}: ${expected ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(expected);
      });
    }
    it(`nextStatuses(${from}) lists exactly the allowed ones, current first`, () => {
      expect(nextStatuses(from)).toEqual(allowed[from]);
    });
  }
});

describe("the case's funding source", () => {
  it("is the Global Assistance Fund when any service that is or will be provided is funded by it", () => {
    expect(caseFundingSource([{ status: "provided", funding: "project" }, { status: "offered", funding: "gaf" }])).toBe("gaf");
    expect(caseFundingSource([{ status: "needed", funding: "gaf" }])).toBe("gaf");
  });
  it("is a project when services are funded by projects only", () => {
    expect(caseFundingSource([{ status: "provided", funding: "project" }, { status: "provided", funding: null }])).toBe("project");
  });
  it("ignores services declined or not provided, and is null without funded services", () => {
    expect(caseFundingSource([{ status: "declined", funding: "gaf" }, { status: "not_provided", funding: "gaf" }])).toBeNull();
    expect(caseFundingSource([])).toBeNull();
  });
});
