// Preloaded into tools that listen on all interfaces without a host option (the Agents
// Playground): a listen() call that names only a port is bound to 127.0.0.1 instead.
const net = require("node:net");

const original = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  } else if (
    args[0] &&
    typeof args[0] === "object" &&
    !args[0].host &&
    args[0].port !== undefined &&
    !args[0].path
  ) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  }
  return original.apply(this, args);
};
