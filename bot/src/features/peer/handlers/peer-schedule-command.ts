import { CardFactory } from "botbuilder";
import { randomUUID } from "node:crypto";
import { PeerError } from "../domain/errors";
import { scheduleFormCard } from "../cards/peer-cards";
import { peerT, principalOf, type PeerBotContext } from "./context";
import type { BotCommand } from "../../../platform/teams/command";

/**
 * `vertaisdialogi` / `kamratdialog` / `peer dialogue` (coordinators): opens the scheduling form
 * where it is typed — the invitation is posted in the same conversation when the form is sent.
 */
export function createPeerScheduleCommand(pbc: PeerBotContext): BotCommand {
  return {
    id: "peerSchedule",
    triggers: { fi: ["vertaisdialogi"], sv: ["kamratdialog"], en: ["peer dialogue"] },
    listed: true,
    async run(ctx, env) {
      const t = peerT(env.lang);
      try {
        const principal = await principalOf(pbc, ctx, env);
        if (!principal.coordinator) throw new PeerError("notCoordinator");
        const orgs = [...(await pbc.directory.readModel.snapshot(principal.tenantId)).orgs.values()].sort(
          (a, b) => a.names.fi.localeCompare(b.names.fi, "fi"),
        );
        // The nonce makes the submit idempotent: one form schedules one dialogue.
        const card = scheduleFormCard({ lang: env.lang, orgs, nonce: randomUUID() });
        await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      } catch (err) {
        if (!(err instanceof PeerError)) throw err;
        await ctx.sendActivity(t(`refused.${err.code}`));
      }
    },
  };
}
