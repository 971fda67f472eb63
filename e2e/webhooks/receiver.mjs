// A webhook receiver that checks every delivery with the published Standard Webhooks library
// (npm `standardwebhooks`), the way a health board's system would. Cairn's tests start it,
// point an endpoint at it and read what it printed.
//
//   node webhooks/receiver.mjs --secret whsec_… [--port 0] [--fail-first N]
//
// It prints one JSON line per event on stdout: first {"listening": PORT}, then one line per
// request: {"status": 204, "verified": true, "id", "type", "body"} for a delivery whose
// signature is good, {"status": 400, "verified": false, "error"} for one whose signature is
// not, and {"status": 500, "failed_on_purpose": true} for each of the first N requests when
// --fail-first N is given (to show that Cairn tries again). The secret can be changed while
// it runs by a line `secret whsec_…` on stdin (a rotation).

import { createServer } from "node:http";
import { createInterface } from "node:readline";
import standardwebhooks from "standardwebhooks";

const { Webhook } = standardwebhooks;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

let secret = arg("secret", process.env.WEBHOOK_SECRET);
if (!secret) {
  console.error("receiver: --secret whsec_… is required");
  process.exit(2);
}
const port = Number(arg("port", "0"));
let failFirst = Number(arg("fail-first", "0"));

function say(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const [word, value] = line.trim().split(/\s+/);
  if (word === "secret" && value) {
    secret = value;
    say({ secret_changed: true });
  }
});

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    if (failFirst > 0) {
      failFirst -= 1;
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("not now");
      say({ status: 500, failed_on_purpose: true, id: req.headers["webhook-id"] });
      return;
    }
    try {
      const payload = new Webhook(secret).verify(body, req.headers);
      res.writeHead(204);
      res.end();
      say({
        status: 204,
        verified: true,
        id: req.headers["webhook-id"],
        type: payload.type,
        signatures: String(req.headers["webhook-signature"] ?? "").split(" ").length,
        body: payload,
      });
    } catch (e) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("signature not valid");
      say({ status: 400, verified: false, id: req.headers["webhook-id"], error: String(e?.message ?? e) });
    }
  });
});

server.listen(port, "127.0.0.1", () => {
  say({ listening: server.address().port });
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
