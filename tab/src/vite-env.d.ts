/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_ACCESSIBILITY_REVIEWED?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
