// Shared plumbing for the Voxmesh test clients: argument parsing, output lines, TLS trust,
// session.update construction and real-time audio streaming. Only the transport differs between
// realtime-transcribe.mjs (official `openai` SDK) and realtime-raw.mjs (plain `ws`).
//
// Output contract (read by org.voxmesh.testkit.node.NodeScripts):
//   * stdout carries one JSON object per line;
//   * a server event is printed exactly as the text frame arrived (byte-for-byte), provided the frame
//     is a single-line JSON object; anything else is wrapped in a {"__client":"frame",...} line;
//   * every line the client adds itself has a "__client" key (never inside server events);
//   * diagnostics for humans go to stderr.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

export const EXIT = Object.freeze({
  OK: 0,
  FAILED: 1, // unexpected client failure (exception, handshake failure, socket error before open)
  TIMEOUT: 2, // --timeout-ms elapsed before the expectation was met
  CLOSED: 3, // the server closed the socket before the expectation was met
  USAGE: 4, // bad command line
  SETUP_REJECTED: 5, // the server answered session.update with an error instead of session.updated
});

const started = performance.now();

/** Milliseconds since this process started its flow, rounded to 0.1 ms. */
export function now() {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Writes one already-serialised line to stdout. */
export function printRaw(line) {
  process.stdout.write(line + '\n');
}

/**
 * Exits once everything written to stdout so far has reached the pipe: a bare process.exit() can cut
 * the last line short when the reader is slow, and the Java side would see a half JSON line.
 */
export function exitFlushed(code) {
  process.stdout.write('', () => process.exit(code));
}

/** Writes a client metadata line: {"__client": kind, ...fields, "t": ms}. */
export function note(kind, fields = {}) {
  printRaw(JSON.stringify({ __client: kind, ...fields, t: now() }));
}

/** Prints a received text frame verbatim when it is a one-line JSON object, else wraps it. */
export function printFrame(data, isBinary) {
  if (isBinary) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    note('frame', { binary: true, bytes: buf.length, base64: buf.toString('base64') });
    return null;
  }
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : String(data);
  let parsed = null;
  let problem = null;
  try {
    parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problem = 'not a JSON object';
      parsed = null;
    } else if (typeof parsed.type !== 'string') {
      problem = 'no string "type"';
    }
  } catch {
    problem = 'not JSON';
  }
  if (parsed && !problem && !/[\r\n\u2028\u2029]/.test(text)) {
    printRaw(text);
  } else if (parsed && !problem) {
    note('frame', { note: 'multi-line JSON frame', text });
  } else {
    note('frame', { note: problem, text });
  }
  return parsed;
}

/** Describes an Error (including causes and OpenAIRealtimeError fields) as plain JSON. */
export function describeError(err) {
  if (err === null || err === undefined) return { message: String(err) };
  if (typeof err !== 'object') return { message: String(err) };
  const out = { name: err.name, message: err.message };
  if (err.constructor?.name && err.constructor.name !== err.name) out.class = err.constructor.name;
  if (err.code !== undefined) out.code = err.code;
  if (err.status !== undefined) out.status = err.status;
  if (err.error !== undefined) out.error = err.error;
  if (err.event_id !== undefined) out.event_id = err.event_id;
  if (err.cause !== undefined && err.cause !== err) out.cause = describeError(err.cause);
  return out;
}

/** Reports uncaught exceptions and unhandled rejections as {"__client":"crash"} lines, exit 1. */
export function installCrashHandlers() {
  const crash = (kind) => (err) => {
    note('crash', { kind, ...describeError(err) });
    process.stderr.write(`${kind}: ${err?.stack ?? err}\n`);
    process.exit(EXIT.FAILED);
  };
  process.on('uncaughtException', crash('uncaughtException'));
  process.on('unhandledRejection', crash('unhandledRejection'));
}

