#!/usr/bin/env node
// A voice agent built with @openai/agents-realtime (RealtimeAgent + RealtimeSession over the
// WebSocket transport, one SDK-executed tool) against a Realtime server, exactly as an application
// would write it. Runs one scenario and reports what the SDK saw. See --help; the output contract is
// described in lib/common.mjs.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  COMMON_OPTIONS, COMMON_USAGE, EXIT, describeError, ensureCaTrust, installCrashHandlers, int,
  exitFlushed, note, parseCli, printFrame, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const SCENARIOS = ['connect', 'text', 'audio', 'tool', 'interrupt', 'barge-in'];

const USAGE = `usage: node agents-session.mjs --base-url https://127.0.0.1:PORT/v1 --api-key KEY [--ca FILE]
                      --scenario S [--model M] [--audio FILE] [--message TEXT] [...]

Builds new RealtimeAgent({name, instructions, tools: [get_weather]}) where get_weather is
tool({parameters: z.object({city: z.string()}), execute}) run by the SDK, and
new RealtimeSession(agent, {transport: 'websocket', model, config}), then
session.connect({apiKey, url: 'wss://<base-url host>/<base-url path>/realtime?model=M'}).
The SDK sends "Authorization: Bearer KEY", its full session.update on open and its tracing update
after session.created.
${COMMON_USAGE}

Scenario (--scenario):
  connect     connect, wait for session.updated, linger, close
  text        session.sendMessage(--message, default "Hello there!"); wait for the answer
  audio       session.sendAudio(...) of --audio (raw PCM16 24 kHz) in 20 ms chunks in real time,
              with --lead-ms / --gap-ms of silence; server VAD ends the turn and the server answers;
              waits for the answer and for the user item's transcript in the SDK history
  tool        session.sendMessage(--message, default "What's the weather in Paris?"); the server
              calls get_weather, the SDK runs it, sends function_call_output + response.create;
              waits for the follow-up answer
  interrupt   session.sendMessage(--long-message); after --interrupt-after audio chunks,
              session.interrupt() (response.cancel + conversation.item.truncate); then
              session.sendMessage("Hello again!") and waits for that answer
  barge-in    like interrupt, but instead of interrupt() streams --audio with sendAudio while the
              assistant's audio is arriving; server VAD detects the speech, the SDK truncates, the
              server answers the spoken turn; waits for that answer

Session config (RealtimeSession options.config):
  --model M               options.model and the URL's model (default gpt-realtime)
  --sdk-defaults          send the SDK's default audio config (semantic_vad, gpt-4o-mini-transcribe)
                          instead of server_vad below
  --silence-ms N          server_vad silence_duration_ms (default 500)
  --output-modality M     audio (default) | text
  --voice V               audio.output.voice (default alloy)

Audio:
  --audio FILE            raw PCM16 24 kHz mono, no header
  --lead-ms N             silence before the audio (default 300)
  --gap-ms N              silence after the audio (default 1500)
  --interrupt-after N     audio chunks received before interrupting / speaking (default 5)

  --linger-ms N           keep the session open N ms after the scenario's goal (default 800)

Output: stdout, one JSON object per line. Every server frame exactly as received (read off the
transport's own socket ahead of the SDK). Client lines ("__client"):
  open | connection      transport connection changes
  sdk_event              {"name": "agent_start" | "agent_end" | "agent_tool_start" | "agent_tool_end" |
                          "audio_start" | "audio_stopped" | "audio_interrupted" | "history_added", ...}
  history                the SDK's whole history after each history_updated (audio omitted)
  sdk_error              every 'error' the session emits (server error events, exceptions, zod
                          parse failures thrown while building history)
  schema_error           a server event that fails the SDK's own zod schema for its type (the SDK
                          silently treats such events as unknown and ignores them)
  history_schema_error   a message item the SDK's throwing history schema rejects
  sent                   client events the SDK sent (read off the socket; audio shortened)
  summary                final history, tool calls, counts
  timeout | crash | close | done
Exit codes: 0 scenario goal reached (errors are reported, not fatal), 1 client failure, 2 timeout,
3 server closed first, 4 usage.`;

const values = parseCli({
  ...COMMON_OPTIONS,
  scenario: { type: 'string' },
  model: { type: 'string', default: 'gpt-realtime' },
  'sdk-defaults': { type: 'boolean' },
  'silence-ms': { type: 'string', default: '500' },
  'output-modality': { type: 'string', default: 'audio' },
  voice: { type: 'string', default: 'alloy' },
  audio: { type: 'string' },
  message: { type: 'string' },
  'long-message': { type: 'string' },
  'lead-ms': { type: 'string', default: '300' },
  'gap-ms': { type: 'string', default: '1500' },
  'interrupt-after': { type: 'string', default: '5' },
  'linger-ms': { type: 'string', default: '800' },
}, USAGE);

