import staffTemplate from "./dialogue-staff.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue, StaffRole } from "../domain/types";
import { dialogueT } from "../handlers/texts";

/** One row of the card: a person in a role, with a Remove button unless it is the creator. */
interface StaffRow {
  name: string;
  roleText: string;
  role: StaffRole;
  key: string;
  removable: boolean;
  removeLabel: string;
  dialogueId: string;
  version: number;
}

/** Data bound into `cards/dialogue-staff.json`. */
export interface StaffCardData {
  dialogueId: string;
  version: number;
  cancelled: boolean;
  kicker: string;
  heading: string;
  intro: string;
  notice: string;
  noticeColor: "Good" | "Attention" | "Default";
  people: StaffRow[];
  addHeading: string;
  personLabel: string;
  personPlaceholder: string;
  emailLabel: string;
  roleLabel: string;
  roleRequired: string;
  roles: { title: string; value: StaffRole }[];
  addLabel: string;
  backLabel: string;
}

/**
 * "Manage organisers": the creator, co-organisers, facilitators and people still waiting to be
 * matched by e-mail, each removable (except the creator), and a Teams people picker (with an
 * e-mail field for people the picker cannot offer) to add someone as co-organiser or facilitator.
 */
export function staffCard(
  lang: Language,
  d: Dialogue,
  notice?: { text: string; color: StaffCardData["noticeColor"] },
): Record<string, unknown> {
  const t = dialogueT(lang);
  const unnamed = t("staff.unnamed");
  const row = (role: StaffRole, key: string, name: string, roleText: string): StaffRow => ({
    name: name || unnamed,
    roleText,
    role,
    key,
    removable: key !== d.createdBy.aadId && d.state !== "cancelled",
    removeLabel: t("staff.remove"),
    dialogueId: d.id,
    version: d.version,
  });
  const names = new Map(d.coOrganisers?.map((p) => [p.aadId, p.name]));
  const people: StaffRow[] = [
    row("organiser", d.createdBy.aadId, d.createdBy.name, t("staff.role.creator")),
    ...d.organiserIds
      .filter((id) => id !== d.createdBy.aadId)
      .map((id) => row("organiser", id, names.get(id) ?? "", t("staff.role.organiser"))),
    ...d.facilitators
      .filter((f) => f.aadId !== d.createdBy.aadId)
      .map((f) => row("facilitator", f.aadId, f.name, t("staff.role.facilitator"))),
    ...(d.pendingStaff ?? []).map((p) =>
      row(p.role, p.email, p.email, t("staff.pending", { role: t(`staff.role.${p.role}`) })),
    ),
  ];
  const data: StaffCardData = {
    dialogueId: d.id,
    version: d.version,
    cancelled: d.state === "cancelled",
    kicker: t("organiser.kicker", { id: d.id }),
    heading: t("staff.heading", { title: d.title }),
    intro: t("staff.intro"),
    notice: notice?.text ?? "",
    noticeColor: notice?.color ?? "Default",
    people,
    addHeading: t("staff.addHeading"),
    personLabel: t("staff.person"),
    personPlaceholder: t("staff.personPlaceholder"),
    emailLabel: t("staff.email"),
    roleLabel: t("staff.roleLabel"),
    roleRequired: t("form.requiredHint"),
    roles: [
      { title: t("staff.role.organiser"), value: "organiser" },
      { title: t("staff.role.facilitator"), value: "facilitator" },
    ],
    addLabel: t("staff.add"),
    backLabel: t("staff.back"),
  };
  return expandCard(staffTemplate, data);
}
