import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

const EMAIL = "tuki@dialogit.example.fi";
const URL = "https://tuki.example.fi/dialogi";

describe("support contact in the tab: footer and the accessibility statement's feedback address (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness(undefined, { env: { SUPPORT_EMAIL: EMAIL, SUPPORT_URL: URL } });

  it("the footer links the configured mailbox and site, before and after sign-in, in every language", async () => {
    const page = await h.open("#/directory");
    const footer = page.locator("footer");
    for (const [lang, label] of [
      ["fi", "Tuki:"],
      ["sv", "Stöd:"],
      ["en", "Support:"],
    ] as const) {
      await h.setLanguage(page, lang);
      await footer.getByText(label).waitFor();
      assert.equal(await footer.getByRole("link", { name: EMAIL }).getAttribute("href"), `mailto:${EMAIL}`);
      assert.equal(
        await footer.getByRole("link", { name: /tuki\.example\.fi\/dialogi/ }).getAttribute("href"),
        URL,
      );
    }
    const signedIn = await h.open("#/directory", { as: "staff-vm" });
    await signedIn.locator("footer").getByRole("link", { name: EMAIL }).waitFor();
    await h.axeClean(signedIn, "directory with the support footer");
  });

  it("the accessibility statement gives the configured address for feedback, not a placeholder", async () => {
    const page = await h.open("#/accessibility");
    for (const [lang, heading] of [
      ["fi", "Palaute ja yhteystiedot"],
      ["sv", "Respons och kontaktuppgifter"],
      ["en", "Feedback and contact information"],
    ] as const) {
      await h.setLanguage(page, lang);
      const section = page.locator("main");
      await section.getByRole("heading", { name: heading }).waitFor();
      const link = section.getByRole("link", { name: EMAIL });
      assert.equal(await link.getAttribute("href"), `mailto:${EMAIL}`);
    }
    assert.equal(
      await page
        .locator("main")
        .getByText(/example\.org|dialogi\.example/)
        .count(),
      0,
    );
    await h.axeClean(page, "accessibility statement");
  });
});
