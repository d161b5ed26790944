/**
 * Licence policy over a CycloneDX SBOM (as written by `npm sbom --sbom-format cyclonedx`):
 * every component's licence must satisfy the allow-list (SPDX expressions: `A OR B` passes when
 * one side is allowed, `A AND B` when both are), or be a named, justified exception.
 */
import satisfies from "spdx-satisfies";

/** The allow-list file (scripts/licence-allowlist.json). */
export interface LicencePolicy {
  /** SPDX ids allowed for any package, each with why it is acceptable. */
  allowed: Record<string, string>;
  /** Per package name: the licence it declares (as in the SBOM, or "NONE") and why it is accepted. */
  exceptions: Record<string, { licence: string; why: string }>;
}

/** The parts of a CycloneDX component this check reads. */
interface Component {
  name: string;
  group?: string;
  version?: string;
  licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
}

/** One package whose licence is not allowed. */
export interface LicenceProblem {
  package: string;
  licence: string;
}

/** Result of {@link checkLicences}. */
export interface LicenceReport {
  checked: number;
  problems: LicenceProblem[];
  /** Exceptions that matched no package (stale entries to delete). */
  unusedExceptions: string[];
}

/** The component's licence as one SPDX expression, or a free-text name, or "NONE". */
export function licenceOf(c: Component): string {
  const parts = (c.licenses ?? [])
    .map((l) => l.expression ?? l.license?.id ?? l.license?.name)
    .filter((s): s is string => !!s);
  if (parts.length === 0) return "NONE";
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(" AND ");
}

function allowedExpression(expression: string, allowed: readonly string[]): boolean {
  try {
    return satisfies(expression, allowed);
  } catch {
    return false; // not an SPDX expression ("SEE LICENSE IN …", a URL): needs an exception
  }
}

/** Checks every component of `sbom` against `policy`. */
export function checkLicences(sbom: { components?: Component[] }, policy: LicencePolicy): LicenceReport {
  const allowed = Object.keys(policy.allowed);
  const used = new Set<string>();
  const problems: LicenceProblem[] = [];
  const components = sbom.components ?? [];
  for (const c of components) {
    const name = c.group ? `${c.group}/${c.name}` : c.name;
    const licence = licenceOf(c);
    const exception = policy.exceptions[name];
    if (exception && exception.licence === licence) {
      used.add(name);
      continue;
    }
    if (!allowedExpression(licence, allowed))
      problems.push({ package: `${name}@${c.version ?? "?"}`, licence });
  }
  const unusedExceptions = Object.keys(policy.exceptions).filter((n) => !used.has(n));
  return { checked: components.length, problems, unusedExceptions };
}
