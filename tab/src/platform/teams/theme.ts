import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { onTeamsThemeChange } from "./host";

export type ThemeName = "default" | "dark" | "contrast";

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

function browserTheme(): ThemeName {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

function normalise(t: string | undefined): ThemeName {
  return t === "dark" || t === "contrast" ? t : "default";
}

/**
 * The Fluent theme to use: the Teams theme (and its changes) inside Teams, the browser's
 * colour-scheme / forced-colours preference outside.
 */
export function useHostTheme(inTeams: boolean, initial?: string): { name: ThemeName; theme: Theme } {
  const [name, setName] = useState<ThemeName>(() => (inTeams ? normalise(initial) : browserTheme()));
  useEffect(() => {
    if (inTeams) {
      onTeamsThemeChange((t) => setName(normalise(t)));
      return;
    }
    const queries = ["(prefers-color-scheme: dark)", "(forced-colors: active)"].map((q) =>
      window.matchMedia?.(q),
    );
    const update = () => setName(browserTheme());
    queries.forEach((q) => q?.addEventListener("change", update));
    return () => queries.forEach((q) => q?.removeEventListener("change", update));
  }, [inTeams]);
  return { name, theme: THEMES[name] };
}
