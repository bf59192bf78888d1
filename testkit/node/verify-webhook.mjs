#!/usr/bin/env node
// Verifies Voxmesh webhooks with the official `openai` SDK (client.webhooks.unwrap) and the `standardwebhooks`
// library, either as a live HTTP receiver or over a file of captured deliveries.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  COMMON_OPTIONS, EXIT, describeError, installCrashHandlers, int, note, parseCli, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const USAGE = `usage: node verify-webhook.mjs --secret whsec_... (--listen [--port N] [--expect N] | --input FILE)

Checks each webhook twice, with
  * the official openai SDK:  await new OpenAI({apiKey, webhookSecret}).webhooks.unwrap(body, headers, secret)
  * standardwebhooks 1.1.1:   new Webhook(secret).verify(body, headers)
Both need the raw body, the webhook-id / webhook-timestamp / webhook-signature headers, and a timestamp within
300 s of now.

Modes:
  --listen                HTTP receiver on 127.0.0.1: answers 200 when both libraries accept the POST, else 400
  --port N                port to listen on (default 0: any free port)
  --expect N              exit 0 after N accepted deliveries (default: run until --timeout-ms, then exit 2)
  --input FILE            JSON lines {"headers":{...},"body":"<raw body>"}; verify each and exit
  --secret whsec_...      the endpoint's signing secret (required)
  --timeout-ms N          give up after N ms (default 60000)

Output (stdout, one JSON object per line):
  {"__client":"listening","port":N}                     (--listen, once the socket is bound)
  {"__client":"webhook","index":i,"ok":bool,"webhook_id":...,"event_id":...,"type":...,
   "session_id":...,"sequence":...,"openai":"ok"|"<error>","standardwebhooks":"ok"|"<error>"}
  {"__client":"done","accepted":n,"rejected":m}
Exit codes: 0 (--input: every entry accepted; --listen: --expect reached), 1 some entry rejected (--input),
2 timeout, 4 usage.`;

const values = parseCli({
  ...COMMON_OPTIONS,
  secret: { type: 'string' },
  listen: { type: 'boolean' },
  port: { type: 'string', default: '0' },
  expect: { type: 'string' },
  input: { type: 'string' },
}, USAGE);

const secret = values.secret;
if (!secret) usageError('--secret is required', USAGE);
if (Boolean(values.listen) === Boolean(values.input)) usageError('give exactly one of --listen or --input', USAGE);
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const port = int(values, 'port', USAGE);
const expect = int(values, 'expect', USAGE, { min: 1 });

let OpenAI;
let Webhook;
try {
  OpenAI = (await import('openai')).default;
  ({ Webhook } = await import('standardwebhooks'));
} catch (e) {
  process.stderr.write(`cannot load openai / standardwebhooks (run npm install in testkit/node): ${e.message}\n`);
  process.exit(EXIT.FAILED);
}

// The API key is never used: unwrap() only verifies locally.
const client = new OpenAI({ apiKey: 'sk-unused', webhookSecret: secret, maxRetries: 0 });
const standard = new Webhook(secret);

let index = 0;
let accepted = 0;
let rejected = 0;

/** Verifies one delivery with both libraries; prints and returns the result line. */
async function verify(body, headers) {
  const result = {
    index: index++,
    webhook_id: headers['webhook-id'] ?? null,
    event_id: null,
    type: null,
    session_id: null,
    sequence: null,
    openai: 'ok',
    standardwebhooks: 'ok',
  };
  try {
    const event = await client.webhooks.unwrap(body, headers, secret);
    result.event_id = event.id ?? null;
    result.type = event.type ?? null;
    result.session_id = event.data?.session_id ?? null;
    result.sequence = event.data?.sequence ?? null;
    result.object = event.object ?? null;
  } catch (e) {
    result.openai = `${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}`;
  }
  try {
    standard.verify(body, headers);
  } catch (e) {
    result.standardwebhooks = `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
  }
  result.ok = result.openai === 'ok' && result.standardwebhooks === 'ok';
  if (result.ok) accepted++;
  else rejected++;
  note('webhook', result);
  return result;
}

const timer = setTimeout(() => {
  note('timeout', { timeout_ms: timeoutMs, accepted, rejected });
  process.exit(EXIT.TIMEOUT);
}, timeoutMs);

if (values.input) {
  let lines;
  try {
    lines = readFileSync(values.input, 'utf8').split('\n').filter((l) => l.trim() !== '');
  } catch (e) {
    usageError(`--input ${values.input}: ${e.message}`, USAGE);
  }
  for (const line of lines) {
    const entry = JSON.parse(line);
    const headers = {};
    for (const [k, v] of Object.entries(entry.headers ?? {})) headers[k.toLowerCase()] = v;
    await verify(entry.body, headers);
  }
  clearTimeout(timer);
  note('done', { accepted, rejected });
  process.exit(rejected === 0 ? EXIT.OK : EXIT.FAILED);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('error', (e) => note('request_error', describeError(e)));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const result = await verify(body, req.headers);
    res.writeHead(result.ok ? 200 : 400, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ ok: result.ok, openai: result.openai, standardwebhooks: result.standardwebhooks }));
    if (expect !== undefined && accepted >= expect) {
      clearTimeout(timer);
      note('done', { accepted, rejected });
      server.close();
      server.closeAllConnections?.();
      process.exit(EXIT.OK);
    }
  });
});
server.on('error', (e) => {
  note('server_error', describeError(e));
  process.exit(EXIT.FAILED);
});
server.listen(port, '127.0.0.1', () => note('listening', { port: server.address().port }));
