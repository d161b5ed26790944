// Local ESLint plugin: the architecture's import boundaries (docs/architecture.md).
// - bot/src/platform/** knows no feature;
// - a feature reaches another feature only through that feature's index.ts;
// - a feature's domain/ imports no SDK (botbuilder, restify, @azure/*, adaptive cards) and none
//   of its own feature's adapters (store/, cards/, handlers/, routes).
import path from "node:path";

const SDK = /^(botbuilder|botframework-|restify|@azure\/|adaptivecards|@microsoft\/)/;

/** Path of `file` relative to the repository root (posix separators). */
function repoPath(file, cwd) {
  return path.relative(cwd, file).split(path.sep).join("/");
}

function featureOf(p) {
  const m = /^bot\/src\/features\/([^/]+)\/(.*)$/.exec(p);
  return m ? { name: m[1], rest: m[2] } : undefined;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Enforce platform/feature/domain import boundaries" },
    messages: {
      platform: "platform/ must not import a feature ({{target}}); pass what it needs in from app.ts.",
      crossFeature:
        "Feature '{{from}}' may reach feature '{{to}}' only through its index.ts (import from '{{index}}').",
      domainSdk:
        "domain/ stays pure TypeScript: no '{{target}}' here (put it in store/, cards/ or handlers/).",
      domainAdapter: "domain/ must not import its feature's adapters ({{target}}).",
    },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const file = repoPath(context.filename, cwd);
    if (!file.startsWith("bot/src/")) return {};
    const fromFeature = featureOf(file);
    const inDomain = fromFeature !== undefined && /(^|\/)domain\//.test(fromFeature.rest);
    const inPlatform = file.startsWith("bot/src/platform/");

    function check(node, spec) {
      if (typeof spec !== "string") return;
      if (!spec.startsWith(".")) {
        if (inDomain && SDK.test(spec))
          context.report({ node, messageId: "domainSdk", data: { target: spec } });
        return;
      }
      const target = repoPath(path.resolve(path.dirname(context.filename), spec), cwd).replace(
        /\.(ts|tsx|js)$/,
        "",
      );
      const toFeature = featureOf(target + "/");
      if (inPlatform && target.startsWith("bot/src/features")) {
        context.report({ node, messageId: "platform", data: { target } });
        return;
      }
      if (fromFeature && toFeature && toFeature.name !== fromFeature.name) {
        const rest = toFeature.rest.replace(/\/$/, "");
        if (rest !== "" && rest !== "index") {
          context.report({
            node,
            messageId: "crossFeature",
            data: { from: fromFeature.name, to: toFeature.name, index: `features/${toFeature.name}` },
          });
        }
        return;
      }
      if (inDomain && toFeature && toFeature.name === fromFeature.name) {
        if (
          /^(store|cards|handlers|routes|services)(\/|$)|^index$|^routes$/.test(
            toFeature.rest.replace(/\/$/, ""),
          )
        ) {
          context.report({ node, messageId: "domainAdapter", data: { target } });
        }
      }
      if (inDomain && /^bot\/src\/platform\/(teams|http|tables)(\/|$)/.test(target)) {
        context.report({ node, messageId: "domainAdapter", data: { target } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export default { rules: { boundaries: rule } };
