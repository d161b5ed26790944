/**
 * Screenshots of the tab's views (light, dark, high contrast, fi/sv/en, narrow) into
 * artifacts/screenshots/*.png, taken in headless Chromium against the real server
 * (in-memory Azurite, dev sign-in, seeded directory). Run: `npm run screenshots`.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startTestApp } from "../bot/testing/app";
import { clearStorage, ensureTabBuilt, launchBrowser } from "../bot/testing/browser";

const OUT = path.resolve(__dirname, "..", "artifacts", "screenshots");
type Persona = "reader" | "staff-vm" | "coordinator";
type Entry = { id: string; orgId: string; title: string; etag: string } & Record<string, unknown>;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  ensureTabBuilt();
  const app = await startTestApp();
  const browser = await launchBrowser();
  const taken: string[] = [];

  const token = async (persona: Persona) => {
    const res = await fetch(`${app.url}/api/auth/dev-signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const api = async <T>(persona: Persona, p: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${app.url}${p}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await token(persona)}`,
        "content-type": "application/json",
        ...(init.headers as Record<string, string>),
      },
    });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  /** Opens `hash` in a fresh page as `persona` with the given language, theme and width. */
  async function view(
    hash: string,
    o: {
      as?: Persona;
      lang?: "fi" | "sv" | "en";
      scheme?: "light" | "dark";
      forcedColors?: boolean;
      width?: number;
    } = {},
  ): Promise<Page> {
    const page = await browser.newPage({ colorScheme: o.scheme ?? "light" });
    await page.setViewportSize({ width: o.width ?? 1280, height: 860 });
    if (o.forcedColors) await page.emulateMedia({ forcedColors: "active" });
    await page.goto(`${app.url}/api/health`);
    await clearStorage(page);
    await page.evaluate(
      (l) =>
        (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage.setItem("dialogi.lang", l),
      o.lang ?? "fi",
    );
    // Sign in on the directory (public views such as the statement show no sign-in page).
    await page.goto(`${app.url}/${o.as ? "#/directory" : hash}`);
    if (o.as) {
      await page.locator(`button[aria-describedby="persona-${o.as}-d"]`).click();
      await page
        .locator("main h1")
        .filter({ hasNotText: /Kehityskirjautuminen|Utvecklingsinloggning|Development/ })
        .waitFor();
      await page.goto(`${app.url}/${hash}`);
      await page.locator("main h1").waitFor();
    }
    await page.waitForLoadState("networkidle");
    return page;
  }

  async function shot(page: Page, name: string, fullPage = true): Promise<void> {
    await page.waitForTimeout(250); // let Fluent's motion settle
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    taken.push(path.relative(process.cwd(), file));
    await page.close();
  }

  try {
    await shot(await view("#/directory"), "01-dev-signin");
    await shot(await view("#/directory", { as: "reader" }), "02-directory-fi");
    await shot(await view("#/directory", { as: "reader", lang: "sv" }), "03-directory-sv");
    await shot(
      await view("#/directory", { as: "reader", lang: "en", scheme: "dark" }),
      "04-directory-en-dark",
    );
    await shot(await view("#/directory", { as: "reader", forcedColors: true }), "05-directory-high-contrast");
    await shot(await view("#/directory?q=Er%C3%A4tauko", { as: "reader" }), "06-search-eratauko");
    await shot(await view("#/directory?q=Saimaa", { as: "reader", width: 390 }), "07-search-saimaa-narrow");
    await shot(await view("#/org/il", { as: "reader" }), "08-org-sub-entries");
    await shot(await view("#/org/om", { as: "staff-vm", scheme: "dark" }), "09-org-dark");
    await shot(await view("#/org/sm", { as: "reader", lang: "en" }), "10-org-listing-missing-en");

    const staffOrg = await view("#/org/vm", { as: "staff-vm" });
    await staffOrg
      .getByRole("button", { name: /^Muutoshistoria/ })
      .first()
      .click();
    await staffOrg.getByRole("dialog").locator("ol, p").first().waitFor();
    await shot(staffOrg, "11-history-dialog", false);

    await shot(await view("#/entry/new?org=vm", { as: "staff-vm" }), "12-editor-new");
    const invalid = await view("#/entry/new?org=vm", { as: "staff-vm" });
    await invalid.locator('input[name="year"]').fill("20x");
    await invalid.locator('input[name="link"]').fill("ftp://example");
    await invalid.getByRole("button", { name: "Lisää merkintä", exact: true }).click();
    await shot(invalid, "13-editor-validation", false);

    // A conflict: someone else saves while the form is open.
    const { entries } = await api<{ entries: Entry[] }>("staff-vm", "/api/directory/organisations/vm");
    const target = entries.find((e) => String(e.title).startsWith("Vanhusneuvostopäivä")) ?? entries[0]!;
    const edit = await view(`#/entry/vm/${target.id}/edit`, { as: "staff-vm" });
    await edit.locator('input[name="title"]').waitFor();
    const {
      id: _i,
      orgId: _o,
      etag,
      order: _r,
      status: _s,
      createdAt: _c,
      updatedAt: _u,
      updatedBy: _b,
      ...fields
    } = target;
    await api("coordinator", `/api/directory/entries/vm/${target.id}`, {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify({ ...fields, title: `${target.title} (päivitetty toisaalla)` }),
    });
    await edit.locator('textarea[name="description"]').fill("Useita ryhmiä; kuvausta täydennetty.");
    await edit.getByRole("button", { name: "Tallenna muutokset" }).click();
    await edit.locator('section[aria-labelledby="conflict-heading"]').waitFor();
    await shot(edit, "14-editor-conflict", false);

    const del = await view(`#/entry/vm/${target.id}/edit`, { as: "staff-vm" });
    await del.getByRole("button", { name: "Poista", exact: true }).click();
    await del.getByRole("alertdialog").waitFor();
    await shot(del, "15-delete-confirmation", false);

    // A pending entry for the moderation queue: VM requires review, staff adds an entry.
    const { organisation } = await api<{ organisation: Entry & { names: unknown } }>(
      "coordinator",
      "/api/directory/organisations/vm",
    );
    await api("coordinator", "/api/directory/organisations/vm", {
      method: "PUT",
      headers: { "if-match": organisation.etag },
      body: JSON.stringify({
        shortName: organisation.shortName,
        names: organisation.names,
        type: organisation.type,
        listingMissing: organisation.listingMissing,
        requiresReview: true,
      }),
    });
    await api("staff-vm", "/api/directory/entries", {
      method: "POST",
      body: JSON.stringify({
        orgId: "vm",
        section: "upcoming",
        title: "Budjettidialogi kansalaisjärjestöjen kanssa",
        description: "Suunnitteilla syksylle: pienryhmädialogit talousarvion valmistelun tueksi.",
        time: { text: "Syksy 2027" },
        places: ["Helsinki"],
        partners: ["Kansalaisyhteiskuntapolitiikan neuvottelukunta KANE"],
        themes: ["talousarvio"],
        areas: ["participation", "openActivity"],
      }),
    });
    await shot(await view("#/moderation", { as: "coordinator" }), "16-moderation");

    await shot(await view("#/accessibility", { as: "reader" }), "17-accessibility-fi");
    await shot(await view("#/accessibility", { lang: "sv" }), "18-accessibility-sv-signed-out");
    await shot(await view("#/accessibility", { lang: "en", scheme: "dark" }), "19-accessibility-en-dark");
    await shot(await view("#/config", { as: "reader" }), "20-config");
    await shot(await view("#/facilitator", { lang: "en", width: 360 }), "21-facilitator-side-panel");
    console.log(taken.join("\n"));
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
