#!/usr/bin/env node
// Conversation session through the official `openai` SDK's Node WebSocket client
// (OpenAIRealtimeWS from 'openai/realtime/ws', {model}), driven by a small scenario script so the
// Java end-to-end tests can express any exchange of client events (session.update, items,
// responses, cancellation, streamed speech with server VAD, barge-in). See --help; the output
// contract is described in lib/common.mjs.

import { readFileSync } from 'node:fs';
import {
  COMMON_OPTIONS, COMMON_USAGE, EXIT, FORMATS, closeSocket, describeError, ensureCaTrust,
  exitFlushed, installCrashHandlers, int, jsonArg, note, parseCli, printFrame, streamAudio, usageError,
} from './lib/common.mjs';

installCrashHandlers();

const USAGE = `usage: node realtime-conversation.mjs --base-url https://127.0.0.1:PORT/v1 --api-key KEY [--ca FILE]
                      [--model M] --steps JSON|@FILE [--linger-ms N] [--no-wait-created]

Opens wss://<base-url host>/<base-url path>/realtime?model=M with the official SDK
(new OpenAIRealtimeWS({model}, new OpenAI({apiKey, baseURL}))), waits for session.created (unless
--no-wait-created), runs the steps in order, lingers --linger-ms, closes with 1000 and exits 0.
${COMMON_USAGE}

Session:
  --model M               model query parameter (default gpt-realtime)
  --steps JSON|@FILE      a JSON array of steps (below), inline or from a file
  --linger-ms N           keep reading N ms after the last step before closing (default 0)
  --no-wait-created       start the steps on socket open instead of after session.created

Steps (one action key each; extra keys are options):
  {"send": {...client event...}}
        sends the event after resolving placeholders (below). Every sent event is logged as
        {"__client":"sent","step":i,"type":...,"event_id":...,"event":{...}} (audio fields longer
        than 256 characters are shortened in the log line only).
  {"wait": "TYPE"}  or  {"wait": {"type": "TYPE", "count": N, "match": {...}, "since": S, "timeoutMs": N}}
  {"waitFor": {...same object...}}
        waits until N (default 1) server events of TYPE arrived after the mark S:
          "send"  (default) where the last send/audio/silence step started,
          "step"  where this step started,
          "start" the beginning of the session,
          "cursor" just after the event the previous wait step matched.
        "match" maps JSON pointers to expected values, e.g. {"/response/status": "cancelled"}.
        "timeoutMs" bounds this wait: exit 2 when it passes, or with "orContinue": true log
        {"__client":"wait_timeout",...} and go on with the next step (for events a test expects
        but the server may not send: the test then fails on the log instead of on a timeout).
        Logged as {"__client":"waited","step":i,"type":...,"count":N,"index":k}.
  {"audio": "FILE", "speed": 1, "chunkMs": 20, "leadMs": 0, "gapMs": 0, "format": "pcm16",
   "rate": 24000, "commit": false, "background": false}
        streams FILE (raw audio in the session format) as input_audio_buffer.append events,
        paced at "speed" x real time (0 = as fast as possible), with lead/trailing silence;
        "commit" sends input_audio_buffer.commit afterwards; "background" runs it while the
        following steps proceed (see "join").
  {"silence": MS, "speed": 1, "chunkMs": 20, "format": "pcm16", "background": false}
        streams MS of silence the same way.
  {"join": true}          waits for every background audio step to finish.
  {"sleep": MS}           pauses.
  {"save": {"name": "x", "value": "$last.call_id"}}   remembers a resolved value as $var:x.
  {"close": true}         closes the socket now and exits 0 (remaining steps are skipped).

Placeholders (a string value that is exactly one of these is replaced before sending):
  $last.call_id                 call_id of the last function_call item seen
  $last.function_call.item_id   id of that item
  $last.assistant.item_id       id of the last assistant message item seen
  $last.user.item_id            id of the last user message item seen
  $last.item_id                 id of the last item seen in conversation.item.added
  $last.response_id             id of the last response.created
  $last:TYPE/JSON-POINTER       a field of the last server event of TYPE, e.g.
                                $last:response.output_item.done/item/id
  $first:TYPE/JSON-POINTER      the same for the first such event
  $var:NAME                     a value saved by a "save" step
  $base64:FILE                  the file's bytes, base64 (e.g. for input_audio content)
  $$...                         the literal string "$..."

SDK 'error' events (server error events turned into OpenAIRealtimeError, unparseable frames, socket
errors) are printed as {"__client":"sdk_error",...} lines and do not stop the steps.
Exit codes: 0 ok, 1 client failure (bad step, unresolved placeholder, exception), 2 timeout
(the waiting step is named in the {"__client":"timeout"} line), 3 server closed first, 4 usage.`;

