/**
 * What the page's main thread did while typing, from a trace recorded by
 * `bench/editor-typing.ts --trace out.json`, to find which keys make the latency tail and why:
 *
 *   npx tsx bench/editor-trace.ts out.json [--slowest 10] [--thread-time]
 *
 * For each typing phase (between the page's typing:start and typing:end marks): the main thread's time per
 * key by kind of task (the key's own task with its parts, the frame after it, idle callbacks, timers,
 * garbage collection), every task over 3 ms, and the tasks around the keys whose keydown-to-paint span
 * was longest. Durations are inflated by tracing itself; compare traces with each other. --thread-time
 * sums the main thread's CPU time (the trace's tdur) instead of wall time: on a machine others load, a
 * descheduled main thread inflates wall times, not its CPU time, so paired traces compare more fairly.
 * Inside the keypress (where the browser and ProseMirror insert the character) it separates the page's
 * script, style and layout from the browser's own editing.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown> };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { slowest: { type: "string", default: "10" }, "thread-time": { type: "boolean", default: false } } });
if (!positionals[0]) throw new Error("Usage: editor-trace.ts <trace.json> [--slowest N]");
const raw = JSON.parse(readFileSync(positionals[0], "utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : raw.traceEvents;

const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`;
const isEvent = (event: TraceEvent, type: string) => event.name === "EventDispatch" && event.args?.data?.type === type;
// The renderer's main thread: the one that dispatched the keys.
const keyThreads = new Map<string, number>();
for (const event of events) if (isEvent(event, "keydown")) keyThreads.set(thread(event), (keyThreads.get(thread(event)) ?? 0) + 1);
const main = [...keyThreads].sort((a, b) => b[1] - a[1])[0]?.[0];
if (!main) throw new Error("No keydown in the trace.");
const onMain = events.filter((event) => thread(event) === main && event.ph === "X" && event.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
const marks = events.filter((event) => event.name.startsWith("typing:")).sort((a, b) => a.ts - b.ts);
const TASK = "ThreadControllerImpl::RunTask";
const WRAPPERS = new Set([TASK, "RunTask", "v8.callFunction", "V8.Execute", "RunMicrotasks"]);
const end = (event: TraceEvent) => event.ts + event.dur!;
const ms = (us: number) => (us / 1000).toFixed(1);
/** What an event costs as reported: wall time, or the main thread's CPU time with --thread-time. */
const cost = (event: TraceEvent) => (values["thread-time"] ? (event.tdur ?? event.dur!) : event.dur!);

const label = (event: TraceEvent) => {
  const data = event.args?.data ?? {};
  if (event.name === "EventDispatch") return `Event:${String(data.type)}`;
  if (event.name === "FunctionCall") return `Fn:${String(data.functionName || "(anon)")}@${String(data.url ?? "").split("/").pop()}:${String(data.columnNumber ?? "")}`;
  return event.name;
};

/** The outermost events inside a task, skipping wrappers. */
function partsOf(task: TraceEvent, minDur = 0): TraceEvent[] {
  const parts: TraceEvent[] = [];
  let coveredUntil = -1;
  for (const event of onMain) {
    if (event.ts < task.ts || event.ts >= end(task) || event === task || WRAPPERS.has(event.name)) continue;
    if (event.ts < coveredUntil) continue;
    coveredUntil = end(event);
    if (event.dur! >= minDur) parts.push(event);
  }
  return parts;
}

const describe = (task: TraceEvent) => partsOf(task, 500).map((event) => `${label(event)} ${ms(event.dur!)}`).join(" | ");

function kindOf(parts: TraceEvent[]): string {
  if (parts.some((event) => isEvent(event, "keydown") || isEvent(event, "keypress"))) return "key";
  if (parts.some((event) => ["PrePaint", "Paint", "Commit", "Layerize"].includes(event.name))) return "frame";
  const first = parts.find((event) => event.name !== "FunctionCall") ?? parts[0];
  if (!first) return "other";
  if (/GC|Scavenge|MarkCompact/.test(first.name)) return "garbage collection";
  return first.name === "EventDispatch" ? label(first) : first.name;
}

