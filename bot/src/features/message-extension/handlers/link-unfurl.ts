import type { ExtensionAnswer } from "../../../platform/teams/message-extension";
import type { Language } from "../../../platform/i18n/i18n";
import { NotFoundError, ValidationError } from "../../../platform/errors";
import { entryResult, organisationResult } from "../cards/entry-card";
import { directoryPrincipal, type ExtensionContext, type ExtensionUser } from "./context";

/** Nothing to unfurl: Teams leaves the link as it is. */
const NONE: ExtensionAnswer = { results: [] };

/**
 * `composeExtension/queryLink`: a pasted link to the directory tab's organisation page, or to an
 * entry on it, becomes its card — read with the paster's directory visibility, so a link to an
 * entry they cannot see (or one that no longer exists) is left as a plain link.
 */
export async function unfurlLink(
  xc: ExtensionContext,
  user: ExtensionUser,
  lang: Language,
  url: string,
): Promise<ExtensionAnswer> {
  const page = xc.links.parse(url);
  if (!page) return NONE;
  const principal = await directoryPrincipal(xc, user);
  let found;
  try {
    found = await xc.directory.organisations.get(principal, page.orgId);
  } catch (err) {
    // An id the directory refuses (400) or does not know (404): no card, no error.
    if (err instanceof ValidationError || err instanceof NotFoundError) return NONE;
    throw err;
  }
  const { organisation, entries } = found;
  if (!page.entryId) {
    return {
      results: [
        organisationResult({ organisation, entries, lang, url: xc.links.organisation(organisation.id) }),
      ],
    };
  }
  const entry = entries.find((e) => e.id === page.entryId);
  if (!entry) return NONE;
  return {
    results: [entryResult({ entry, organisation, lang, url: xc.links.entry(entry.orgId, entry.id) })],
  };
}
