#!/usr/bin/env node
// The realtime-transcribe.mjs flow over a plain `ws` WebSocket that connects the way a browser does:
// no Authorization header, the credential travels in Sec-WebSocket-Protocol
// ['realtime', 'openai-insecure-api-key.<key>', ...extra]. Also a --send-raw mode for hostile input.
// See --help; the output contract is described in lib/common.mjs.

import { readFileSync } from 'node:fs';
import {
  COMMON_OPTIONS, COMMON_USAGE, EXIT, FLOW_OPTIONS, FLOW_USAGE, closeSocket, createFlow, describeError,
  ensureCaTrust, flowConfig, installCrashHandlers, int, note, parseCli, printFrame, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const USAGE = `usage: node realtime-raw.mjs --base-url https://127.0.0.1:PORT/v1 --api-key KEY [--ca FILE]
                      [connection flags] [session flags] --audio FILE ... [--expect-completed N]
       node realtime-raw.mjs --base-url ... --api-key KEY --send-raw FILE [--linger-ms N]

Connects with the plain 'ws' library like a browser: URL <base-url>/realtime?intent=transcription
(scheme https->wss, http->ws), no Authorization header, sub-protocols
['realtime', 'openai-insecure-api-key.KEY', ...--subprotocol]. The first stdout line is
{"__client":"open","protocol":"<selected sub-protocol>","headers":{...101 response headers}}
(or unexpected_response / socket_error lines when the handshake fails).
Then either runs the same flow as realtime-transcribe.mjs (session flags below), or with --send-raw
sends each line of FILE as one raw text frame and prints every reply.
${COMMON_USAGE}

Connection:
  --url URL               connect to exactly this ws:// or wss:// URL (ignores the query flags below)
  --session-model M       use ?model=M (conversation session) instead of ?intent=transcription
  --call-id ID            use ?call_id=ID instead of ?intent=transcription
  --subprotocol P         offer P after the key token (repeatable), e.g. openai-beta.realtime-v1
  --protocols LIST        offer exactly this comma-separated list instead (key not added; "" = none)
  --no-key-protocol       do not offer openai-insecure-api-key.KEY
  --header "N: V"         add an HTTP header to the upgrade request (repeatable)
  --origin URL            send this Origin header, as a browser page would
  --no-deflate            do not offer permessage-deflate (browsers offer it; so does this by default)

Hostile input:
  --send-raw FILE         after open (and session.created with --wait-created), send each line of FILE
                          as one text frame, verbatim (no session.update, no audio); then wait
                          --linger-ms (default here 1000) or until the server closes; exit 0 either way
  --raw-delay-ms N        pause between raw frames (default 0)
  --raw-binary            send the raw lines as binary frames instead of text frames
${FLOW_USAGE}`;

const values = parseCli({
  ...COMMON_OPTIONS,
  ...FLOW_OPTIONS,
  url: { type: 'string' },
  'session-model': { type: 'string' },
  'call-id': { type: 'string' },
  subprotocol: { type: 'string', multiple: true, default: [] },
  protocols: { type: 'string' },
  'no-key-protocol': { type: 'boolean' },
  header: { type: 'string', multiple: true, default: [] },
  origin: { type: 'string' },
  'no-deflate': { type: 'boolean' },
  'send-raw': { type: 'string' },
  'raw-delay-ms': { type: 'string', default: '0' },
  'raw-binary': { type: 'boolean' },
}, USAGE);

if (!values.url && !values['base-url']) usageError('--base-url or --url is required', USAGE);
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!apiKey && !values['no-key-protocol'] && values.protocols === undefined) {
  usageError('--api-key is required (or set OPENAI_API_KEY, or pass --no-key-protocol)', USAGE);
}
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const rawMode = values['send-raw'] !== undefined;
const rawDelayMs = int(values, 'raw-delay-ms', USAGE);
let rawLines = [];
if (rawMode) {
  try {
    rawLines = readFileSync(values['send-raw'], 'utf8').split('\n');
  } catch (e) {
    usageError(`--send-raw: ${e.message}`, USAGE);
  }
  if (rawLines.length && rawLines[rawLines.length - 1] === '') rawLines.pop();
}
const cfg = flowConfig(values, USAGE);
if (rawMode && values['linger-ms'] === FLOW_OPTIONS['linger-ms'].default) cfg.lingerMs = 1000;

