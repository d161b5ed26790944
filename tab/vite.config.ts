import { defaultClientConditions, defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { bootEntry } from "./vite-boot-entry";
import { precompress } from "./vite-precompress";

// The tab is served by the bot's server from tab/dist (same origin as /api), and inside Teams
// from a sub-path, hence the relative base. The output is precompressed (brotli + gzip) for the
// server to pick by Accept-Encoding (bot/src/platform/http/static-files.ts).
export default defineConfig({
  base: "./",
  plugins: [react(), bootEntry(), precompress()],
  // @dialogi/contracts is bundled from its TypeScript source (no build of contracts needed).
  resolve: { conditions: ["@dialogi/source", ...defaultClientConditions] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev -w tab`: the API runs on the bot's port (npm run dev at the root).
    // changeOrigin: local mode answers only Host 127.0.0.1:3978 (DNS-rebinding guard, loopback-host.ts).
    proxy: { "/api": { target: "http://127.0.0.1:3978", changeOrigin: true } },
  },
});