/** Flags shared by every script. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  ca: { type: 'string' },
  'timeout-ms': { type: 'string', default: '60000' },
};

/** Flags of the audio flow shared by realtime-transcribe.mjs and realtime-raw.mjs. */
export const FLOW_OPTIONS = {
  format: { type: 'string', default: 'pcm16' },
  rate: { type: 'string', default: '24000' },
  'turn-detection': { type: 'string', default: 'server_vad' },
  model: { type: 'string', default: 'gpt-4o-transcribe' },
  language: { type: 'string', default: 'en' },
  prompt: { type: 'string' },
  'vad-threshold': { type: 'string' },
  'silence-ms': { type: 'string' },
  'prefix-ms': { type: 'string' },
  'noise-reduction': { type: 'string' },
  include: { type: 'string', multiple: true, default: [] },
  session: { type: 'string' },
  'no-session-update': { type: 'boolean' },
  'wait-created': { type: 'boolean' },
  audio: { type: 'string', multiple: true, default: [] },
  'chunk-ms': { type: 'string', default: '20' },
  speed: { type: 'string', default: '1' },
  'lead-ms': { type: 'string', default: '0' },
  'gap-ms': { type: 'string', default: '0' },
  commit: { type: 'string', default: 'auto' },
  'clear-after-first-chunk': { type: 'boolean' },
  'log-appends': { type: 'boolean' },
  'expect-completed': { type: 'string' },
  'linger-ms': { type: 'string', default: '0' },
};

export const COMMON_USAGE = `
Connection:
  --base-url URL          REST base URL, e.g. https://127.0.0.1:8443/v1 (required)
  --api-key KEY           credential (default: $OPENAI_API_KEY)
  --ca FILE               PEM CA to trust. Node reads trust only at start-up from NODE_EXTRA_CA_CERTS:
                          set NODE_EXTRA_CA_CERTS=FILE yourself (the Java runner does); if it is not
                          set to FILE the script re-executes itself once with it set.
  --timeout-ms N          give up after N ms, exit 2 (default 60000)
  -h, --help              this text`;

export const FLOW_USAGE = `
Session (sent as session.update {type:"transcription", audio:{input:{...}}}):
  --format F              pcm16 | pcmu | pcma (default pcm16; pcm16 is {type:"audio/pcm",rate})
  --rate N                pcm16 sample rate put in the format (default 24000)
  --turn-detection T      server_vad | semantic_vad | none (default server_vad; none sends null)
  --model M               transcription model (default gpt-4o-transcribe)
  --language L            language (default en; "" omits it)
  --prompt P              transcription prompt (omitted unless given)
  --vad-threshold X       turn_detection.threshold
  --silence-ms N          turn_detection.silence_duration_ms
  --prefix-ms N           turn_detection.prefix_padding_ms
  --noise-reduction T     near_field | far_field (omitted unless given)
  --include X             add X to session.include (repeatable)
  --session JSON|@FILE    send this session object verbatim instead of building one from the flags
  --no-session-update     send no session.update (keep the server defaults)
  --wait-created          wait for session.created before sending session.update (default: send on open)

Audio (raw bytes already in the session format, no WAV header):
  --audio FILE            stream FILE (repeatable, streamed in order)
  --chunk-ms N            input_audio_buffer.append chunk length (default 20)
  --speed X               1 = real time, 2 = twice as fast, 0 = as fast as possible (default 1)
  --lead-ms N             silence sent before the first file (default 0)
  --gap-ms N              silence sent after each file (default 0); silence is 0x0000 (pcm16),
                          0xFF (pcmu) or 0xD5 (pcma)
  --commit MODE           auto | always | never: send input_audio_buffer.commit after each file's
                          audio and gap (auto = only when --turn-detection none; default auto)
  --clear-after-first-chunk  send input_audio_buffer.clear right after the first appended chunk
  --log-appends           print a {"__client":"sent","type":"input_audio_buffer.append"} line per chunk
                          (default: one {"__client":"audio"} summary line per file)

Completion:
  --expect-completed N    exit 0 after N conversation.item.input_audio_transcription.completed or
                          .failed events and after all audio was sent (default: number of --audio files;
                          0 = exit once all audio is sent)
  --linger-ms N           keep reading N ms after that before closing (default 0)

Output: stdout, one JSON object per line. Server events exactly as received; client lines carry
"__client": open | sent | audio | frame | sdk_error (SDK script) | socket_error (raw script) |
unexpected_response | close | timeout | crash | done. Exit codes: 0 ok, 1 client failure, 2 timeout, 3 server closed first, 4 usage,
5 session.update answered with error.`;

