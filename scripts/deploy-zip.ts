/**
 * `tsx scripts/deploy-zip.ts [out]`: packs the built app for App Service (teamsapp.yml deploy)
 * into `artifacts/app.zip`, leaving out what `infra/.webappignore` lists. The toolkit's
 * `azureAppService/zipDeploy` action cannot target a deployment slot (it always deploys to
 * production), so the deploy step zips here and uploads with `az webapp deploy --slot staging`.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { packApp } from "./lib/app-zip";

const root = path.resolve(__dirname, "..");
const out = path.resolve(process.argv[2] ?? path.join(root, "artifacts", "app.zip"));

packApp(root, out)
  .then((count) => {
    const mb = (statSync(out).size / 1e6).toFixed(1);
    console.log(`${path.relative(process.cwd(), out)}: ${count} files, ${mb} MB`);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