if (!values['base-url']) usageError('--base-url is required', USAGE);
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!apiKey) usageError('--api-key is required (or set OPENAI_API_KEY)', USAGE);
const scenario = values.scenario;
if (!SCENARIOS.includes(scenario)) usageError(`--scenario must be one of ${SCENARIOS.join(', ')}`, USAGE);
if ((scenario === 'audio' || scenario === 'barge-in') && !values.audio) usageError(`--scenario ${scenario} needs --audio`, USAGE);
if (!['audio', 'text'].includes(values['output-modality'])) usageError('--output-modality must be audio or text', USAGE);
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const silenceMs = int(values, 'silence-ms', USAGE);
const leadMs = int(values, 'lead-ms', USAGE);
const gapMs = int(values, 'gap-ms', USAGE);
const interruptAfter = int(values, 'interrupt-after', USAGE, { min: 1 });
const lingerMs = int(values, 'linger-ms', USAGE);
let audioBytes = null;
if (values.audio) {
  try {
    audioBytes = readFileSync(values.audio);
  } catch (e) {
    usageError(`--audio: ${e.message}`, USAGE);
  }
}
const LONG_MESSAGE = values['long-message'] ?? Array.from({ length: 24 }, (_, i) =>
  `This is sentence number ${i + 1} of a long message that keeps the assistant talking for a while.`).join(' ');
await ensureCaTrust(values.ca);

let sdk;
let z;
let eventSchemas;
let itemSchemas;
try {
  sdk = await import('@openai/agents-realtime');
  ({ z } = await import('zod'));
  // The SDK's own zod schemas, from the very module instances the SDK uses (same file URLs).
  const index = import.meta.resolve('@openai/agents-realtime');
  eventSchemas = await import(new URL('./openaiRealtimeEvents.mjs', index).href);
  itemSchemas = await import(new URL('./items.mjs', index).href);
} catch (e) {
  process.stderr.write(`cannot load @openai/agents-realtime (run npm install in testkit/node): ${e.stack ?? e}\n`);
  process.exit(EXIT.FAILED);
}
const { RealtimeAgent, RealtimeSession, tool } = sdk;

// ------------------------------------------------------------------------------------------------
// Bookkeeping

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const serverEvents = [];
const sdkEvents = [];
const waiters = [];
const toolCalls = [];
let sdkErrors = 0;
let schemaErrors = 0;
let audioChunks = 0;
let audioBytesReceived = 0;
let finished = false;
let opened = false;
let session;

function checkWaiters() {
  for (const w of [...waiters]) {
    if (w.test()) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  }
}

function until(test) {
  if (test()) return Promise.resolve();
  return new Promise((resolveWait) => waiters.push({ test, resolve: resolveWait }));
}

function sdkEvent(name, fields = {}) {
  sdkEvents.push({ name, ...fields });
  note('sdk_event', { name, ...fields });
  checkWaiters();
}

const count = (list, test) => list.filter(test).length;
const serverCount = (type, test = () => true) => count(serverEvents, (e) => e.type === type && test(e));
const sdkCount = (name) => count(sdkEvents, (e) => e.name === name);

function summarizeContent(c) {
  if (!c || typeof c !== 'object') return c;
  const out = { type: c.type };
  if ('text' in c) out.text = c.text;
  if ('transcript' in c) out.transcript = c.transcript;
  if ('audio' in c && c.audio) out.audio_chars = String(c.audio).length;
  if (c.type === 'input_image') out.image = typeof c.image === 'string' ? `<${c.image.length} chars>` : null;
  return out;
}

function summarizeItem(item) {
  if (!item || typeof item !== 'object') return item;
  const out = { itemId: item.itemId, previousItemId: item.previousItemId, type: item.type };
  for (const k of ['role', 'status', 'name', 'arguments', 'output']) if (k in item) out[k] = item[k];
  if (Array.isArray(item.content)) out.content = item.content.map(summarizeContent);
  return out;
}

