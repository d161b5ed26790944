import { html, type SafeHtml } from "../../../platform/http/html";
import type { Language } from "../../../platform/i18n/i18n";
import {
  BACKGROUNDS,
  dialogueT,
  organisersText,
  type Dialogue,
  type RegistrationCounts,
} from "../../dialogues";
import {
  FORM_FIELDS,
  FORM_LIMITS,
  type FormError,
  type FormField,
  type RawForm,
} from "../domain/registration-form";
import { publicT } from "../texts";
import { dialogueFacts, organiserNames } from "./dialogue-facts";
import { layout } from "./layout";

/** What the registration page shows. */
export interface RegisterPageInput {
  lang: Language;
  dialogue: Dialogue;
  counts: RegistrationCounts;
  formToken: string;
  values?: RawForm;
  errors?: readonly FormError[];
  /** A problem not tied to one field (time check, rate limit, closed). */
  formError?: string;
  /** Where people ask about their data (the support mailbox), named in the privacy notice. */
  contact?: string;
}

const id = (f: FormField) => `f-${f}`;

/**
 * The public registration page: the invitation, the form and the privacy notice. Errors are
 * listed in a summary (links to the fields) and next to each field; the typed values are kept.
 */
export function registerPage(input: RegisterPageInput): SafeHtml {
  const { lang, dialogue: d } = input;
  const t = publicT(lang);
  const dt = dialogueT(lang);
  const v = input.values ?? {};
  const errorOf = new Map<FormField, string>();
  for (const e of input.errors ?? [])
    if (!errorOf.has(e.field)) errorOf.set(e.field, t(`errors.${e.key}`, e.params));
  const hasErrors = errorOf.size > 0 || !!input.formError;
  const full = input.counts.confirmed >= d.capacity;

  const describedBy = (f: FormField, hint: boolean) =>
    [hint ? `${id(f)}-hint` : "", errorOf.has(f) ? `${id(f)}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
  const errorText = (f: FormField) =>
    errorOf.has(f) ? html`<p class="error-text" id="${id(f)}-error">${errorOf.get(f)!}</p>` : "";
  const cls = (f: FormField) => (errorOf.has(f) ? "field invalid" : "field");
  const req = html` <span>${t("form.required")}</span>`;

  const text = (
    f: "name" | "email" | "organisation",
    type: string,
    opts: { required?: boolean; hint?: string; autocomplete: string },
  ) =>
    html`<div class="${cls(f)}">
      <label for="${id(f)}">${t(`form.${f}`)}${opts.required ? req : ""}</label>
      ${opts.hint ? html`<p class="hint" id="${id(f)}-hint">${opts.hint}</p>` : ""} ${errorText(f)}
      <input
        type="${type}"
        id="${id(f)}"
        name="${f}"
        value="${v[f] ?? ""}"
        maxlength="${FORM_LIMITS[f] + 50}"
        autocomplete="${opts.autocomplete}"
        ${opts.required ? html`required aria-required="true"` : ""}
        ${errorOf.has(f) ? html`aria-invalid="true"` : ""}
        ${describedBy(f, !!opts.hint) ? html`aria-describedby="${describedBy(f, !!opts.hint)!}"` : ""}
      />
    </div>`;

  const radios = (
    f: "language" | "attendance",
    legend: string,
    options: { value: string; label: string }[],
  ) =>
    html`<fieldset class="${cls(f)}" ${errorOf.has(f) ? html`aria-describedby="${id(f)}-error"` : ""}>
      <legend id="${id(f)}">${legend}${req}</legend>
      ${errorText(f)}
      ${options.map(
        (o, i) =>
          html`<div class="choice">
            <input
              type="radio"
              id="${id(f)}-${o.value}"
              name="${f}"
              value="${o.value}"
              ${v[f] === o.value || (options.length === 1 && i === 0) ? "checked" : ""}
              ${i === 0 ? html`required` : ""}
            />
            <label for="${id(f)}-${o.value}">${o.label}</label>
          </div>`,
      )}
    </fieldset>`;

  const checkbox = (f: "acceptRules" | "consent", label: string, required: boolean) =>
    html`<div class="${cls(f)}">
      ${errorText(f)}
      <div class="choice">
        <input
          type="checkbox"
          id="${id(f)}"
          name="${f}"
          value="on"
          ${v[f] === "on" ? "checked" : ""}
          ${required ? html`required aria-required="true"` : ""}
          ${errorOf.has(f) ? html`aria-invalid="true" aria-describedby="${id(f)}-error"` : ""}
        />
        <label for="${id(f)}">${label}${required ? req : ""}</label>
      </div>
    </div>`;

  const summary = hasErrors
    ? html`<div
        class="summary"
        role="alert"
        aria-labelledby="summary-heading"
        tabindex="-1"
        id="error-summary"
        autofocus
      >
        <h2 id="summary-heading">${t("errors.summary")}</h2>
        <ul>
          ${input.formError ? html`<li>${input.formError}</li>` : ""}
          ${FORM_FIELDS.filter((f) => errorOf.has(f)).map(
            (f) =>
              html`<li>
                <a href="#${f === "language" || f === "attendance" ? `${id(f)}-${firstOption(f, d)}` : id(f)}"
                  >${labelOf(t, f)}: ${errorOf.get(f)!}</a
                >
              </li>`,
          )}
        </ul>
      </div>`
    : "";

  // After a submit with errors the summary comes first and takes focus (autofocus): at 320 px the
  // form is far below the facts, and Enter in a field must not leave the errors out of sight.
  const body = html`${summary}
    <p class="kicker">${t("kicker")}</p>
    <h1>${d.title}</h1>
    ${dialogueFacts(lang, d, input.counts)}
    <h2 id="register">${t("form.heading")}</h2>
    <p>${t("form.intro")}</p>
    <form method="post" action="/register/${d.id}" novalidate>
      <input type="hidden" name="lang" value="${lang}" />
      <input type="hidden" name="ft" value="${input.formToken}" />
      ${text("name", "text", { required: true, autocomplete: "name" })}
      ${text("email", "email", { required: true, hint: t("form.emailHint"), autocomplete: "email" })}
      ${text("organisation", "text", { hint: t("form.organisationHint"), autocomplete: "organization" })}
      <div class="${cls("background")}">
        <label for="${id("background")}">${t("form.background")}</label>
        ${errorText("background")}
        <select id="${id("background")}" name="background">
          <option value="">${t("form.backgroundNone")}</option>
          ${BACKGROUNDS.map(
            (b) =>
              html`<option value="${b}" ${v.background === b ? "selected" : ""}>
                ${dt(`background.${b}`)}
              </option>`,
          )}
        </select>
      </div>
      ${radios(
        "language",
        t("form.language"),
        d.languages.map((l) => ({ value: l, label: dt(`language.${l}`) })),
      )}
      ${
        d.mode === "hybrid"
          ? radios("attendance", t("form.attendance"), [
              { value: "onSite", label: t("form.onSite") },
              { value: "remote", label: t("form.remote") },
            ])
          : ""
      }
      <div class="${cls("accessibility")}">
        <label for="${id("accessibility")}">${t("form.accessibility")}</label>
        <p class="hint" id="${id("accessibility")}-hint">${t("form.accessibilityHint")}</p>
        ${errorText("accessibility")}
        <textarea
          id="${id("accessibility")}"
          name="accessibility"
          rows="3"
          aria-describedby="${describedBy("accessibility", true)!}"
          ${errorOf.has("accessibility") ? html`aria-invalid="true"` : ""}
        >
${v.accessibility ?? ""}</textarea>
      </div>
      ${checkbox("acceptRules", t("form.acceptRules"), true)} ${checkbox("consent", t("form.consent"), false)}
      <div class="hp" aria-hidden="true">
        <label for="f-website">${t("form.honeypot")}</label>
        <input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value="" />
      </div>
      <button type="submit">${full ? t("form.submitWaitlist") : t("form.submit")}</button>
    </form>
    ${privacyNotice(lang, d, input.contact)}`;

  return layout({
    lang,
    title: hasErrors ? `${t("errors.titlePrefix")}: ${d.title}` : d.title,
    switchUrl: (l) => `/register/${d.id}?lang=${l}`,
    body,
    skipToForm: true,
  });
}

function firstOption(f: "language" | "attendance", d: Dialogue): string {
  return f === "language" ? d.languages[0]! : "onSite";
}

function labelOf(t: (k: string) => string, f: FormField): string {
  return t(`form.${f}`);
}

/**
 * Purpose, controller, data, retention and rights (GDPR art. 13), in the page's language. The
 * controller is the organising organisation(s) — the dialogue's co-organisations and its free-text
 * organisers — with the organiser as the contact person and the support mailbox for data questions.
 */
export function privacyNotice(lang: Language, d: Dialogue, contact?: string): SafeHtml {
  const t = publicT(lang);
  const controller = organisersText(d) || t("privacy.controllerUnknown");
  const organiser = organiserNames(d) || "–";
  return html`<section aria-labelledby="privacy">
    <h2 id="privacy">${t("privacy.heading")}</h2>
    <p>${t("privacy.purpose")}</p>
    <p>${t("privacy.controller", { controller, organiser, contact: contact || organiser })}</p>
    <p>${t("privacy.data")}</p>
    <p>${t("privacy.retention")}</p>
    <p>${t("privacy.rights")}</p>
  </section>`;
}
