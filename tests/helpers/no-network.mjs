// Preloaded (`node --import`) into a tool a test runs, so the tool cannot reach the network:
// every socket connect and DNS lookup throws, and is reported on stderr with a marker the test
// looks for. Used to show that `redocly lint` never calls out (telemetry, update checks).
import dns from "node:dns";
import net from "node:net";

function refuse(what) {
  const message = `NO_NETWORK: ${what}`;
  process.stderr.write(`${message}\n`);
  throw new Error(message);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof first === "object" && first ? `${first.host ?? first.path ?? "?"}:${first.port ?? ""}` : String(first);
  refuse(`connect ${target}`);
  return connect.apply(this, args);
};
dns.lookup = (host) => refuse(`dns.lookup ${host}`);
dns.promises.lookup = async (host) => refuse(`dns.promises.lookup ${host}`);
dns.resolve = (host) => refuse(`dns.resolve ${host}`);
dns.promises.resolve = async (host) => refuse(`dns.promises.resolve ${host}`);
