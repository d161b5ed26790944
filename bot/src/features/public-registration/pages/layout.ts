import { html, type SafeHtml } from "../../../platform/http/html";
import { LANGUAGES, type Language } from "../../../platform/i18n/i18n";
import { publicT } from "../texts";

/**
 * Styles of the public pages. Inline (the CSP allows inline styles, not scripts); no script at
 * all: forms post and the server answers with a page. Contrast ≥ 4.5:1, visible focus, reflows
 * at 320 px and 200 % zoom (relative units, no fixed widths).
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
.skip{position:absolute;left:-10000px}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}
header,main,footer{max-width:42rem;margin:0 auto;padding:1rem}
header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0;margin:0}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #0b4f9c;outline-offset:2px}
.kicker{color:#44474f;margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dt,dl.facts dd{overflow-wrap:break-word;min-width:0}
dl.facts dd{margin:0}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:.5rem}}
.field{margin:1.25rem 0}
.field label,.field legend{display:block;font-weight:600}
.hint{color:#44474f;margin:.125rem 0 .25rem}
input[type=text],input[type=email],select,textarea{width:100%;max-width:100%;font:inherit;padding:.5rem;border:2px solid #5c5f66;border-radius:4px;background:#fff;color:inherit}
textarea{min-height:6rem}
fieldset{border:0;padding:0;margin:0}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.choice input{width:1.25rem;height:1.25rem;margin-top:.15rem;flex:none}
.error-text{color:#a4001d;font-weight:600;margin:.25rem 0}
.invalid input,.invalid select,.invalid textarea{border-color:#a4001d}
.summary{border:3px solid #a4001d;padding:1rem;margin:1rem 0}
.summary h2{margin-top:0}
.notice{border-left:6px solid #136f2d;padding:.5rem 1rem;background:#eef7f0}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:4px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f9c}
button.danger{background:#a4001d;border-color:#a4001d}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{color:#44474f;border-top:1px solid #c4c6cc;margin-top:2rem}
`;

/** A whole page in `lang` with the language switch (links to the same page in fi/sv/en). */
export function layout(input: {
  lang: Language;
  title: string;
  /** URL of this page in another language (the switch), or undefined to hide the switch. */
  switchUrl?: (lang: Language) => string;
  body: SafeHtml;
  /** Show the "skip to the form" link. */
  skipToForm?: boolean;
}): SafeHtml {
  const t = publicT(input.lang);
  const others = LANGUAGES.filter((l) => l !== input.lang);
  return html`<html lang="${input.lang}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>${input.title} – Dialogi</title>
      <style>
        ${CSS}
      </style>
    </head>
    <body>
      ${input.skipToForm ? html`<a class="skip" href="#register">${t("skip")}</a>` : ""}
      ${
        input.switchUrl
          ? html`<header>
              <nav aria-label="${t("languageSwitch")}">
                <ul>
                  ${others.map(
                    (l) =>
                      html`<li>
                        <a href="${input.switchUrl!(l)}" lang="${l}" hreflang="${l}"
                          >${publicT(l)(`langName.${l}`)}</a
                        >
                      </li>`,
                  )}
                </ul>
              </nav>
            </header>`
          : ""
      }
      <main id="main">${input.body}</main>
      <footer><p>Dialogi</p></footer>
    </body>
  </html>`;
}
