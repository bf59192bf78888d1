#!/usr/bin/env node
// Transcription session through the official `openai` SDK's Node WebSocket client
// (OpenAIRealtimeWS from 'openai/realtime/ws', intent: 'transcription'), exactly as an application
// would use it. See --help; the output contract is described in lib/common.mjs.

import {
  COMMON_OPTIONS, COMMON_USAGE, EXIT, FLOW_OPTIONS, FLOW_USAGE, closeSocket, createFlow, describeError,
  ensureCaTrust, flowConfig, installCrashHandlers, int, note, parseCli, printFrame, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const USAGE = `usage: node realtime-transcribe.mjs --base-url https://127.0.0.1:PORT/v1 --api-key KEY [--ca FILE]
                      [session flags] --audio FILE [--audio FILE ...] [--expect-completed N]

Opens wss://<base-url host>/<base-url path>/realtime?intent=transcription with the official SDK
(new OpenAIRealtimeWS({intent:'transcription'}, new OpenAI({apiKey, baseURL}))), which sends
"Authorization: Bearer KEY", sends session.update, waits for session.updated, streams the audio as
input_audio_buffer.append events and waits for the transcription results.
${COMMON_USAGE}
${FLOW_USAGE}

SDK 'error' events (server error events turned into OpenAIRealtimeError, unparseable frames, socket
errors) are printed as {"__client":"sdk_error",...} lines; a non-101 handshake answer is printed as
{"__client":"unexpected_response","status":N,"headers":{...},"body":"..."} (exit 1).`;

const values = parseCli({ ...COMMON_OPTIONS, ...FLOW_OPTIONS }, USAGE);
if (!values['base-url']) usageError('--base-url is required', USAGE);
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!apiKey) usageError('--api-key is required (or set OPENAI_API_KEY)', USAGE);
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const cfg = flowConfig(values, USAGE);
await ensureCaTrust(values.ca);

let OpenAI;
let OpenAIRealtimeWS;
try {
  OpenAI = (await import('openai')).default;
  ({ OpenAIRealtimeWS } = await import('openai/realtime/ws'));
} catch (e) {
  process.stderr.write(`cannot load the openai SDK (run npm install in testkit/node): ${e.message}\n`);
  process.exit(EXIT.FAILED);
}

let rt;
try {
  const client = new OpenAI({ apiKey, baseURL: values['base-url'], maxRetries: 0 });
  rt = new OpenAIRealtimeWS({ intent: 'transcription' }, client);
} catch (e) {
  note('sdk_error', { phase: 'construct', ...describeError(e) });
  process.exit(EXIT.FAILED);
}
const socket = rt.socket;
let opened = false;

const flow = createFlow(cfg, {
  send: (event) => rt.send(event),
  isOpen: () => socket.readyState === socket.OPEN,
  close: () => closeSocket(socket, () => rt.close({ code: 1000, reason: 'OK' })),
}, timeoutMs);

// Print every frame verbatim before the SDK parses it (prependListener: runs ahead of the SDK's own
// 'message' handler); the SDK's parsed 'event' stream drives the flow.
socket.prependListener('message', (data, isBinary) => printFrame(data, isBinary));
rt.on('event', (event) => flow.onEvent(event));
rt.on('error', (err) => note('sdk_error', describeError(err)));

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
let upgradeHeaders = {};
socket.on('upgrade', (res) => {
  upgradeHeaders = res.headers;
});
socket.on('open', () => {
  opened = true;
  note('open', { url: rt.url.toString(), protocol: socket.protocol, headers: upgradeHeaders });
  flow.run().catch((e) => flow.fail(EXIT.FAILED, 'sdk_error', { phase: 'flow', ...describeError(e) }));
});
socket.on('close', (code, reason) => {
  if (!opened) {
    note('close', { code, reason: reason?.toString() ?? '', by: 'remote', before_open: true });
    note('done', { exit: EXIT.FAILED, completed: 0 });
    process.exit(EXIT.FAILED);
  }
  flow.onClosed(code, reason?.toString() ?? '');
});
