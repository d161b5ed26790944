import { teamsLightTheme, type Theme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { onTeamsThemeChange } from "./host";

export type ThemeName = "default" | "dark" | "contrast";

/**
 * The light theme ships with the app; dark and high contrast are loaded when first needed (each
 * theme's token palettes are computed when its module runs, which cost every first load ~5 ms).
 */
const LOADERS: Record<Exclude<ThemeName, "default">, () => Promise<{ theme: Theme }>> = {
  dark: () => import("./themes/dark"),
  contrast: () => import("./themes/contrast"),
};
const loaded = new Map<ThemeName, Theme>([["default", teamsLightTheme]]);

/** Loads a theme (resolves at once for one already loaded). */
export async function loadTheme(name: ThemeName): Promise<void> {
  if (name === "default" || loaded.has(name)) return;
  loaded.set(name, (await LOADERS[name]()).theme);
}

function browserTheme(): ThemeName {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

function normalise(t: string | undefined): ThemeName {
  return t === "dark" || t === "contrast" ? t : "default";
}

/** The theme to start with: the Teams theme inside Teams, the browser's preference outside. */
export function initialThemeName(inTeams: boolean, teamsTheme?: string): ThemeName {
  return inTeams ? normalise(teamsTheme) : browserTheme();
}

/**
 * The Fluent theme to use: the Teams theme (and its changes) inside Teams, the browser's
 * colour-scheme / forced-colours preference outside. The first one is loaded before the first
 * render (main.tsx); a change shows once its theme has loaded.
 */
export function useHostTheme(inTeams: boolean, initial?: string): { name: ThemeName; theme: Theme } {
  const [name, setName] = useState<ThemeName>(() => initialThemeName(inTeams, initial));
  useEffect(() => {
    const change = (next: ThemeName) => {
      loadTheme(next).then(
        () => setName(next),
        () => setName("default"), // the chunk failed to load: stay readable
      );
    };
    if (inTeams) {
      onTeamsThemeChange((t) => change(normalise(t)));
      return;
    }
    const queries = ["(prefers-color-scheme: dark)", "(forced-colors: active)"].map((q) =>
      window.matchMedia?.(q),
    );
    const update = () => change(browserTheme());
    queries.forEach((q) => q?.addEventListener("change", update));
    return () => queries.forEach((q) => q?.removeEventListener("change", update));
  }, [inTeams]);
  return { name, theme: loaded.get(name) ?? teamsLightTheme };
}