function buildUrl() {
  if (values.url) return new URL(values.url);
  const url = new URL(values['base-url']);
  url.pathname += url.pathname.endsWith('/') ? 'realtime' : '/realtime';
  url.hash = '';
  url.protocol = url.protocol === 'http:' || url.protocol === 'ws:' ? 'ws:' : 'wss:';
  if (values['session-model'] !== undefined) url.searchParams.set('model', values['session-model']);
  else if (values['call-id'] !== undefined) url.searchParams.set('call_id', values['call-id']);
  else url.searchParams.set('intent', 'transcription');
  return url;
}

function protocolList() {
  if (values.protocols !== undefined) return values.protocols.split(',').map((p) => p.trim()).filter(Boolean);
  const list = ['realtime'];
  if (!values['no-key-protocol']) list.push(`openai-insecure-api-key.${apiKey}`);
  return list.concat(values.subprotocol);
}

const headers = {};
for (const h of values.header) {
  const i = h.indexOf(':');
  if (i <= 0) usageError(`--header must look like "Name: value", got ${h}`, USAGE);
  headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
}

let url;
try {
  url = buildUrl();
} catch (e) {
  usageError(`bad URL: ${e.message}`, USAGE);
}
await ensureCaTrust(values.ca);

let WebSocket;
try {
  ({ WebSocket } = await import('ws'));
} catch (e) {
  process.stderr.write(`cannot load ws (run npm install in testkit/node): ${e.message}\n`);
  process.exit(EXIT.FAILED);
}

const socket = new WebSocket(url, protocolList(), {
  headers,
  ...(values.origin ? { origin: values.origin } : {}),
  perMessageDeflate: !values['no-deflate'],
  followRedirects: false,
});
let opened = false;
let clientClosing = false;
let upgradeHeaders = {};

const transport = {
  send: (event) => socket.send(JSON.stringify(event)),
  isOpen: () => socket.readyState === socket.OPEN,
  close: () => {
    clientClosing = true;
    return closeSocket(socket, () => socket.close(1000, 'OK'));
  },
};
const flow = createFlow(cfg, transport, timeoutMs);

async function runRaw() {
  if (values['wait-created']) {
    await new Promise((resolveCreated) => {
      const onMessage = (data, isBinary) => {
        if (isBinary) return;
        try {
          if (JSON.parse(data.toString()).type === 'session.created') {
            socket.off('message', onMessage);
            resolveCreated();
          }
        } catch {
          // not JSON: keep waiting
        }
      };
      socket.on('message', onMessage);
    });
  }
  let sent = 0;
  for (const line of rawLines) {
    if (socket.readyState !== socket.OPEN) break;
    socket.send(values['raw-binary'] ? Buffer.from(line, 'utf8') : line, { binary: Boolean(values['raw-binary']) });
    sent++;
    if (rawDelayMs > 0) await new Promise((r) => setTimeout(r, rawDelayMs));
  }
  note('sent', { type: '__raw', frames: sent, of: rawLines.length, binary: Boolean(values['raw-binary']) });
  await new Promise((r) => setTimeout(r, cfg.lingerMs));
  return flow.fail(EXIT.OK, null);
}

socket.on('unexpected-response', (req, res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    note('unexpected_response', {
      status: res.statusCode,
      headers: res.headers,
      body: Buffer.concat(chunks).toString('utf8').slice(0, 65536),
    });
    socket.terminate();
  });
  res.on('error', () => socket.terminate());
});
socket.on('upgrade', (res) => {
  upgradeHeaders = res.headers;
});
socket.on('error', (err) => note('socket_error', describeError(err)));
socket.on('message', (data, isBinary) => {
  const event = printFrame(data, isBinary);
  if (!rawMode) flow.onEvent(event);
});
socket.on('open', () => {
  opened = true;
  note('open', { protocol: socket.protocol, extensions: socket.extensions, url: url.toString(), headers: upgradeHeaders });
  const run = rawMode ? runRaw() : flow.run();
  run.catch((e) => flow.fail(EXIT.FAILED, 'crash', { phase: 'flow', ...describeError(e) }));
});
socket.on('close', (code, reason) => {
  if (!opened) {
    note('close', { code, reason: reason?.toString() ?? '', by: 'remote', before_open: true });
    note('done', { exit: EXIT.FAILED, completed: 0 });
    process.exit(EXIT.FAILED);
  }
  if (clientClosing) return; // the flow's finish() reports it
  if (rawMode) {
    note('close', { code, reason: reason?.toString() ?? '', by: 'remote' });
    note('done', { exit: EXIT.OK, completed: 0 });
    process.exit(EXIT.OK);
  }
  flow.onClosed(code, reason?.toString() ?? '');
});
