# Puts the Node.js major of .nvmrc first on PATH, installing it from the npm registry when the
# running one differs (CI's Debian image has Node 20 + npm; Debian's own nodejs is older still).
# The official binaries are published on npm as node-<platform>-<arch> (what the `node` package's
# installer fetches); npm checks the tarball's integrity. Nothing is downloaded from elsewhere.
#
#   source scripts/use-node.sh     # bash; CI's .ci/run does this
#
# The install is cached in ${XDG_CACHE_HOME:-~/.cache}/dialogi/node-<major>; the image's npm is
# kept and simply runs on the new node.
_dialogi_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dialogi_major="$(tr -d '[:space:]' <"$_dialogi_root/.nvmrc")"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$_dialogi_major" ]; then
  _dialogi_pkg="node-$(node -p 'process.platform + "-" + process.arch')"
  _dialogi_prefix="${XDG_CACHE_HOME:-$HOME/.cache}/dialogi/node-$_dialogi_major"
  _dialogi_home="$_dialogi_prefix/node_modules/$_dialogi_pkg"
  if [ ! -x "$_dialogi_home/bin/node" ]; then
    echo "--- installing Node.js $_dialogi_major ($_dialogi_pkg@$_dialogi_major from the npm registry)"
    npm install --prefix "$_dialogi_prefix" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error "$_dialogi_pkg@$_dialogi_major"
  fi
  export PATH="$_dialogi_home/bin:$PATH"
  # node-gyp (dtrace-provider's optional stub build) uses these headers instead of downloading them.
  export npm_config_nodedir="$_dialogi_home"
fi
echo "--- node $(node --version), npm $(npm --version)"
unset _dialogi_root _dialogi_major _dialogi_pkg _dialogi_prefix _dialogi_home
