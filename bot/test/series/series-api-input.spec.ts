import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startSsoAuthority, OTHER_TENANT, type SsoAuthority } from "../../testing/sso";
import { apiClient, seriesBody, type ApiUser } from "./api-client";

/** Bad input through the real server: clear errors, nothing lost or half-written. */
describe("series API: bad input and concurrency", function () {
  this.timeout(30_000);
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let sso: SsoAuthority;
  const coordinator: ApiUser = { userId: "aad-coord-in", name: "Coordinator", lang: "en" };
  const organiser: ApiUser = { userId: "aad-org-in", name: "Organiser", lang: "en" };
  const otherTenant: ApiUser = {
    userId: "aad-coord-in",
    name: "Coordinator",
    tenantId: OTHER_TENANT,
    lang: "en",
  };
  let seriesId = "";
  let etag = "";

  before(async () => {
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: { ...sso.env, COORDINATORS: coordinator.userId, SEED_DEMO_DATA: "false" },
      overrides: { now: () => new Date("2027-03-10T10:00:00Z") },
    });
    api = apiClient(app, sso);
    const res = await api.post(
      coordinator,
      "/api/series",
      seriesBody({ theme: "Tillit\u0007 i\u202e vardagen" }),
    );
    assert.equal(res.status, 201);
    const s = res.json.series as { id: string; theme: string; etag: string };
    seriesId = s.id;
    etag = s.etag;
    assert.equal(s.theme, "Tillit i vardagen");
  });
  after(async () => {
    await app?.close();
    await sso?.close();
  });

  it("lists every field problem, translated, and saves nothing", async () => {
    const res = await api.post(
      coordinator,
      "/api/series",
      seriesBody({ theme: "x".repeat(201), languages: ["fi", "de"] }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.json.error, "invalid");
    const fields = res.json.fields as Record<string, string>;
    assert.match(fields.theme!, /at most 200/);
    assert.match(fields.languages!, /Choose one/);
    assert.equal(((await api.get(coordinator, "/api/series")).json.items as unknown[]).length, 1);
  });

  it("refuses oversize record text (400) and an oversize body (413)", async () => {
    const d = await api.post(organiser, `/api/series/${seriesId}/dialogues`, {
      organisation: "Kela",
      date: "2027-03-20",
      mode: "inPerson",
      language: "fi",
      expectedParticipants: 5,
      region: "lappi",
    });
    assert.equal(d.status, 201, JSON.stringify(d.json));
    const id = (d.json.dialogue as { id: string }).id;
    const path = `/api/series/${seriesId}/dialogues/${id}/records/1`;
    const big = await api.put(organiser, path, {
      participantsOnSite: 5,
      languages: ["fi"],
      notes: "n".repeat(10_001),
    });
    assert.equal(big.status, 400);
    assert.ok((big.json.fields as Record<string, string>).notes);
    assert.equal((await api.get(organiser, path)).status, 404);
    const huge = await api.put(organiser, path, { notes: "n".repeat(600_000) });
    assert.equal(huge.status, 413);
  });

  it("answers unknown ids with 404 and malformed bodies with 400", async () => {
    assert.equal((await api.get(coordinator, "/api/series/s-nope")).status, 404);
    assert.equal(
      (await api.get(coordinator, `/api/series/${seriesId}/dialogues/sd-nope/records/1`)).status,
      404,
    );
    assert.equal(
      (await api.get(coordinator, `/api/series/${seriesId}/dialogues/sd-nope/records/999`)).status,
      404,
    );
    assert.equal((await api.call(coordinator, "POST", "/api/series", "[1,2]")).status, 400);
    assert.equal((await api.call(coordinator, "POST", "/api/series", "{not json")).status, 400);
    // A single-tenant app refuses another tenant's token outright.
    assert.equal((await api.get(otherTenant, `/api/series/${seriesId}`)).status, 401);
  });

  it("edits a series only with the current ETag (409 with the current version otherwise)", async () => {
    assert.equal((await api.put(coordinator, `/api/series/${seriesId}`, seriesBody())).status, 428);
    assert.equal((await api.put(organiser, `/api/series/${seriesId}`, seriesBody(), etag)).status, 403);
    const ok = await api.put(
      coordinator,
      `/api/series/${seriesId}`,
      seriesBody({ theme: "Uusi teema" }),
      etag,
    );
    assert.equal(ok.status, 200);
    const stale = await api.put(
      coordinator,
      `/api/series/${seriesId}`,
      seriesBody({ theme: "Myöhässä" }),
      etag,
    );
    assert.equal(stale.status, 409);
    assert.equal((stale.json.current as { theme: string }).theme, "Uusi teema");
    assert.match(String(stale.json.message), /Someone changed this first/);
  });
});