function describeSessionError(e) {
  // RealtimeSession 'error' payloads are {type: 'error', error: X}: X is the server's error event
  // (already parsed), an Error, a zod error, or a socket ErrorEvent.
  const inner = e && typeof e === 'object' && 'error' in e ? e.error : e;
  if (inner && typeof inner === 'object' && inner.type === 'error' && inner.error instanceof Error) {
    return { source: 'socket', ...describeError(inner.error) };
  }
  if (inner && typeof inner === 'object' && inner.type === 'error' && inner.error) {
    return { source: 'server_error_event', event: inner };
  }
  if (inner instanceof Error) {
    const d = describeError(inner);
    if (Array.isArray(inner.issues)) d.issues = inner.issues;
    return { source: 'exception', ...d };
  }
  if (inner && typeof inner === 'object' && 'message' in inner) {
    return { source: 'event', message: String(inner.message), kind: inner.type ?? null };
  }
  return { source: 'other', value: (() => { try { return JSON.parse(JSON.stringify(inner)); } catch { return String(inner); } })() };
}

// ------------------------------------------------------------------------------------------------
// Validation of every server frame with the SDK's own schemas

const knownTypes = new Set();
for (const option of eventSchemas.realtimeServerEventSchema.options ?? []) {
  const literal = option.shape?.type;
  const v = literal?.value ?? (literal?.values ? [...literal.values][0] : undefined);
  if (typeof v === 'string') knownTypes.add(v);
}
const HISTORY_TYPES = new Set([
  'conversation.item.added', 'conversation.item.done', 'conversation.item.retrieved',
  'response.output_item.added', 'response.output_item.done',
]);

function validateFrame(event) {
  if (!knownTypes.has(event.type)) return;
  const parsed = eventSchemas.realtimeServerEventSchema.safeParse(event);
  if (!parsed.success) {
    schemaErrors++;
    note('schema_error', { type: event.type, event_id: event.event_id ?? null, issues: parsed.error.issues });
    return;
  }
  if (HISTORY_TYPES.has(event.type) && event.item?.type === 'message') {
    // What the SDK then does with message items (openaiRealtimeBase.mjs): a throwing parse.
    const role = event.item.role;
    const content = role === 'assistant' && Array.isArray(event.item.content)
      ? event.item.content.map((p) => (p && p.type === 'audio' ? { ...p, type: 'output_audio' } : p))
      : event.item.content;
    const candidate = {
      itemId: event.item.id,
      previousItemId: event.type === 'conversation.item.added' || event.type === 'conversation.item.done'
        ? event.previous_item_id : undefined,
      type: event.item.type,
      role,
      content,
      status: event.item.status ?? (event.type.endsWith('added') ? 'in_progress' : 'completed'),
    };
    const r = itemSchemas.realtimeMessageItemSchema.safeParse(candidate);
    if (!r.success) {
      schemaErrors++;
      note('history_schema_error', { type: event.type, event_id: event.event_id ?? null, item_id: event.item.id, issues: r.error.issues });
    }
  }
}

function onFrame(data, isBinary) {
  const event = printFrame(data, isBinary);
  if (!event || typeof event.type !== 'string') return;
  serverEvents.push(event);
  validateFrame(event);
  checkWaiters();
}

function shortened(event) {
  const out = { ...event };
  if (typeof out.audio === 'string' && out.audio.length > 256) out.audio = `<${out.audio.length} chars>`;
  return out;
}

function attachToSocket(ws) {
  if (!ws || ws.__voxmeshAttached) return;
  ws.__voxmeshAttached = true;
  // Runs ahead of the SDK's own message listener, so frames are printed in arrival order even if
  // the SDK's handling of one of them throws.
  ws.prependListener('message', onFrame);
  ws.on('upgrade', (res) => {
    opened = true;
    note('open', { url: ws.url, protocol: ws.protocol, headers: res.headers });
  });
  ws.on('unexpected-response', (req, res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => note('unexpected_response', { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, 65536) }));
  });
  ws.on('close', (code, reason) => {
    if (!finished) {
      finished = true;
      note('close', { code, reason: reason?.toString() ?? '', by: 'remote' });
      summary();
      const exit = opened ? EXIT.CLOSED : EXIT.FAILED;
      note('done', { exit });
      exitFlushed(exit);
    }
  });
  const send = ws.send.bind(ws);
  ws.send = (data, ...rest) => {
    try {
      const event = JSON.parse(String(data));
      if (event.type !== 'input_audio_buffer.append') note('sent', { type: event.type, event_id: event.event_id ?? null, event: shortened(event) });
    } catch {
      note('sent', { type: null, raw: String(data).slice(0, 200) });
    }
    return send(data, ...rest);
  };
}