const values = parseCli({
  ...COMMON_OPTIONS,
  model: { type: 'string', default: 'gpt-realtime' },
  steps: { type: 'string' },
  'linger-ms': { type: 'string', default: '0' },
  'no-wait-created': { type: 'boolean' },
}, USAGE);

if (!values['base-url']) usageError('--base-url is required', USAGE);
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!apiKey) usageError('--api-key is required (or set OPENAI_API_KEY)', USAGE);
if (values.steps === undefined) usageError('--steps is required', USAGE);
const timeoutMs = int(values, 'timeout-ms', USAGE, { min: 1 });
const lingerMs = int(values, 'linger-ms', USAGE);
const steps = jsonArg(values.steps, 'steps', USAGE);
if (!Array.isArray(steps)) usageError('--steps must be a JSON array', USAGE);
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
  rt = new OpenAIRealtimeWS({ model: values.model }, client);
} catch (e) {
  note('sdk_error', { phase: 'construct', ...describeError(e) });
  process.exit(EXIT.FAILED);
}
const socket = rt.socket;

// ------------------------------------------------------------------------------------------------
// Event log and waiting

const events = []; // parsed server events, in arrival order
const waiters = [];
const vars = new Map();
const background = [];
let finished = false;
let opened = false;
let sendMark = 0;
let cursor = 0;
let currentStep = -1;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function checkWaiters() {
  for (const w of [...waiters]) {
    if (w.test()) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  }
}

function until(test, limitMs) {
  if (test()) return Promise.resolve(true);
  return new Promise((resolveWait) => {
    const w = { test, resolve: () => { clearTimeout(w.timer); resolveWait(true); } };
    if (limitMs !== undefined) {
      w.timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        resolveWait(false);
      }, limitMs);
    }
    waiters.push(w);
  });
}

function pointer(obj, ptr) {
  if (ptr === '' || ptr === '/') return obj;
  let cur = obj;
  for (const raw of ptr.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(key)] : cur[key];
  }
  return cur;
}

function matches(event, spec) {
  if (event.type !== spec.type) return false;
  for (const [ptr, expected] of Object.entries(spec.match ?? {})) {
    if (JSON.stringify(pointer(event, ptr)) !== JSON.stringify(expected)) return false;
  }
  return true;
}

/** Items an event carries (conversation.item.*, response.output_item.*), for the $last.* placeholders. */
function itemOf(event) {
  if (event.item && typeof event.item === 'object') return event.item;
  return null;
}

