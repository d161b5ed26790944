// Fails unless this Node.js has the major version in .nvmrc, the one production runs
// (infra/azure.bicep: NODE|<major>-lts) and CI tests on. Dependency-free: it runs before `npm ci`.
import { readFileSync } from "node:fs";
import { URL } from "node:url";

const wanted = readFileSync(new URL("../.nvmrc", import.meta.url), "utf8").trim();
const actual = process.versions.node.split(".")[0];
if (actual !== wanted) {
  console.error(
    `Node.js ${process.versions.node} is running, but this project runs on Node.js ${wanted} LTS ` +
      `(.nvmrc; App Service NODE|${wanted}-lts). Switch with \`nvm use\`, or on a machine that ` +
      `reaches only the npm registry: \`source scripts/use-node.sh\`.`,
  );
  process.exit(1);
}
