/** A directory page of the tab: an organisation, or one entry on it. */
export interface DirectoryPage {
  orgId: string;
  entryId?: string;
}

/** Links into the directory tab, in the form the bot's other cards use (`<base>/#/org/<id>?entry=<id>`). */
export interface TabLinks {
  /** The entry's place on its organisation's page; "" without a public URL. */
  entry(orgId: string, entryId: string): string;
  /** The organisation's page; "" without a public URL. */
  organisation(orgId: string): string;
  /** The page a pasted link points to, when it is one of ours (same origin, `#/org/…`). */
  parse(url: string): DirectoryPage | undefined;
}

const ORG_HASH = /^#\/org\/([^/?#]+)\/?(?:\?(.*))?$/;
/** Longest link worth parsing (browsers stop around 2 kB for hash routes like ours). */
const MAX_URL = 2048;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** Builds the links for the app's public URL (the tab is served at its root). */
export function createTabLinks(publicUrl: string | undefined): TabLinks {
  const base = publicUrl?.replace(/\/+$/, "");
  const origin = base ? new URL(base).origin : undefined;
  const enc = encodeURIComponent;
  return {
    entry: (orgId, entryId) => (base ? `${base}/#/org/${enc(orgId)}?entry=${enc(entryId)}` : ""),
    organisation: (orgId) => (base ? `${base}/#/org/${enc(orgId)}` : ""),
    parse(raw) {
      if (!origin || raw.length > MAX_URL) return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return undefined;
      }
      if (url.origin !== origin || (url.pathname !== "/" && url.pathname !== "")) return undefined;
      const m = ORG_HASH.exec(url.hash);
      const orgId = m && decode(m[1]!);
      if (!orgId) return undefined;
      const entryId = new URLSearchParams(m[2] ?? "").get("entry") ?? undefined;
      return entryId ? { orgId, entryId } : { orgId };
    },
  };
}
