import listTemplate from "./dialogue-list.json";
import organiserTemplate from "./dialogue-organiser.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue, Registration, RegistrationCounts } from "../domain/types";
import { dialogueT, whenText } from "../handlers/texts";
import { audienceOf, isExternalUserId } from "../domain/ids";
import { IAP2_TEXTS, isIap2Level, isMethodId, METHOD_TEMPLATES } from "../domain/methods";

/**
 * What the chosen method means for the organiser: method and IAP2 level, group sizes, the
 * method's guidance, and for a hybrid dialogue the confirmed people by mode (groups are formed
 * within each mode).
 */
export function methodFacts(
  lang: Language,
  d: Dialogue,
  active: readonly Registration[],
): { title: string; value: string }[] {
  const t = dialogueT(lang);
  const method = isMethodId(d.method) ? d.method : undefined;
  const level = isIap2Level(d.participationLevel) ? d.participationLevel : undefined;
  const confirmed = active.filter((r) => r.status === "confirmed");
  const { minSize, maxSize } = d.grouping ?? {};
  return [
    ...(method
      ? [
          {
            title: t("organiser.method"),
            value: `${METHOD_TEMPLATES[method].name[lang]}${level ? ` (IAP2: ${IAP2_TEXTS[level].name[lang]})` : ""}`,
          },
        ]
      : []),
    ...(minSize && maxSize ? [{ title: t("organiser.groupSizes"), value: `${minSize}–${maxSize}` }] : []),
    ...(d.mode === "hybrid"
      ? [
          {
            title: t("organiser.byMode"),
            value: t("organiser.byModeValue", {
              onSite: confirmed.filter((r) => r.attendance === "onSite").length,
              remote: confirmed.filter((r) => r.attendance === "remote").length,
            }),
          },
        ]
      : []),
    ...(method ? [{ title: t("organiser.guide"), value: METHOD_TEMPLATES[method].guide[lang] }] : []),
  ];
}

/** How many registrants the card lists; the CSV export has everyone. */
export const MAX_LISTED_REGISTRANTS = 50;

/** Data bound into `cards/dialogue-organiser.json`. */
export interface OrganiserCardData {
  dialogueId: string;
  version: number;
  cancelled: boolean;
  kicker: string;
  title: string;
  when: string;
  notice: string;
  noticeColor: "Good" | "Attention" | "Default";
  facts: { title: string; value: string }[];
  registrantsHeading: string;
  registrants: { name: string; details: string }[];
  moreText: string;
  postHint: string;
  csvUrl: string;
  csvLabel: string;
  editLabel: string;
  messageLabel: string;
  messageInputLabel: string;
  messageRequired: string;
  sendLabel: string;
  cancelLabel: string;
  cancelConfirmText: string;
  cancelConfirmLabel: string;
  publicPageUrl: string;
  publicPageLabel: string;
  /** "Remove a registrant" (empty label: nobody to remove, or the dialogue is cancelled). */
  removeLabel: string;
  removeWho: string;
  removeChoices: { title: string; value: string }[];
  removeReason: string;
  removeReasonRequired: string;
  /** Offered when someone registered on the public page (empty: not shown). */
  removeBlockLabel: string;
  removeSubmit: string;
  /** "Confirm my e-mail address" for the public page's normal mail rate (empty: not offered). */
  publicAddressLabel: string;
  publicAddressHint: string;
  publicAddressInput: string;
  publicAddressBadEmail: string;
  publicAddressSend: string;
  /** The facilitator controls (rounds feature's `round.controls`) and "Manage organisers". */
  facilitateLabel: string;
  manageStaffLabel: string;
}

