/**
 * Structural checks of infra/azure.bicep and the Teams Toolkit lifecycle files.
 * No Bicep compiler runs here, so these read the text; `az bicep build --file
 * infra/azure.bicep` remains the real syntax check (docs/deploy.md).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { TABLE_NAMES } from "../bot/src/platform/tables/tables";
import { queueName } from "../bot/src/platform/outbox/work-queue";
import { parseEnvFile } from "../scripts/lib/env-file";
import { placeholderNames } from "../scripts/lib/placeholders";
import { packApp } from "../scripts/lib/app-zip";

const root = join(__dirname, "..");
const read = (path: string): string => readFileSync(join(root, path), "utf8");

const bicep = read("infra/azure.bicep");
// Comments could mention anything; checks run on code only.
const bicepCode = bicep.replace(/(^|\s)\/\/.*$/gm, "$1");
const teamsappYml = read("teamsapp.yml");
const teamsappLocalYml = read("teamsapp.local.yml");

const resourceTypes = [...bicepCode.matchAll(/^resource\s+\w+\s+'([^@']+)@[^']+'/gm)].map((m) => m[1]);
const params = new Map(
  [...bicepCode.matchAll(/^param\s+(\w+)\s+\w+(\s*=.*)?$/gm)].map((m) => [
    m[1] as string,
    m[2] !== undefined,
  ]),
);
const outputs = [...bicepCode.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((m) => m[1] as string);

/** Values the toolkit writes into the env file from an action's writeToEnvironmentFile block. */
function writtenByActions(yml: string): Set<string> {
  const names = new Set<string>();
  for (const block of yml.matchAll(
    /^(\s*)writeToEnvironmentFile:\s*\n((?:\1\s+\w+:\s*\w+\s*(?:#.*)?\n)+)/gm,
  )) {
    for (const line of (block[2] ?? "").matchAll(/\w+:\s*(\w+)/g)) names.add(line[1] as string);
  }
  for (const m of yml.matchAll(/::set-teamsfx-env (\w+)=/g)) names.add(m[1] as string);
  return names;
}

/** Non-empty variables of an env file: the ones available before provisioning. */
function presetVars(file: string): Set<string> {
  const vars = parseEnvFile(read(file));
  return new Set(Object.keys(vars).filter((k) => vars[k] !== ""));
}

describe("infra/azure.bicep", () => {
  it("declares every resource the app needs", () => {
    for (const type of [
      "Microsoft.ManagedIdentity/userAssignedIdentities",
      "Microsoft.Web/serverfarms",
      "Microsoft.Web/sites",
      "Microsoft.Web/sites/config",
      "Microsoft.Storage/storageAccounts",
      "Microsoft.Storage/storageAccounts/tableServices",
      "Microsoft.Storage/storageAccounts/tableServices/tables",
      "Microsoft.Authorization/roleAssignments",
      "Microsoft.BotService/botServices",
      "Microsoft.BotService/botServices/channels",
      "Microsoft.Insights/components",
      "Microsoft.KeyVault/vaults",
      "Microsoft.Web/sites/slots",
      "Microsoft.Web/sites/slots/config",
      "Microsoft.Insights/autoscalesettings",
    ]) {
      assert.ok(resourceTypes.includes(type), `missing resource ${type}`);
    }
  });

  it("creates one table per table the app uses", () => {
    const list = /var tableNames = \[([^\]]*)\]/.exec(bicepCode)?.[1] ?? "";
    const declared = [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort();
    // The app creates exactly these at start-up: the Bicep must provision the same set.
    const expected = [...TABLE_NAMES].sort();
    assert.deepEqual(declared, expected);
    assert.match(bicepCode, /tableServices\/tables@[^']+' = \[\s*for tableName in tableNames:/);
  });

  it("hardens the web app and the storage account", () => {
    assert.match(bicepCode, /httpsOnly:\s*true/);
    assert.match(bicepCode, /minTlsVersion:\s*'1\.2'/);
    assert.match(bicepCode, /ftpsState:\s*'Disabled'/);
    // The runtime is the Node.js LTS of .nvmrc, which CI tests on (test/runtime.spec.ts).
    assert.match(bicepCode, new RegExp(`linuxFxVersion:\\s*'NODE\\|${read(".nvmrc").trim()}-lts'`));
    assert.match(bicepCode, /minimumTlsVersion:\s*'TLS1_2'/);
    assert.match(bicepCode, /allowBlobPublicAccess:\s*false/);
    assert.match(bicepCode, /allowSharedKeyAccess:\s*false/);
  });

  it("points App Service's health check at the readiness route the server serves", () => {
    assert.match(bicepCode, /healthCheckPath:\s*'\/api\/ready'/);
    assert.match(read("bot/src/platform/http/server.ts"), /server\.get\("\/api\/ready"/);
  });

  it("gives the managed identity Storage Table Data Contributor on the account", () => {
    assert.match(bicepCode, /'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'/);
    assert.match(bicepCode, /principalId:\s*identity\.properties\.principalId/);
    assert.match(bicepCode, /userAssignedIdentities:\s*\{\s*'\$\{identity\.id\}':\s*\{\}/);
  });

  it("provisions the outbox's work queue and lets the managed identity use it", () => {
    assert.match(
      bicepCode,
      /queueServices\/queues@[^']+' = \{\s*parent: queueService\s*name: outboxQueueName/,
    );
    // The name the app derives without a table prefix (work-queue.ts queueName("")).
    assert.match(bicepCode, new RegExp(`var outboxQueueName = '${queueName("")}'`));
    assert.match(bicepCode, /'974c5e8b-45b9-4653-ba55-5f855dd0fb88'/);
    assert.match(bicepCode, /roleDefinitions', storageQueueDataContributorRoleId\)/);
  });

  it("registers the bot as the user-assigned identity with the Teams channel", () => {
    assert.match(bicepCode, /msaAppType:\s*'UserAssignedMSI'/);
    assert.match(bicepCode, /msaAppMSIResourceId:\s*identity\.id/);
    assert.match(bicepCode, /msaAppTenantId:\s*identity\.properties\.tenantId/);
    assert.match(
      bicepCode,
      /endpoint:\s*'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/,
    );
    assert.match(bicepCode, /channelName:\s*'MsTeamsChannel'/);
  });

  it("sets every app setting the server reads, and no secret", () => {
    for (const name of [
      "MicrosoftAppId",
      "MicrosoftAppType",
      "MicrosoftAppTenantId",
      "TABLES_ENDPOINT",
      "AZURE_CLIENT_ID",
      "AAD_APP_CLIENT_ID",
      "AAD_APP_TENANT_ID",
      "AAD_APP_OAUTH_AUTHORITY",
      "PUBLIC_URL",
      "NODE_ENV",
      "HOST",
      "GRAPH_CREDENTIAL",
      "GRAPH_CLIENT_ID",
      "TRUST_PROXY",
      "LINK_SIGNING_SECRET_PREVIOUS",
      "WEBSITE_SWAP_WARMUP_PING_PATH",
    ]) {
      assert.match(bicepCode, new RegExp(`^\\s+${name}:`, "m"), `app setting ${name} missing`);
    }
    assert.match(bicepCode, /MicrosoftAppType:\s*'UserAssignedMSI'/);
    // Graph uses the app's managed identity, and only once the administrator turns it on.
    assert.match(bicepCode, /GRAPH_CREDENTIAL:\s*enableGraph \? 'managedIdentity' : 'off'/);
    assert.match(bicepCode, /^param enableGraph bool = false/m);
    assert.match(bicepCode, /NODE_ENV:\s*'production'/);
    assert.match(bicepCode, /HOST:\s*'0\.0\.0\.0'/);
    assert.match(bicepCode, /TRUST_PROXY:\s*'appservice'/);
    assert.match(bicepCode, /TABLES_ENDPOINT:\s*tablesEndpoint/);
    assert.match(bicepCode, /var tablesEndpoint = 'https:\/\/\$\{storageAccountName\}\.table\./);
    assert.doesNotMatch(bicepCode, /MicrosoftAppPassword|listKeys\(|AccountKey|@secure\(\)/);
  });

  it("passes the coordinator role's resource id to the bot only with Graph on", () => {
    assert.match(bicepCode, /^param coordinatorRoleResourceId string = ''$/m);
    assert.match(
      bicepCode,
      /var coordinatorRoleSettings = enableGraph && !empty\(coordinatorRoleResourceId\) \? \{\s*COORDINATOR_ROLE_RESOURCE_ID: coordinatorRoleResourceId\s*\} : \{\}/,
    );
    assert.match(bicepCode, /properties: union\([^)]*coordinatorRoleSettings\)/);
    // The setting the server reads under that name.
    assert.match(read("bot/src/config/env-schema.ts"), /COORDINATOR_ROLE_RESOURCE_ID:/);
  });

  it("takes LINK_SIGNING_SECRET from Key Vault, readable by the app's identity, never in the template", () => {
    assert.match(
      bicepCode,
      /LINK_SIGNING_SECRET:\s*'@Microsoft\.KeyVault\(VaultName=\$\{keyVault\.name\};SecretName=\$\{linkSecretName\}\)'/,
    );
    assert.match(bicepCode, /keyVaultReferenceIdentity:\s*identity\.id/);
    assert.match(bicepCode, /enableRbacAuthorization:\s*true/);
    assert.match(bicepCode, /'4633458b-17de-408a-b874-0445c86b69e6'/); // Key Vault Secrets User
    assert.doesNotMatch(bicepCode, /Microsoft\.KeyVault\/vaults\/secrets/);
    // Created once by the provision step, so redeploys keep old links valid.
    assert.match(
      teamsappYml,
      /az keyvault secret show[^\n]*\n?[^\n]*\|\| az keyvault secret set[^\n]*link-signing-secret/,
    );
  });

  it("runs on a plan that can scale out: Standard/Premium v3, ≥ 2 instances, an autoscale rule, no ARR affinity", () => {
    const allowed =
      /@allowed\(\[([^\]]*)\]\)\s*@description\([^\n]*\)\s*param webAppSku string = '(\w+)'/.exec(bicepCode);
    assert.ok(allowed, "webAppSku has an @allowed list");
    const skus = [...(allowed[1] ?? "").matchAll(/'(\w+)'/g)].map((m) => m[1] as string);
    // Basic, Free and Shared can neither autoscale nor hold a deployment slot.
    assert.deepEqual(
      skus.filter((sku) => /^[BFD]\d/.test(sku)),
      [],
    );
    assert.ok(skus.includes(allowed[2] as string));
    assert.equal(allowed[2], "P0v3");
    const count =
      /@minValue\(1\)\s*@maxValue\((\d+)\)\s*@description\([^\n]*\)\s*param instanceCount int = (\d+)/.exec(
        bicepCode,
      );
    assert.ok(count && Number(count[2]) >= 2, "instanceCount defaults to 2 or more");
    assert.match(bicepCode, /sku: \{\s*name: webAppSku\s*capacity: instanceCount\s*\}/);
    for (const name of ["enableAutoscale", "autoscaleMaxInstances", "autoscaleCpuPercent"])
      assert.ok(params.get(name), `param ${name} with a default`);
    const rule =
      /resource autoscale 'Microsoft\.Insights\/autoscalesettings@[^']+' = if \(enableAutoscale\) \{([\s\S]*?)\n\}/.exec(
        bicepCode,
      )?.[1] ?? "";
    assert.match(rule, /targetResourceUri: plan\.id/);
    assert.match(rule, /minimum: string\(instanceCount\)/);
    assert.match(rule, /maximum: string\(max\(instanceCount, autoscaleMaxInstances\)\)/);
    assert.match(
      rule,
      /metricName: 'CpuPercentage'[\s\S]*threshold: autoscaleCpuPercent\s[\s\S]*direction: 'Increase'/,
    );
    assert.match(rule, /operator: 'LessThan'[\s\S]*direction: 'Decrease'/);
    // ARR affinity off on production and on the slot that is swapped into it.
    assert.equal((bicepCode.match(/clientAffinityEnabled: false/g) ?? []).length, 2);
    assert.doesNotMatch(bicepCode, /clientAffinityEnabled: true/);
    assert.match(read("infra/azure.parameters.json"), /"instanceCount": \{\s*"value": [2-9]/);
  });

  it("has a staging slot like production, warmed on /api/ready before a swap", () => {
    const slot =
      /resource stagingSlot 'Microsoft\.Web\/sites\/slots@[^']+' = \{([\s\S]*?)\n\}/.exec(bicepCode)?.[1] ??
      "";
    assert.match(slot, /parent: webApp/);
    assert.match(slot, /name: 'staging'/);
    assert.match(slot, /serverFarmId: plan\.id/);
    assert.match(slot, /keyVaultReferenceIdentity: identity\.id/);
    assert.match(slot, /siteConfig: siteConfig/);
    assert.match(bicepCode, /resource webApp [\s\S]*?siteConfig: siteConfig/);
    assert.match(bicepCode, /var siteConfig = \{[\s\S]*healthCheckPath: '\/api\/ready'/);
    // The slot gets the same settings (it becomes production when swapped).
    assert.match(
      bicepCode,
      /resource stagingSlotSettings 'Microsoft\.Web\/sites\/slots\/config@[^']+' = \{\s*parent: stagingSlot\s*name: 'appsettings'\s*properties: union\(baseAppSettings, insightsAppSettings, coordinatorRoleSettings\)/,
    );
    assert.match(bicepCode, /WEBSITE_SWAP_WARMUP_PING_PATH: '\/api\/ready'/);
    assert.match(bicepCode, /WEBSITE_SWAP_WARMUP_PING_STATUSES: '200'/);
    for (const name of ["BOT_AZURE_APP_SERVICE_NAME", "STAGING_SLOT_NAME", "STAGING_ENDPOINT"])
      assert.ok(outputs.includes(name), `output ${name}`);
  });

  it("takes the previous link-signing secret from Key Vault too, created once by provision", () => {
    assert.match(
      bicepCode,
      /LINK_SIGNING_SECRET_PREVIOUS:\s*'@Microsoft\.KeyVault\(VaultName=\$\{keyVault\.name\};SecretName=\$\{linkPreviousSecretName\}\)'/,
    );
    assert.match(bicepCode, /var linkPreviousSecretName = 'link-signing-secret-previous'/);
    // Created (random, once) so the reference always resolves; the server reads it under this name.
    assert.match(
      teamsappYml,
      /az keyvault secret show[^\n]*link-signing-secret-previous[^\n]*\n?[^\n]*\|\| az keyvault secret set[^\n]*link-signing-secret-previous/,
    );
    assert.match(read("bot/src/config/env-schema.ts"), /LINK_SIGNING_SECRET_PREVIOUS:/);
  });

  it("puts Application Insights behind a bool parameter", () => {
    assert.match(bicepCode, /^param enableApplicationInsights bool/m);
    assert.match(bicepCode, /'Microsoft\.Insights\/components@[^']+' = if \(enableApplicationInsights\)/);
  });

  it("gets a value for every parameter without a default, and only declared ones", () => {
    const file = JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, unknown> };
    const given = Object.keys(file.parameters);
    for (const name of given)
      assert.ok(params.has(name), `azure.parameters.json sets undeclared param ${name}`);
    for (const [name, hasDefault] of params) {
      if (!hasDefault) assert.ok(given.includes(name), `param ${name} has no default and no value`);
    }
  });

  it("parameter placeholders are set in env/.env.dev or by an earlier provision step", () => {
    const available = new Set([...presetVars("env/.env.dev"), ...writtenByActions(teamsappYml)]);
    for (const name of placeholderNames(read("infra/azure.parameters.json"))) {
      assert.ok(available.has(name), `azure.parameters.json uses \${{${name}}}, which nothing sets`);
    }
  });
});

describe("teamsapp.yml", () => {
  const known = new Set([
    "teamsApp/create",
    "teamsApp/validateManifest",
    "teamsApp/zipAppPackage",
    "teamsApp/validateAppPackage",
    "teamsApp/update",
    "teamsApp/publishAppPackage",
    "aadApp/create",
    "aadApp/update",
    "botAadApp/create",
    "botFramework/create",
    "arm/deploy",
    "cli/runNpmCommand",
    "azureAppService/zipDeploy",
    "file/createOrUpdateEnvironmentFile",
    "script",
  ]);
  const uses = (yml: string): string[] =>
    [...yml.matchAll(/^\s*- uses: ([\w/]+)/gm)].map((m) => m[1] as string);

  it("uses only known toolkit actions, in a workable order", () => {
    for (const action of [...uses(teamsappYml), ...uses(teamsappLocalYml)]) {
      assert.ok(known.has(action), `unknown action ${action}`);
    }
    const provision = uses(teamsappYml.split(/^deploy:/m)[0] ?? "");
    const at = (a: string): number => provision.indexOf(a);
    // The SSO app id is a Bicep parameter; the tab domain is a Bicep output aadApp/update needs.
    assert.ok(at("aadApp/create") >= 0 && at("aadApp/create") < at("arm/deploy"));
    assert.ok(at("arm/deploy") < at("aadApp/update"));
    assert.ok(at("teamsApp/zipAppPackage") < at("teamsApp/update"));
    assert.match(teamsappYml, /path: \.\/infra\/azure\.bicep/);
    assert.match(teamsappYml, /parameters: \.\/infra\/azure\.parameters\.json/);
    assert.match(teamsappYml, /manifestPath: \.\/infra\/aad\.manifest\.json/);
    assert.match(teamsappYml, /^publish:[\s\S]*teamsApp\/publishAppPackage/m);
    // Deploys go to the staging slot and are swapped in: never a zip deploy onto production.
    assert.doesNotMatch(teamsappYml, /- uses: azureAppService\/zipDeploy/);
  });

  it("deploys without downtime: zip → staging slot → ready → swap → stop the old version", () => {
    const deploy = teamsappYml.split(/^deploy:/m)[1]?.split(/^publish:/m)[0] ?? "";
    const step = (pattern: RegExp) => {
      const at = deploy.search(pattern);
      assert.ok(at >= 0, `deploy has no step ${pattern}`);
      return at;
    };
    const build = step(/args: run build/);
    const zip = step(/tsx scripts\/deploy-zip\.ts artifacts\/app\.zip/);
    const upload = step(
      /az webapp deploy [^\n]*--slot \$\{\{STAGING_SLOT_NAME\}\}[^\n]*--src-path artifacts\/app\.zip/,
    );
    const start = step(/az webapp start [^\n]*--slot \$\{\{STAGING_SLOT_NAME\}\}/);
    const ready = step(/curl --fail[^\n]*--retry[^\n]*\$\{\{STAGING_ENDPOINT\}\}\/api\/ready/);
    const swap = step(
      /az webapp deployment slot swap [^\n]*--slot \$\{\{STAGING_SLOT_NAME\}\} --target-slot production/,
    );
    const stop = step(/az webapp stop [^\n]*--slot \$\{\{STAGING_SLOT_NAME\}\}/);
    assert.ok(build < zip && zip < upload && upload < start && start < ready && ready < swap && swap < stop);
  });

  it("every variable it and the manifests use comes from env/.env.dev, an action or a Bicep output", () => {
    const available = new Set([
      ...presetVars("env/.env.dev"),
      ...writtenByActions(teamsappYml),
      // Generated by aadApp/update when the AAD manifest references it.
      "AAD_APP_ACCESS_AS_USER_PERMISSION_ID",
      // Built-ins the toolkit asks for when empty.
      "AZURE_SUBSCRIPTION_ID",
      "AZURE_RESOURCE_GROUP_NAME",
    ]);
    const used = placeholderNames(
      [teamsappYml, read("infra/aad.manifest.json"), read("manifest/manifest.json")].join("\n"),
    );
    const fromOutputs = used.filter((name) => !available.has(name));
    // Guard against a vacuous pass: the deployment outputs really are needed.
    assert.ok(fromOutputs.includes("BOT_AZURE_APP_SERVICE_NAME") && fromOutputs.includes("STAGING_ENDPOINT"));
    for (const name of fromOutputs) {
      assert.ok(outputs.includes(name), `\${{${name}}} is neither set before provision nor a Bicep output`);
    }
  });

  it("local debug fills every manifest placeholder and writes the server's env", () => {
    const available = new Set([
      ...Object.keys(parseEnvFile(read("env/.env.local"))),
      ...writtenByActions(teamsappLocalYml),
    ]);
    for (const name of placeholderNames(read("manifest/manifest.json"))) {
      assert.ok(available.has(name), `local debug never sets \${{${name}}}`);
    }
    assert.ok(writtenByActions(teamsappLocalYml).has("TAB_ENDPOINT"));
    assert.match(teamsappLocalYml, /messagingEndpoint: \$\{\{BOT_ENDPOINT\}\}\/api\/messages/);
    for (const key of ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "AAD_APP_CLIENT_ID"]) {
      assert.match(teamsappLocalYml, new RegExp(`^\\s+${key}: `, "m"));
    }
  });
});

describe("scripts/deploy-zip.ts (the zip deployed to the staging slot)", () => {
  it("leaves out what infra/.webappignore lists and stores workspace links as copies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dialogi-zip-"));
    try {
      const put = (rel: string, text = rel) => {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      put("infra/.webappignore", read("infra/.webappignore"));
      put("bot/dist/main.js");
      put("bot/src/main.ts");
      put("tab/dist/index.html");
      put("contracts/dist/index.js");
      put("contracts/src/index.ts");
      put("node_modules/restify/index.js");
      put("node_modules/pkg/debug.log");
      put(".git/HEAD");
      put("docs/deploy.md");
      mkdirSync(join(dir, "node_modules/@dialogi"), { recursive: true });
      symlinkSync(join(dir, "contracts"), join(dir, "node_modules/@dialogi/contracts"), "dir");
      mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
      symlinkSync(join(dir, "node_modules/restify/index.js"), join(dir, "node_modules/.bin/restify"));
      const out = join(dir, "artifacts/app.zip");
      const count = await packApp(dir, out);
      const zip = await JSZip.loadAsync(readFileSync(out));
      const names = Object.keys(zip.files)
        .filter((n) => !zip.files[n]!.dir)
        .sort();
      assert.deepEqual(names, [
        "bot/dist/main.js",
        "contracts/dist/index.js",
        "node_modules/@dialogi/contracts/dist/index.js",
        "node_modules/restify/index.js",
        "tab/dist/index.html",
      ]);
      assert.equal(count, names.length);
      assert.equal(await zip.file("bot/dist/main.js")!.async("string"), "bot/dist/main.js");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
