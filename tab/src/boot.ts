// Imported first by main.tsx: starts the first API requests before React and Fluent are
// evaluated (see platform/api/early-requests.ts).
import { startBootRequests } from "./platform/api/early-requests";
import { initialLanguage } from "./platform/lib/languages";

startBootRequests(initialLanguage());