/** Parses argv; on --help prints usage and exits 0; on bad flags exits 4. */
export function parseCli(options, usage, argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  } catch (e) {
    process.stderr.write(`${e.message}\n${usage}\n`);
    process.exit(EXIT.USAGE);
  }
  if (parsed.values.help) {
    process.stdout.write(usage.trimStart() + '\n');
    process.exit(EXIT.OK);
  }
  return parsed.values;
}

export function usageError(message, usage) {
  process.stderr.write(`error: ${message}\n\n${usage}\n`);
  process.exit(EXIT.USAGE);
}

export function int(values, name, usage, { min = 0 } = {}) {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) usageError(`--${name} must be an integer >= ${min}, got ${raw}`, usage);
  return n;
}

export function num(values, name, usage, { min = 0 } = {}) {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) usageError(`--${name} must be a number >= ${min}, got ${raw}`, usage);
  return n;
}

/** Reads a JSON argument given inline or as @file. */
export function jsonArg(raw, name, usage) {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw);
  } catch (e) {
    usageError(`--${name}: ${e.message}`, usage);
  }
}

/**
 * Node takes extra CAs only from NODE_EXTRA_CA_CERTS at process start. When --ca is given and the
 * variable does not already name that file, run this same script again in a child with it set, pass
 * stdio through and exit with the child's status. Returns only when no re-exec is needed.
 */
export function ensureCaTrust(caPath) {
  if (!caPath) return;
  const wanted = resolve(caPath);
  const current = process.env.NODE_EXTRA_CA_CERTS;
  if (current && resolve(current) === wanted) return;
  if (process.env.VOXMESH_CA_REEXEC === '1') {
    process.stderr.write(`warning: NODE_EXTRA_CA_CERTS=${current ?? ''} does not name --ca ${wanted}\n`);
    return;
  }
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: wanted, VOXMESH_CA_REEXEC: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => child.kill(sig));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : EXIT.FAILED)));
  // Keep this process alive but inert until the child exits.
  return new Promise(() => {});
}

// ------------------------------------------------------------------------------------------------
// Session and audio

export const FORMATS = Object.freeze({
  pcm16: { bytesPerSample: 2, silence: [0x00, 0x00] },
  pcmu: { bytesPerSample: 1, rate: 8000, silence: [0xff], type: 'audio/pcmu' },
  pcma: { bytesPerSample: 1, rate: 8000, silence: [0xd5], type: 'audio/pcma' },
});

/** Validates the flow flags and returns a normalised configuration. */
export function flowConfig(values, usage) {
  const format = values.format;
  if (!FORMATS[format]) usageError(`--format must be pcm16, pcmu or pcma, got ${format}`, usage);
  const td = values['turn-detection'];
  if (!['server_vad', 'semantic_vad', 'none'].includes(td)) {
    usageError(`--turn-detection must be server_vad, semantic_vad or none, got ${td}`, usage);
  }
  const commit = values.commit;
  if (!['auto', 'always', 'never'].includes(commit)) usageError(`--commit must be auto, always or never`, usage);
  const rate = format === 'pcm16' ? int(values, 'rate', usage, { min: 1 }) : FORMATS[format].rate;
  const chunkMs = int(values, 'chunk-ms', usage, { min: 1 });
  const speed = num(values, 'speed', usage);
  const audio = values.audio.map((file) => {
    try {
      return { file, bytes: readFileSync(file) };
    } catch (e) {
      return usageError(`--audio ${file}: ${e.message}`, usage);
    }
  });
  const expectCompleted = values['expect-completed'] === undefined
    ? audio.length
    : int(values, 'expect-completed', usage);
  return {
    format,
    rate,
    bytesPerMs: (rate * FORMATS[format].bytesPerSample) / 1000,
    silence: FORMATS[format].silence,
    turnDetection: td,
    commitEachFile: commit === 'always' || (commit === 'auto' && td === 'none'),
    chunkMs,
    speed,
    leadMs: int(values, 'lead-ms', usage),
    gapMs: int(values, 'gap-ms', usage),
    audio,
    clearAfterFirstChunk: Boolean(values['clear-after-first-chunk']),
    logAppends: Boolean(values['log-appends']),
    expectCompleted,
    lingerMs: int(values, 'linger-ms', usage),
    sendSessionUpdate: !values['no-session-update'],
    waitCreated: Boolean(values['wait-created']),
    session: values.session !== undefined ? jsonArg(values.session, 'session', usage) : buildSession(values, format, rate, td, usage),
  };
}

