/**
 * A web address as people read it: host without "www." plus the path, no scheme
 * ("https://www.kansallisetdialogit.fi/" → "kansallisetdialogit.fi"). Links themselves keep the
 * full URL (cards put them in Action.OpenUrl).
 */
export function siteText(url: string): string {
  const u = new URL(url);
  const path = u.pathname === "/" ? "" : u.pathname.replace(/\/$/, "");
  return `${u.host.replace(/^www\./, "")}${path}`;
}
