import type { ExtensionAnswer, ExtensionQuery } from "../../../platform/teams/message-extension";
import type { Language } from "../../../platform/i18n/i18n";
import { dialogueT, sharedInvitation, whenText, type Dialogue } from "./deps";
import type { ExtensionContext, ExtensionUser } from "./context";
import { extensionT } from "./texts";

/** A dialogue that can still be shared: open, not ended, not over. */
const shareable = (d: Dialogue, now: Date) => d.state === "open" && !d.endedAt && d.end > now;

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase("fi");

/**
 * `myDialogues`: the dialogues the user organises (only theirs: the dialogues feature lists them
 * by organiser for this tenant), soonest first, filtered by title or id. Each result is the very
 * invitation card `julkaise` posts — shared view with Register (Action.Execute to our bot) and
 * per-user refresh — built by the dialogues feature.
 */
export async function myDialogues(
  xc: ExtensionContext,
  user: ExtensionUser,
  lang: Language,
  text: string,
  query: ExtensionQuery,
): Promise<ExtensionAnswer> {
  const now = xc.now();
  const needle = fold(text);
  const mine = (await xc.dc.dialogues.listMine(user.tenantId, user.userId))
    .filter((d) => shareable(d, now))
    .filter((d) => !needle || fold(d.title).includes(needle) || d.id === needle)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const page = mine.slice(query.skip, query.skip + query.count);
  if (page.length === 0 && query.skip === 0) {
    return { message: extensionT(lang)(needle ? "empty.myDialoguesMatch" : "empty.myDialogues") };
  }
  const t = extensionT(lang);
  const dt = dialogueT(lang);
  return {
    results: await Promise.all(
      page.map(async (d) => ({
        card: await sharedInvitation(xc.dc, d, lang),
        preview: { title: d.title, text: t("dialogue.preview", { when: whenText(dt, d), id: d.id }) },
      })),
    ),
  };
}
