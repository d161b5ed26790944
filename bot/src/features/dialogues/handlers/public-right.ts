import { audienceOf } from "../domain/ids";
import type { Dialogue } from "../domain/types";
import type { DialogueContext } from "./context";

/**
 * Whether the dialogue form may offer (and accept) "also people outside it" for this user: public
 * registration must be on, and opening a dialogue to the public is a right of the home tenant's
 * users (config/public-openers.ts), checked here for every form that sets the audience. A dialogue
 * that is public already stays editable by its organisers (keeping it public opens nothing new).
 * `notEntitled` selects the refusal text when a forged submit asks for it anyway.
 */
export function publicRight(
  dc: Pick<DialogueContext, "publicRegistration" | "mayOpenPublic">,
  tenantId: string | undefined,
  current?: Pick<Dialogue, "audience">,
): { allowed: boolean; notEntitled: boolean } {
  if (!dc.publicRegistration) return { allowed: false, notEntitled: false };
  const entitled = (dc.mayOpenPublic?.(tenantId) ?? false) || (!!current && audienceOf(current) === "public");
  return { allowed: entitled, notEntitled: !entitled };
}