for (let index = 0; index + 1 < marks.length; index += 2) {
  const start = marks[index]!.ts;
  const stop = marks[index + 1]!.ts;
  const tasks = onMain.filter((event) => event.name === TASK && event.ts >= start && event.ts <= stop);
  const keydowns = onMain.filter((event) => isEvent(event, "keydown") && event.ts >= start && event.ts <= stop);
  const perKey = new Map<string, number>();
  const add = (name: string, us: number) => perKey.set(name, (perKey.get(name) ?? 0) + us);
  for (const task of tasks) {
    const parts = partsOf(task);
    const kind = kindOf(parts);
    add(kind, cost(task));
    if (kind !== "key" && kind !== "frame") continue;
    for (const part of parts) {
      if (!isEvent(part, "keypress")) {
        add(`${kind} / ${label(part).startsWith("Fn:") ? "script" : label(part)}`, cost(part));
        continue;
      }
      // The browser's own text insertion, with the style and layout it forces, around the page's script:
      // its input event handlers (ProseMirror's mutation observer runs in them) or, when the page inserts
      // the text itself, its keypress handler. Layout that script forces is counted with the script.
      const inside = onMain.filter((event) => event !== part && event.ts >= part.ts && end(event) <= end(part));
      const within = (outer: TraceEvent[]) => (event: TraceEvent) => outer.some((o) => o !== event && event.ts >= o.ts && end(event) <= end(o));
      const inputs = inside.filter((event) => isEvent(event, "input") || isEvent(event, "beforeinput"));
      const calls = inside.filter((event) => event.name === "FunctionCall" && !within(inputs)(event));
      const scripts = calls.filter((event) => !within(calls)(event));
      const page = [...inputs, ...scripts];
      const browser = (name: string) => inside.filter((event) => event.name === name && !within(page)(event));
      const sum = (list: TraceEvent[]) => list.reduce((total, event) => total + cost(event), 0);
      const [input, script, style, layout] = [sum(inputs), sum(scripts), sum(browser("UpdateLayoutTree")), sum(browser("Layout"))];
      add("key / keypress: page's input events (ProseMirror)", input);
      add("key / keypress: page's keypress script", script);
      add("key / keypress: (of the page's part, layout it forced)", sum(inside.filter((event) => event.name === "Layout" && within(page)(event))));
      add("key / keypress: style", style);
      add("key / keypress: layout", layout);
      add("key / keypress: browser's text insertion", cost(part) - input - script - style - layout);
    }
  }
  console.log(`\nPhase ${index / 2 + 1}: ${keydowns.length} keys in ${(((stop - start) / 1e6) as number).toFixed(1)} s; main thread ms per key:`);
  for (const [name, us] of [...perKey].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (us / keydowns.length >= 50) console.log(`  ${(us / keydowns.length / 1000).toFixed(2).padStart(6)}  ${name}`);

  console.log("  tasks over 3 ms:");
  for (const task of tasks.filter((event) => event.dur! > 3000)) console.log(`  +${ms(task.ts - start).padStart(8)} ${ms(task.dur!).padStart(5)} ms: ${describe(task)}`);

  const frames = onMain.filter((event) => event.name === "Commit" && event.ts >= start);
  const spans = keydowns.map((keydown, key) => {
    const frame = frames.find((event) => event.ts > keydown.ts);
    return { key, keydown, span: frame ? end(frame) - keydown.ts : Number.NaN };
  });
  console.log("  slowest keys, keydown to the end of the next frame's commit, with the tasks from 20 ms before:");
  for (const { key, keydown, span } of spans.filter((entry) => !Number.isNaN(entry.span)).sort((a, b) => b.span - a.span).slice(0, Number(values.slowest))) {
    console.log(`  key ${key} at +${ms(keydown.ts - start)}: ${ms(span)} ms`);
    for (const task of tasks.filter((event) => end(event) >= keydown.ts - 20_000 && event.ts <= keydown.ts + span && event.dur! > 500)) {
      console.log(`    ${ms(task.ts - keydown.ts).padStart(7)} ${ms(task.dur!).padStart(5)} ms: ${describe(task)}`);
    }
  }
}