function lastWhere(test) {
  for (let i = events.length - 1; i >= 0; i--) {
    const v = test(events[i]);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function resolveString(s) {
  if (!s.startsWith('$')) return s;
  if (s.startsWith('$$')) return s.slice(1);
  let v;
  if (s === '$last.call_id') {
    v = lastWhere((e) => (itemOf(e)?.type === 'function_call' ? itemOf(e).call_id
      : e.type === 'response.function_call_arguments.done' ? e.call_id : undefined));
  } else if (s === '$last.function_call.item_id') {
    v = lastWhere((e) => (itemOf(e)?.type === 'function_call' ? itemOf(e).id
      : e.type === 'response.function_call_arguments.done' ? e.item_id : undefined));
  } else if (s === '$last.assistant.item_id') {
    v = lastWhere((e) => (itemOf(e)?.type === 'message' && itemOf(e).role === 'assistant' ? itemOf(e).id : undefined));
  } else if (s === '$last.user.item_id') {
    v = lastWhere((e) => (itemOf(e)?.type === 'message' && itemOf(e).role === 'user' ? itemOf(e).id : undefined));
  } else if (s === '$last.item_id') {
    v = lastWhere((e) => (e.type === 'conversation.item.added' ? itemOf(e)?.id : undefined));
  } else if (s === '$last.response_id') {
    v = lastWhere((e) => (e.type === 'response.created' ? e.response?.id : undefined));
  } else if (s.startsWith('$last:') || s.startsWith('$first:')) {
    const first = s.startsWith('$first:');
    const rest = s.slice(first ? 7 : 6);
    const slash = rest.indexOf('/');
    const type = slash < 0 ? rest : rest.slice(0, slash);
    const ptr = slash < 0 ? '' : rest.slice(slash);
    const list = events.filter((e) => e.type === type);
    const e = first ? list[0] : list[list.length - 1];
    v = e === undefined ? undefined : pointer(e, ptr);
  } else if (s.startsWith('$var:')) {
    v = vars.get(s.slice(5));
  } else if (s.startsWith('$base64:')) {
    v = readFileSync(s.slice(8)).toString('base64');
  } else {
    throw new Error(`unknown placeholder ${s}`);
  }
  if (v === undefined || v === null) throw new Error(`placeholder ${s} has no value yet`);
  return v;
}

function resolve(value) {
  if (typeof value === 'string') return resolveString(value);
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolve(v);
    return out;
  }
  return value;
}

/** A copy for the log line with long audio/base64 strings shortened. */
function loggable(value, key) {
  if (typeof value === 'string') {
    return value.length > 256 && (key === 'audio' || key === 'image_url' || key === 'delta')
      ? `<${value.length} chars>` : value;
  }
  if (Array.isArray(value)) return value.map((v) => loggable(v));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = loggable(v, k);
    return out;
  }
  return value;
}

// ------------------------------------------------------------------------------------------------
// Finishing

let timer;

async function finish(code, kind, fields = {}) {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  if (kind) note(kind, fields);
  const closed = await closeSocket(socket, () => rt.close({ code: 1000, reason: 'OK' }));
  if (closed) note('close', { ...closed, by: 'client' });
  note('done', { exit: code, events: events.length });
  exitFlushed(code);
}

class StepError extends Error {}

// ------------------------------------------------------------------------------------------------
// Steps

function audioConfig(step, bytes, label) {
  const format = step.format ?? 'pcm16';
  if (!FORMATS[format]) throw new StepError(`format must be pcm16, pcmu or pcma, got ${format}`);
  const rate = format === 'pcm16' ? (step.rate ?? 24000) : FORMATS[format].rate;
  return {
    format,
    rate,
    bytesPerMs: (rate * FORMATS[format].bytesPerSample) / 1000,
    silence: FORMATS[format].silence,
    chunkMs: step.chunkMs ?? 20,
    speed: step.speed ?? 1,
    leadMs: step.leadMs ?? 0,
    gapMs: step.gapMs ?? 0,
    audio: bytes ? [{ file: label, bytes }] : [],
    commitEachFile: Boolean(step.commit),
    clearAfterFirstChunk: false,
    logAppends: false,
  };
}

function sendEvent(event, index) {
  rt.send(event);
  note('sent', { step: index, type: event.type, event_id: event.event_id ?? null, event: loggable(event) });
}

async function runAudio(step, index, cfg) {
  sendMark = events.length;
  const task = streamAudio(cfg, (e) => {
    rt.send(e);
    if (e.type !== 'input_audio_buffer.append') note('sent', { step: index, type: e.type, event_id: null, event: e });
  }, () => !finished && socket.readyState === socket.OPEN);
  if (step.background) {
    background.push(task);
    return;
  }
  if (!(await task) && !finished) throw new StepError('audio streaming stopped: socket not open');
}