function buildSession(values, format, rate, td, usage) {
  const input = {
    format: format === 'pcm16' ? { type: 'audio/pcm', rate } : { type: FORMATS[format].type },
    transcription: { model: values.model },
  };
  if (values.language) input.transcription.language = values.language;
  if (values.prompt !== undefined) input.transcription.prompt = values.prompt;
  if (values['noise-reduction']) input.noise_reduction = { type: values['noise-reduction'] };
  if (td === 'none') {
    input.turn_detection = null;
  } else {
    const t = { type: td };
    const threshold = num(values, 'vad-threshold', usage);
    const prefix = int(values, 'prefix-ms', usage);
    const silence = int(values, 'silence-ms', usage);
    if (threshold !== undefined) t.threshold = threshold;
    if (prefix !== undefined) t.prefix_padding_ms = prefix;
    if (silence !== undefined) t.silence_duration_ms = silence;
    input.turn_detection = t;
  }
  const session = { type: 'transcription', audio: { input } };
  if (values.include.length) session.include = values.include;
  return session;
}

function silenceBytes(cfg, ms) {
  const frame = cfg.silence.length;
  const n = Math.round(ms * cfg.bytesPerMs / frame) * frame;
  const buf = Buffer.alloc(n);
  for (let i = 0; i < n; i += frame) for (let j = 0; j < frame; j++) buf[i + j] = cfg.silence[j];
  return buf;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Streams every file (plus lead/gap silence) as paced input_audio_buffer.append events.
 * `send(event)` sends one client event; `isOpen()` stops the stream when the socket went away.
 */
export async function streamAudio(cfg, send, isOpen) {
  const chunkBytes = Math.max(cfg.silence.length, Math.round(cfg.chunkMs * cfg.bytesPerMs / cfg.silence.length) * cfg.silence.length);
  const t0 = performance.now();
  let sentMs = 0; // audio duration sent so far, drives pacing
  let firstChunk = true;

  const sendBuffer = async (buf, label) => {
    let chunks = 0;
    const from = now();
    for (let off = 0; off < buf.length; off += chunkBytes) {
      if (!isOpen()) return false;
      const chunk = buf.subarray(off, Math.min(buf.length, off + chunkBytes));
      if (cfg.speed > 0) {
        const due = t0 + sentMs / cfg.speed;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
      } else if (chunks % 16 === 0) {
        await new Promise((r) => setImmediate(r));
      }
      if (!isOpen()) return false;
      send({ type: 'input_audio_buffer.append', audio: chunk.toString('base64') });
      if (cfg.logAppends) note('sent', { type: 'input_audio_buffer.append', bytes: chunk.length, source: label });
      sentMs += chunk.length / cfg.bytesPerMs;
      chunks++;
      if (firstChunk) {
        firstChunk = false;
        if (cfg.clearAfterFirstChunk) {
          send({ type: 'input_audio_buffer.clear' });
          note('sent', { type: 'input_audio_buffer.clear' });
        }
      }
    }
    if (chunks > 0) note('audio', { source: label, bytes: buf.length, chunks, ms: buf.length / cfg.bytesPerMs, from });
    return true;
  };

  if (cfg.leadMs > 0 && !(await sendBuffer(silenceBytes(cfg, cfg.leadMs), 'lead-silence'))) return false;
  for (const { file, bytes } of cfg.audio) {
    if (!(await sendBuffer(bytes, file))) return false;
    if (cfg.gapMs > 0 && !(await sendBuffer(silenceBytes(cfg, cfg.gapMs), 'gap-silence'))) return false;
    if (cfg.commitEachFile) {
      if (!isOpen()) return false;
      send({ type: 'input_audio_buffer.commit' });
      note('sent', { type: 'input_audio_buffer.commit' });
    }
  }
  return true;
}

export const COMPLETION_TYPES = new Set([
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
]);

/**
 * Drives one session: optional session.update, wait for session.updated, stream audio, wait for
 * the expected number of transcription results. The transport supplies:
 *   send(event), isOpen(), close() -> Promise<void>, and calls flow.onEvent(event) / flow.onClosed(code, reason).
 */
export function createFlow(cfg, transport, timeoutMs) {
  let completed = 0;
  let audioDone = false;
  let finished = false;
  let created = false;
  let updated = false;
  let setupStarted = false;
  const waiters = [];

  const check = () => {
    for (const w of [...waiters]) {
      if (w.test()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const until = (test) => (test() ? Promise.resolve() : new Promise((resolve) => waiters.push({ test, resolve })));

  const finish = async (code, kind, fields = {}) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (kind) note(kind, fields);
    const closed = await transport.close();
    if (closed) note('close', { ...closed, by: 'client' });
    note('done', { exit: code, completed });
    exitFlushed(code);
  };

  const timer = setTimeout(() => finish(EXIT.TIMEOUT, 'timeout', { timeout_ms: timeoutMs, completed, audio_done: audioDone }), timeoutMs);

  const sendEvent = (event) => {
    transport.send(event);
    if (event.type !== 'input_audio_buffer.append') note('sent', { type: event.type });
  };

  const flow = {
    onEvent(event) {
      if (!event || finished) return;
      if (event.type === 'session.created' || event.type === 'transcription_session.created') created = true;
      if (event.type === 'session.updated' || event.type === 'transcription_session.updated') updated = true;
      if (event.type === 'error' && setupStarted && !updated && cfg.sendSessionUpdate) {
        finish(EXIT.SETUP_REJECTED, null);
        return;
      }
      if (COMPLETION_TYPES.has(event.type)) completed++;
      check();
    },
    onClosed(code, reason) {
      if (finished) return;
      note('close', { code, reason, by: 'remote' });
      const met = audioDone && completed >= cfg.expectCompleted;
      finished = true;
      clearTimeout(timer);
      note('done', { exit: met ? EXIT.OK : EXIT.CLOSED, completed });
      exitFlushed(met ? EXIT.OK : EXIT.CLOSED);
    },
    fail(code, kind, fields) {
      return finish(code, kind, fields);
    },
    async run() {
      if (cfg.waitCreated) await until(() => created);
      if (cfg.sendSessionUpdate) {
        setupStarted = true;
        sendEvent({ type: 'session.update', session: cfg.session });
        await until(() => updated);
      }
      if (finished) return;
      const ok = await streamAudio(cfg, (e) => transport.send(e), () => !finished && transport.isOpen());
      if (!ok || finished) return;
      audioDone = true;
      await until(() => completed >= cfg.expectCompleted);
      if (cfg.lingerMs > 0) await sleep(cfg.lingerMs);
      await finish(EXIT.OK, null);
    },
  };
  return flow;
}

/**
 * Closes a `ws` socket (doClose sends close 1000) and waits at most 2 s for the close handshake.
 * Resolves with {code, reason} of the close, or null when the socket was already closed.
 */
export function closeSocket(socket, doClose) {
  return new Promise((resolveClose) => {
    if (socket.readyState === socket.CLOSED) return resolveClose(null);
    const t = setTimeout(() => {
      socket.terminate();
      resolveClose({ code: 1006, reason: 'close handshake timed out, terminated' });
    }, 2000);
    socket.once('close', (code, reason) => {
      clearTimeout(t);
      resolveClose({ code, reason: reason?.toString() ?? '' });
    });
    try {
      doClose();
    } catch {
      socket.terminate();
    }
  });
}