/** "Org · Swedish · NGO · scribe" for one registrant. */
export function registrantDetails(lang: Language, r: Registration): string {
  const t = dialogueT(lang);
  return [
    r.organisation,
    t(`language.${r.language}`),
    r.background ? t(`background.${r.background}`) : "",
    r.scribe ? t("organiser.scribe") : "",
    r.attendance ? t(`attendance.${r.attendance}`) : "",
    r.status === "waitlisted" ? t("organiser.waitlisted") : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The organiser's view: counts, registrants, export, edit, message all, cancel. */
export function organiserCard(input: {
  lang: Language;
  dialogue: Dialogue;
  counts: RegistrationCounts;
  registrations: readonly Registration[];
  csvUrl?: string;
  /** The public registration page (audience "public"). */
  publicPageUrl?: string;
  notice?: { text: string; color: OrganiserCardData["noticeColor"] };
}): Record<string, unknown> {
  const { dialogue: d, counts } = input;
  const t = dialogueT(input.lang);
  const active = input.registrations.filter((r) => r.status !== "cancelled");
  const cancelled = d.state === "cancelled";
  const data: OrganiserCardData = {
    dialogueId: d.id,
    version: d.version,
    cancelled,
    kicker: t("organiser.kicker", { id: d.id }),
    title: d.title,
    when: whenText(t, d),
    notice: input.notice?.text ?? (cancelled ? t("state.cancelled") : ""),
    noticeColor: input.notice?.color ?? (cancelled ? "Attention" : "Default"),
    facts: [
      { title: t("organiser.confirmed"), value: `${counts.confirmed} / ${d.capacity}` },
      { title: t("organiser.waitlist"), value: String(counts.waitlisted) },
      { title: t("organiser.scribes"), value: String(active.filter((r) => r.scribe).length) },
      { title: t("organiser.audience"), value: t(`audience.${audienceOf(d)}`) },
      ...(audienceOf(d) === "public"
        ? [
            {
              title: t("organiser.external"),
              value: String(
                active.filter((r) => r.status === "confirmed" && isExternalUserId(r.userId)).length,
              ),
            },
          ]
        : []),
      ...(input.publicPageUrl && !cancelled
        ? [{ title: t("card.publicPage"), value: input.publicPageUrl }]
        : []),
      ...methodFacts(input.lang, d, active),
    ],
    registrantsHeading: t("organiser.registrants"),
    registrants: active.slice(0, MAX_LISTED_REGISTRANTS).map((r) => ({
      name: r.name || t("organiser.externalAnonymous"),
      details: registrantDetails(input.lang, r) || "–",
    })),
    moreText:
      active.length > MAX_LISTED_REGISTRANTS
        ? t("organiser.more", { count: active.length - MAX_LISTED_REGISTRANTS })
        : active.length === 0
          ? t("organiser.none")
          : "",
    postHint: cancelled ? "" : t("organiser.postHint", { id: d.id }),
    csvUrl: input.csvUrl ?? "",
    csvLabel: t("organiser.csv"),
    editLabel: t("organiser.edit"),
    messageLabel: t("organiser.message"),
    messageInputLabel: t("organiser.messageInput"),
    messageRequired: t("form.requiredHint"),
    sendLabel: t("organiser.send"),
    cancelLabel: t("organiser.cancel"),
    cancelConfirmText: t("organiser.cancelConfirm", { count: active.length }),
    cancelConfirmLabel: t("organiser.cancelConfirmButton"),
    publicPageUrl: cancelled ? "" : (input.publicPageUrl ?? ""),
    publicPageLabel: t("card.publicPage"),
    removeLabel: active.length > 0 && !cancelled ? t("remove.label") : "",
    removeWho: t("remove.who"),
    removeChoices: active.map((r) => ({
      title: `${r.name || t("organiser.externalAnonymous")} (${t(r.status === "confirmed" ? "organiser.confirmed" : "organiser.waitlist")})`,
      value: r.userId,
    })),
    removeReason: t("remove.reason"),
    removeReasonRequired: t("remove.reasonRequired", { max: 300 }),
    removeBlockLabel: active.some((r) => isExternalUserId(r.userId)) ? t("remove.block") : "",
    removeSubmit: t("remove.submit"),
    publicAddressLabel: input.publicPageUrl && !cancelled ? t("publicAddress.label") : "",
    publicAddressHint: t("publicAddress.hint"),
    publicAddressInput: t("publicAddress.input"),
    publicAddressBadEmail: t("publicAddress.badEmail"),
    publicAddressSend: t("publicAddress.send"),
    facilitateLabel: t("organiser.facilitate"),
    manageStaffLabel: t("organiser.manageStaff"),
  };
  return expandCard(organiserTemplate, data);
}

/** The `my dialogues` list. */
export function dialogueListCard(
  lang: Language,
  items: { dialogue: Dialogue; counts: RegistrationCounts }[],
): Record<string, unknown> {
  const t = dialogueT(lang);
  return expandCard(listTemplate, {
    heading: t("list.heading"),
    emptyText: t("list.empty"),
    manageLabel: t("card.manage"),
    items: items.map(({ dialogue: d, counts }) => ({
      dialogueId: d.id,
      version: d.version,
      title: d.state === "cancelled" ? `${d.title} (${t("state.cancelled")})` : d.title,
      subtitle: `${whenText(t, d)} · ${t("list.counts", { confirmed: counts.confirmed, capacity: d.capacity, waitlisted: counts.waitlisted })} · ${d.id}`,
    })),
  });
}
