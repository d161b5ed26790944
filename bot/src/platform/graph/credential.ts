import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from "@azure/identity";
import { AppServiceIdentityCredential } from "./app-service-identity";

/** How the app proves itself to Microsoft Graph (application permissions, no signed-in user). */
export type GraphCredentialConfig =
  | {
      kind: "managedIdentity";
      endpoint: string;
      header: string;
      clientId?: string;
      /** The tenant whose directory the identity reads (`GRAPH_TENANT_ID`, optional here). */
      tenantId?: string;
    }
  | { kind: "clientSecret"; tenantId: string; clientId: string; secret: string; authorityHost: string }
  | {
      kind: "certificate";
      tenantId: string;
      clientId: string;
      certificatePath: string;
      authorityHost: string;
    };

/** Builds the credential from validated configuration (nothing here reads the environment). */
export function createGraphCredential(config: GraphCredentialConfig): TokenCredential {
  switch (config.kind) {
    case "managedIdentity":
      return new AppServiceIdentityCredential(config);
    case "clientSecret":
      return new ClientSecretCredential(config.tenantId, config.clientId, config.secret, {
        authorityHost: config.authorityHost,
      });
    case "certificate":
      return new ClientCertificateCredential(
        config.tenantId,
        config.clientId,
        { certificatePath: config.certificatePath },
        { authorityHost: config.authorityHost },
      );
  }
}
