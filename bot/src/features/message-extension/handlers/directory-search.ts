import type { ExtensionAnswer, ExtensionQuery } from "../../../platform/teams/message-extension";
import type { Language } from "../../../platform/i18n/i18n";
import { entryResult } from "../cards/entry-card";
import type { Entry } from "./deps";
import { directoryPrincipal, type ExtensionContext, type ExtensionUser } from "./context";
import { extensionT } from "./texts";

/**
 * Without search text: the upcoming ("Tulossa") entries first, then the most recently updated,
 * which is what someone opening the search most likely wants to share.
 */
function recentFirst(entries: Entry[]): Entry[] {
  const upcoming = entries.filter((e) => e.section === "upcoming");
  const rest = entries
    .filter((e) => e.section !== "upcoming")
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return [...upcoming, ...rest];
}

/**
 * `searchDirectory`: the peer-dialogue directory's full-text search (the tab's, with the same
 * visibility), each hit as an entry card linking to its place in the tab.
 */
export async function searchDirectory(
  xc: ExtensionContext,
  user: ExtensionUser,
  lang: Language,
  text: string,
  query: ExtensionQuery,
): Promise<ExtensionAnswer> {
  const principal = await directoryPrincipal(xc, user);
  const page = { offset: String(query.skip), limit: String(query.count) };
  const found = text
    ? await xc.directory.entries.search(principal, { q: text, ...page })
    : await xc.directory.entries.search(principal, {}, true);
  const items = text ? found.items : recentFirst(found.items).slice(query.skip, query.skip + query.count);
  if (items.length === 0 && query.skip === 0) return { message: extensionT(lang)("empty.directory") };
  return {
    results: items.map((entry) =>
      entryResult({
        entry,
        organisation: found.snapshot.orgs.get(entry.orgId),
        lang,
        url: xc.links.entry(entry.orgId, entry.id),
      }),
    ),
  };
}