// ------------------------------------------------------------------------------------------------
// The agent

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    toolCalls.push({ name: 'get_weather', city });
    return `Sunny and 21 degrees Celsius in ${city}`;
  },
});

const agent = new RealtimeAgent({
  name: 'Voxmesh test agent',
  instructions: 'You are a helpful voice assistant used in automated tests. Keep answers short.',
  tools: [getWeather],
});

const config = values['sdk-defaults'] ? {} : {
  outputModalities: [values['output-modality']],
  audio: {
    input: {
      format: { type: 'audio/pcm', rate: 24000 },
      transcription: { model: 'gpt-4o-mini-transcribe', language: 'en' },
      turnDetection: { type: 'server_vad', silenceDurationMs: silenceMs, createResponse: true, interruptResponse: true },
    },
    output: { format: { type: 'audio/pcm', rate: 24000 }, voice: values.voice },
  },
};

session = new RealtimeSession(agent, { transport: 'websocket', model: values.model, config });

session.transport.on('connection_change', (status) => {
  note('connection', { status });
  if (status === 'connecting') attachToSocket(session.transport.connectionState?.websocket);
});

session.on('agent_start', () => sdkEvent('agent_start'));
session.on('agent_end', (ctx, a, text) => sdkEvent('agent_end', { text, audio_chunks: audioChunks, audio_bytes: audioBytesReceived }));
session.on('agent_tool_start', (ctx, a, t, details) => sdkEvent('agent_tool_start', {
  tool: t?.name, call_id: details?.toolCall?.callId ?? null, arguments: details?.toolCall?.arguments ?? null,
}));
session.on('agent_tool_end', (ctx, a, t, result, details) => sdkEvent('agent_tool_end', {
  tool: t?.name, call_id: details?.toolCall?.callId ?? null, result,
}));
session.on('audio_start', () => sdkEvent('audio_start'));
session.on('audio_stopped', () => sdkEvent('audio_stopped'));
session.on('audio_interrupted', () => sdkEvent('audio_interrupted'));
session.on('audio', (event) => {
  audioChunks++;
  audioBytesReceived += event?.data?.byteLength ?? 0;
  checkWaiters();
});
session.on('history_added', (item) => sdkEvent('history_added', { item: summarizeItem(item) }));
session.on('history_updated', (history) => {
  note('history', { items: history.map(summarizeItem) });
  checkWaiters();
});
session.on('error', (e) => {
  sdkErrors++;
  note('sdk_error', describeSessionError(e));
  checkWaiters();
});

// ------------------------------------------------------------------------------------------------
// Scenarios

function wsUrl() {
  const url = new URL(values['base-url']);
  url.pathname += url.pathname.endsWith('/') ? 'realtime' : '/realtime';
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.hash = '';
  url.search = '';
  url.searchParams.set('model', values.model);
  return url.toString();
}

function history() {
  return session.history ?? [];
}

function assistantMessages() {
  return history().filter((i) => i.type === 'message' && i.role === 'assistant');
}

function userMessages() {
  return history().filter((i) => i.type === 'message' && i.role === 'user');
}

/** Streams raw PCM16 24 kHz through session.sendAudio in 20 ms chunks, paced in real time. */
async function speak(bytes, label) {
  const bytesPerMs = 48;
  const chunk = 20 * bytesPerMs;
  const silence = (ms) => Buffer.alloc(Math.round(ms * bytesPerMs / 2) * 2);
  const all = Buffer.concat([silence(leadMs), bytes, silence(gapMs)]);
  const t0 = performance.now();
  let sentMs = 0;
  let chunks = 0;
  for (let off = 0; off < all.length && !finished; off += chunk) {
    const wait = t0 + sentMs - performance.now();
    if (wait > 1) await sleep(wait);
    const piece = all.subarray(off, Math.min(all.length, off + chunk));
    session.sendAudio(piece.buffer.slice(piece.byteOffset, piece.byteOffset + piece.length));
    sentMs += piece.length / bytesPerMs;
    chunks++;
  }
  note('audio', { source: label, bytes: all.length, chunks, ms: all.length / bytesPerMs, lead_ms: leadMs, gap_ms: gapMs });
}

function responseDone(test = () => true) {
  return serverEvents.filter((e) => e.type === 'response.done' && test(e));
}

async function scenarioConnect() {
  await until(() => serverCount('session.updated') >= 1);
}

async function scenarioText() {
  const before = responseDone().length;
  session.sendMessage(values.message ?? 'Hello there!');
  await until(() => responseDone().length > before && sdkCount('agent_end') >= 1
    && assistantMessages().some((m) => m.status === 'completed'));
}

