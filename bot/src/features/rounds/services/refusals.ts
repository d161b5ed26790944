import type { CardActionResult } from "../../../platform/teams/card-action";
import type { Language } from "../../../platform/i18n/i18n";
import { RoundError } from "./errors";
import { roundsT } from "./texts";

/** Runs a rounds operation; a {@link RoundError} becomes its translated message (nothing changed). */
export async function refusingRounds(
  lang: Language,
  fn: () => Promise<CardActionResult>,
): Promise<CardActionResult> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RoundError) return { message: roundsT(lang)(`refused.${err.code}`) };
    throw err;
  }
}
