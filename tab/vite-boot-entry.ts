import type { HtmlTagDescriptor, Plugin } from "vite";

/**
 * Builds `src/boot.ts` as an entry of its own and puts its `<script type="module" async>` first
 * in index.html's head. A module the app imports would only run once the whole first chunk graph
 * (React, Fluent, i18next) has been fetched and evaluated; as a small async entry fetched first,
 * it runs as soon as it arrives, so the first API requests travel while the app's modules are
 * still loading. (Vite folds every module script written in index.html into one entry, hence
 * this plugin.)
 */
export function bootEntry(source = "src/boot.ts"): Plugin {
  const script = (src: string): HtmlTagDescriptor => ({
    tag: "script",
    attrs: { type: "module", async: true, crossorigin: true, fetchpriority: "high", src },
    injectTo: "head-prepend",
  });
  const preload = (href: string): HtmlTagDescriptor => ({
    tag: "link",
    attrs: { rel: "modulepreload", crossorigin: true, fetchpriority: "high", href },
    injectTo: "head-prepend",
  });
  return {
    name: "dialogi-boot-entry",
    config: (_config, { command }) =>
      command === "build"
        ? { build: { rollupOptions: { input: { index: "index.html", boot: source } } } }
        : {},
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle) return { html, tags: [script(`/${source}`)] }; // dev server: from source
        const boot = Object.values(ctx.bundle).find(
          (c) => c.type === "chunk" && c.isEntry && c.name === "boot",
        );
        if (!boot || boot.type !== "chunk") throw new Error(`boot entry ${source} missing from the bundle`);
        return { html, tags: [script(`./${boot.fileName}`), ...boot.imports.map((f) => preload(`./${f}`))] };
      },
    },
  };
}