async function scenarioAudio() {
  await until(() => serverCount('session.updated') >= 1);
  await speak(audioBytes, values.audio);
  await until(() => responseDone().length >= 1 && sdkCount('agent_end') >= 1);
  // the user's transcript reaches the history through ...transcription.completed and the SDK's
  // conversation.item.retrieve
  await until(() => userMessages().some((m) => (m.content ?? []).some((c) => c.type === 'input_audio' && typeof c.transcript === 'string' && c.transcript.length > 0)));
}

async function scenarioTool() {
  session.sendMessage(values.message ?? "What's the weather in Paris?");
  await until(() => sdkCount('agent_tool_end') >= 1);
  // the follow-up response the SDK requested after sending the tool output
  await until(() => responseDone().length >= 2 && sdkCount('agent_end') >= 2);
}

async function waitForAssistantAudio() {
  await until(() => audioChunks >= interruptAfter || responseDone().length > 0);
  if (audioChunks < interruptAfter) {
    note('scenario_problem', { message: `the response ended after ${audioChunks} audio chunks, before ${interruptAfter} arrived; nothing left to interrupt` });
  }
}

async function scenarioInterrupt() {
  session.sendMessage(LONG_MESSAGE);
  await waitForAssistantAudio();
  note('interrupting', { audio_chunks: audioChunks, audio_bytes: audioBytesReceived });
  session.interrupt();
  await until(() => responseDone().length >= 1);
  await until(() => serverCount('conversation.item.truncated') >= 1 || sdkErrors > 0);
  await sleep(300); // the SDK's conversation.item.retrieve after the truncation
  const before = responseDone().length;
  session.sendMessage(values.message ?? 'Hello again!');
  await until(() => responseDone().length > before && responseDone().at(-1).response?.status !== 'in_progress');
}

async function scenarioBargeIn() {
  await until(() => serverCount('session.updated') >= 1);
  session.sendMessage(LONG_MESSAGE);
  await waitForAssistantAudio();
  note('speaking', { audio_chunks: audioChunks, audio_bytes: audioBytesReceived });
  await speak(audioBytes, values.audio);
  // the interrupted response and the answer to the spoken turn
  await until(() => responseDone().length >= 2);
}

function summary() {
  note('summary', {
    scenario,
    history: history().map(summarizeItem),
    tool_calls: toolCalls,
    sdk_errors: sdkErrors,
    schema_errors: schemaErrors,
    audio_chunks: audioChunks,
    audio_bytes: audioBytesReceived,
    server_events: serverEvents.length,
  });
}

async function finish(code, kind, fields = {}) {
  if (finished) return;
  if (kind) note(kind, fields);
  summary();
  finished = true;
  clearTimeout(timer);
  const ws = session.transport.connectionState?.websocket;
  const closed = ws && ws.readyState === ws.OPEN ? new Promise((r) => {
    const t = setTimeout(() => r({ code: 1006, reason: 'close handshake timed out' }), 2000);
    ws.once('close', (c, reason) => { clearTimeout(t); r({ code: c, reason: reason?.toString() ?? '' }); });
  }) : null;
  try {
    session.close();
  } catch (e) {
    note('sdk_error', { source: 'close', ...describeError(e) });
  }
  if (closed) note('close', { ...(await closed), by: 'client' });
  note('done', { exit: code, sdk_errors: sdkErrors, schema_errors: schemaErrors });
  exitFlushed(code);
}

const timer = setTimeout(() => finish(EXIT.TIMEOUT, 'timeout', {
  timeout_ms: timeoutMs, scenario, audio_chunks: audioChunks, sdk_events: sdkEvents.map((e) => e.name),
}), timeoutMs);

try {
  await session.connect({ apiKey, url: wsUrl() });
  note('connected', { url: wsUrl(), model: values.model });
} catch (e) {
  note('sdk_error', { source: 'connect', ...describeError(e) });
  await finish(EXIT.FAILED, null);
}

const run = {
  connect: scenarioConnect,
  text: scenarioText,
  audio: scenarioAudio,
  tool: scenarioTool,
  interrupt: scenarioInterrupt,
  'barge-in': scenarioBargeIn,
}[scenario];

try {
  await run();
  if (lingerMs > 0) await sleep(lingerMs);
  await finish(EXIT.OK, 'goal', { scenario });
} catch (e) {
  await finish(EXIT.FAILED, 'crash', { phase: 'scenario', ...describeError(e) });
}