async function runWait(spec, index) {
  const w = typeof spec === 'string' ? { type: spec } : spec;
  if (!w || typeof w.type !== 'string') throw new StepError('wait needs a "type"');
  const count = w.count ?? 1;
  const since = w.since ?? 'send';
  const from = since === 'send' ? sendMark : since === 'start' ? 0 : since === 'cursor' ? cursor
    : since === 'step' ? events.length : NaN;
  if (Number.isNaN(from)) throw new StepError(`since must be send, step, start or cursor, got ${since}`);
  let found = -1;
  const test = () => {
    let n = 0;
    for (let i = from; i < events.length; i++) {
      if (matches(events[i], w)) {
        n++;
        if (n >= count) {
          found = i;
          return true;
        }
      }
    }
    return false;
  };
  const ok = await until(test, w.timeoutMs);
  if (finished) return;
  if (!ok && w.orContinue) {
    note('wait_timeout', { step: index, waiting_for: w, timeout_ms: w.timeoutMs });
    return;
  }
  if (!ok) {
    await finish(EXIT.TIMEOUT, 'timeout', { step: index, waiting_for: w, timeout_ms: w.timeoutMs });
    return;
  }
  cursor = found + 1;
  note('waited', { step: index, type: w.type, count, index: found });
}

async function runStep(step, index) {
  if (step === null || typeof step !== 'object' || Array.isArray(step)) throw new StepError('a step must be an object');
  if ('send' in step) {
    sendMark = events.length;
    let event;
    try {
      event = resolve(step.send);
    } catch (e) {
      throw new StepError(e.message);
    }
    sendEvent(event, index);
  } else if ('wait' in step || 'waitFor' in step) {
    await runWait(step.wait ?? step.waitFor, index);
  } else if ('audio' in step) {
    let bytes;
    try {
      bytes = readFileSync(step.audio);
    } catch (e) {
      throw new StepError(`audio ${step.audio}: ${e.message}`);
    }
    await runAudio(step, index, audioConfig(step, bytes, step.audio));
  } else if ('silence' in step) {
    await runAudio(step, index, audioConfig({ ...step, leadMs: step.silence, gapMs: 0 }, null, 'silence'));
  } else if ('join' in step) {
    await Promise.all(background.splice(0));
  } else if ('sleep' in step) {
    await sleep(step.sleep);
  } else if ('save' in step) {
    try {
      vars.set(step.save.name, resolve(step.save.value));
    } catch (e) {
      throw new StepError(e.message);
    }
    note('saved', { step: index, name: step.save.name, value: vars.get(step.save.name) });
  } else if ('close' in step) {
    await finish(EXIT.OK, 'closing', { step: index });
  } else {
    throw new StepError(`unknown step ${JSON.stringify(step)}`);
  }
}

async function run() {
  if (!values['no-wait-created']) {
    await until(() => events.some((e) => e.type === 'session.created'));
  }
  for (let i = 0; i < steps.length && !finished; i++) {
    currentStep = i;
    try {
      await runStep(steps[i], i);
    } catch (e) {
      if (e instanceof StepError) {
        await finish(EXIT.FAILED, 'step_error', { step: i, message: e.message });
        return;
      }
      throw e;
    }
  }
  if (finished) return;
  await Promise.all(background.splice(0));
  if (lingerMs > 0) await sleep(lingerMs);
  await finish(EXIT.OK, null);
}

// ------------------------------------------------------------------------------------------------
// Wiring

timer = setTimeout(() => finish(EXIT.TIMEOUT, 'timeout', { timeout_ms: timeoutMs, step: currentStep }), timeoutMs);

// Print every frame verbatim before the SDK parses it (prependListener: runs ahead of the SDK's own
// 'message' handler); the SDK's parsed 'event' stream drives the steps.
socket.prependListener('message', (data, isBinary) => printFrame(data, isBinary));
rt.on('event', (event) => {
  if (finished) return;
  events.push(event);
  checkWaiters();
});
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
  run().catch((e) => finish(EXIT.FAILED, 'crash', { phase: 'steps', step: currentStep, ...describeError(e) }));
});
socket.on('close', (code, reason) => {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  note('close', { code, reason: reason?.toString() ?? '', by: 'remote', before_open: !opened });
  note('done', { exit: opened ? EXIT.CLOSED : EXIT.FAILED, events: events.length, step: currentStep });
  process.exit(opened ? EXIT.CLOSED : EXIT.FAILED);
});
