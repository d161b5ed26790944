import type { OrgNames } from "@dialogi/contracts";
import { orgName } from "../lib/format";

/** The `<option>`s of an organisation choice, named in the UI language. */
export function OrgOptions({ orgs, lang }: { orgs: { id: string; names: OrgNames }[]; lang: string }) {
  return (
    <>
      {orgs.map((o) => (
        <option key={o.id} value={o.id}>
          {orgName(o.names, lang)}
        </option>
      ))}
    </>
  );
}
