import { html, type SafeHtml } from "../../../platform/http/html";
import type { Language } from "../../../platform/i18n/i18n";
import { formatMinutes } from "../../../platform/time/helsinki-time";
import {
  dialogueT,
  instantText,
  languagesText,
  organisersText,
  whenText,
  type Dialogue,
  type RegistrationCounts,
} from "../../dialogues";
import { publicT } from "../texts";

/** Where, for strangers: the address, "online" or both (the Teams link only after confirming). */
export function placeText(lang: Language, d: Dialogue): string {
  const online = publicT(lang)("facts.online");
  if (d.mode === "remote") return online;
  if (d.mode === "inPerson") return d.address;
  return `${d.address} / ${online}`;
}

/** The people who organise the dialogue (creator first, then co-organisers), named on the page. */
export function organiserNames(d: Dialogue): string {
  const names = [d.createdBy?.name, ...(d.coOrganisers ?? []).map((p) => p.name)]
    .map((n) => (n ?? "").trim())
    .filter(Boolean);
  return [...new Set(names)].join(", ");
}

/** The dialogue's facts, description, questions, programme and ground rules (Helsinki time). */
export function dialogueFacts(lang: Language, d: Dialogue, counts?: RegistrationCounts): SafeHtml {
  const t = publicT(lang);
  const dt = dialogueT(lang);
  const left = counts ? Math.max(0, d.capacity - counts.confirmed) : undefined;
  const rules = dt(`rules.${d.groundRules}`, { returnObjects: true }) as unknown as string[];
  return html`<dl class="facts">
      <dt>${t("facts.when")}</dt>
      <dd>${whenText(dt, d)}</dd>
      <dt>${t("facts.where")}</dt>
      <dd>${placeText(lang, d)}</dd>
      <dt>${t("facts.deadline")}</dt>
      <dd>${instantText(dt, d.deadline)}</dd>
      ${
        left !== undefined
          ? html`<dt>${t("facts.seats")}</dt>
              <dd>${left > 0 ? t("facts.seatsLeft", { left, capacity: d.capacity }) : t("facts.full")}</dd>`
          : ""
      }
      <dt>${t("facts.languages")}</dt>
      <dd>${languagesText(dt, d)}</dd>
      ${
        organisersText(d)
          ? html`<dt>${t("facts.organisers")}</dt>
              <dd>${organisersText(d)}</dd>`
          : ""
      }
      ${
        organiserNames(d)
          ? html`<dt>${t("facts.organiser")}</dt>
              <dd>${organiserNames(d)}</dd>`
          : ""
      }
      ${
        d.targetAudience
          ? html`<dt>${dt("card.targetAudience")}</dt>
              <dd>${d.targetAudience}</dd>`
          : ""
      }
    </dl>
    ${
      d.description
        ? html`<h2>${t("description")}</h2>
            <p>${d.description}</p>`
        : ""
    }
    ${
      d.themes.length
        ? html`<h2>${t("themes")}</h2>
            <ul>
              ${d.themes.map((q) => html`<li>${q}</li>`)}
            </ul>`
        : ""
    }
    ${
      d.agenda.length
        ? html`<h2>${t("agenda")}</h2>
            <ul>
              ${d.agenda.map(
                (i) =>
                  html`<li>
                    ${formatMinutes(i.minutes)}
                    ${i.title}${i.breakout ? ` (${t("breakout")})` : ""}${
                      i.description ? ` — ${i.description}` : ""
                    }
                  </li>`,
              )}
            </ul>`
        : ""
    }
    ${
      d.materials?.length
        ? html`<h2>${dt("card.materials")}</h2>
            <ul>
              ${d.materials.map((m) => html`<li><a href="${m.url}">${m.title}</a></li>`)}
            </ul>`
        : ""
    }
    <h2 id="rules">${t("groundRules")}</h2>
    <p>${dt(`groundRules.${d.groundRules}`)}</p>
    <ol>
      ${rules.map((r) => html`<li>${r}</li>`)}
    </ol>`;
}
