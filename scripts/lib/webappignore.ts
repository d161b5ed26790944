/**
 * The rules of `infra/.webappignore` (a subset of .gitignore): one pattern a line, `#` comments;
 * a pattern with a `/` is anchored at the repository root, one without matches a file or folder
 * name at any depth; `*` matches within one name. A match on a folder leaves out all below it.
 */
export function parseIgnore(text: string): (relPath: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.replace(/^\/|\/$/g, ""))
    .map((pattern) => {
      const source = pattern
        .split("/")
        .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, "[^/]*"))
        .join("/");
      return pattern.includes("/") ? new RegExp(`^${source}(?:/|$)`) : new RegExp(`(?:^|/)${source}(?:/|$)`);
    });
  return (relPath) => rules.some((r) => r.test(relPath.replace(/\\/g, "/")));
}
