#!/usr/bin/env node
// Creates a Realtime client secret (ephemeral ek_ key) with the official SDK:
// client.realtime.clientSecrets.create({ expires_after, session }) -> POST <base-url>/realtime/client_secrets.

import {
  COMMON_OPTIONS, COMMON_USAGE, EXIT, describeError, ensureCaTrust, installCrashHandlers, int, jsonArg, note,
  parseCli, printRaw, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const USAGE = `usage: node client-secret.mjs --base-url https://127.0.0.1:PORT/v1 --api-key KEY [--ca FILE]
                      [--session JSON|@FILE] [--expires-seconds N] [--expires-anchor A] [--body JSON|@FILE]

Calls client.realtime.clientSecrets.create(body) of the official openai SDK
(new OpenAI({apiKey, baseURL, maxRetries})), i.e. POST <base-url>/realtime/client_secrets with
"Authorization: Bearer KEY".
${COMMON_USAGE}

Request:
  --session JSON|@FILE    body.session, e.g. '{"type":"transcription","audio":{"input":{...}}}'
  --expires-seconds N     body.expires_after.seconds (with anchor "created_at" unless --expires-anchor)
  --expires-anchor A      body.expires_after.anchor
  --body JSON|@FILE       send exactly this body (overrides the two flags above)
  --max-retries N         SDK retries on 408/409/429/5xx and connection errors (default 0; SDK default 2)

Output (stdout, one JSON object per line):
  {"__client":"http","status":200,"headers":{...},"request_id":...}
  <the response body as parsed by the SDK, one line>
  or on failure {"__client":"api_error","name":...,"status":...,"error":{...},"headers":{...},"message":...}
Exit codes: 0 ok, 1 API or connection error, 2 timeout, 4 usage.`;

const values = parseCli({
  ...COMMON_OPTIONS,
  session: { type: 'string' },
  'expires-seconds': { type: 'string' },
  'expires-anchor': { type: 'string' },
  body: { type: 'string' },
  'max-retries': { type: 'string', default: '0' },
}, USAGE);
if (!values['base-url']) usageError('--base-url is required', USAGE);
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!apiKey) usageError('--api-key is required (or set OPENAI_API_KEY)', USAGE);
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const maxRetries = int(values, 'max-retries', USAGE);

let body = jsonArg(values.body, 'body', USAGE);
if (body === undefined) {
  body = {};
  const seconds = int(values, 'expires-seconds', USAGE);
  if (seconds !== undefined || values['expires-anchor'] !== undefined) {
    body.expires_after = { anchor: values['expires-anchor'] ?? 'created_at' };
    if (seconds !== undefined) body.expires_after.seconds = seconds;
  }
  const session = jsonArg(values.session, 'session', USAGE);
  if (session !== undefined) body.session = session;
}
await ensureCaTrust(values.ca);

let OpenAI;
try {
  OpenAI = (await import('openai')).default;
} catch (e) {
  process.stderr.write(`cannot load the openai SDK (run npm install in testkit/node): ${e.message}\n`);
  process.exit(EXIT.FAILED);
}

const timer = setTimeout(() => {
  note('timeout', { timeout_ms: timeoutMs });
  process.exit(EXIT.TIMEOUT);
}, timeoutMs);

try {
  const client = new OpenAI({ apiKey, baseURL: values['base-url'], maxRetries, timeout: timeoutMs });
  const { data, response, request_id: requestId } = await client.realtime.clientSecrets.create(body).withResponse();
  note('http', { status: response.status, headers: Object.fromEntries(response.headers.entries()), request_id: requestId ?? null });
  printRaw(JSON.stringify(data));
  clearTimeout(timer);
  process.exit(EXIT.OK);
} catch (e) {
  const fields = describeError(e);
  if (e?.headers && typeof e.headers.entries === 'function') fields.headers = Object.fromEntries(e.headers.entries());
  note('api_error', fields);
  clearTimeout(timer);
  process.exit(EXIT.FAILED);
}
